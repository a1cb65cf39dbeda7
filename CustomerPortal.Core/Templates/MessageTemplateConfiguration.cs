using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Templates;

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Subject).HasMaxLength(500);
        builder.Property(t => t.Body).HasMaxLength(20000);
        builder.HasIndex(t => new { t.Key, t.Channel }).IsUnique();
    }
}
