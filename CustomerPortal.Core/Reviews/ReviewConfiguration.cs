using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Reviews;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.Property(r => r.Comment).HasMaxLength(Review.CommentMaxLength);
        builder.Property(r => r.AuthorName).HasMaxLength(200);
        builder.Property(r => r.FollowedUpBy).HasMaxLength(200);
        builder.ToTable(t => t.HasCheckConstraint("CK_Reviews_Rating", "\"Rating\" BETWEEN 1 AND 5"));
        builder.HasIndex(r => new { r.CustomerId, r.CreatedAtUtc });
        builder.HasIndex(r => r.CreatedAtUtc);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Accounts.PortalUser>().WithMany().HasForeignKey(r => r.PortalUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Jobs.Job>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Messaging.MessageThread>().WithMany().HasForeignKey(r => r.ReplyThreadId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(r => r.IsVisibleToCustomer);
    }
}
