using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Messaging;

internal sealed class MessageThreadConfiguration : IEntityTypeConfiguration<MessageThread>
{
    public void Configure(EntityTypeBuilder<MessageThread> builder)
    {
        builder.Property(t => t.SubjectKind).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(t => new { t.SubjectKind, t.SubjectId }).IsUnique();
        builder.HasIndex(t => new { t.CustomerId, t.LastMessageAtUtc });
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(t => t.IsVisibleToCustomer);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.AuthorKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.AuthorName).HasMaxLength(200);
        builder.Property(m => m.Body).HasMaxLength(8000);
        builder.HasIndex(m => new { m.ThreadId, m.SentAtUtc });
    }
}
