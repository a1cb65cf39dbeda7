using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Attachments;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.Tag).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.OriginalFileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.StoredFileName).HasMaxLength(100);
        builder.Property(a => a.ThumbnailFileName).HasMaxLength(100);
        builder.Property(a => a.Caption).HasMaxLength(500);
        builder.Property(a => a.UploadedBy).HasMaxLength(200);
        builder.HasIndex(a => a.CustomerId);
        builder.HasIndex(a => a.JobId);
        builder.HasIndex(a => a.ProjectId);
        builder.HasIndex(a => a.EstimateId);
        builder.HasIndex(a => a.InvoiceId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Jobs.Job>().WithMany().HasForeignKey(a => a.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Jobs.Visit>().WithMany().HasForeignKey(a => a.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Projects.Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Estimates.Estimate>().WithMany().HasForeignKey(a => a.EstimateId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Invoices.Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.MessageId);
        builder.HasOne<Messaging.MessageThread>().WithMany().HasForeignKey(a => a.ThreadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Messaging.Message>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Requests.ServiceRequest>().WithMany().HasForeignKey(a => a.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(a => a.Owner);
        builder.Ignore(a => a.IsVisibleToCustomer);
    }
}
