using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Messaging;

internal sealed class MessageThreadConfiguration : IEntityTypeConfiguration<MessageThread>
{
    public void Configure(EntityTypeBuilder<MessageThread> builder)
    {
        builder.Property(t => t.SubjectKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Topic).HasMaxLength(MessageThread.TopicMaxLength);
        builder.Property(t => t.Preview).HasMaxLength(MessageThread.PreviewLength + 10);
        // One thread per record; general conversations (no subject) may be many.
        builder.HasIndex(t => new { t.SubjectKind, t.SubjectId }).IsUnique();
        builder.HasIndex(t => new { t.CustomerId, t.LastMessageAtUtc });
        builder.HasIndex(t => t.LastMessageAtUtc);
        // The staff home and the inbox's Waiting filter read the open threads oldest wait first straight off this index.
        builder.HasIndex(t => new { t.DoneAtUtc, t.WaitingSinceUtc });
        // Insights counts the waits of a period that no one has answered yet.
        builder.HasIndex(t => t.WaitingSinceUtc);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.AssignedStaffUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(t => t.IsVisibleToCustomer);
        builder.Ignore(t => t.IsDone);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.AuthorKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.AuthorName).HasMaxLength(200);
        builder.Property(m => m.Body).HasMaxLength(Message.MaxBodyLength);
        // The same client id twice in a thread is one message, even when two sends race.
        builder.HasIndex(m => new { m.ThreadId, m.ClientMessageId }).IsUnique();
        builder.HasIndex(m => new { m.ThreadId, m.Id });
        // First response times on the Insights page read the replies to the waits of a period from this index alone.
        builder.HasIndex(m => new { m.AnsweredWaitSinceUtc, m.SentAtUtc, m.StaffUserId })
            .HasFilter("\"AnsweredWaitSinceUtc\" IS NOT NULL");
    }
}

internal sealed class ThreadParticipantConfiguration : IEntityTypeConfiguration<ThreadParticipant>
{
    public void Configure(EntityTypeBuilder<ThreadParticipant> builder)
    {
        builder.HasOne<MessageThread>().WithMany().HasForeignKey(p => p.ThreadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.StaffUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(p => p.PortalUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.ThreadId, p.StaffUserId }).IsUnique();
        builder.HasIndex(p => new { p.ThreadId, p.PortalUserId }).IsUnique();
        builder.HasIndex(p => p.PortalUserId);
        builder.HasIndex(p => p.StaffUserId);
    }
}
