using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.ToAddress).HasMaxLength(256);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.Body).HasMaxLength(40000);
        builder.Property(m => m.HtmlBody).HasMaxLength(80000);
        builder.Property(m => m.TemplateKey).HasMaxLength(64);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.ReplyToAddress).HasMaxLength(320);
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(1000);
        builder.Property(m => m.LeaseOwner).HasMaxLength(100);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(200);
        builder.HasIndex(m => new { m.Status, m.CreatedAtUtc });
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        builder.HasIndex(m => m.CustomerId);
    }
}
