using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Requests;

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> builder)
    {
        builder.Property(r => r.Number).HasMaxLength(32);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Category).HasMaxLength(60);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Description).HasMaxLength(8000);
        builder.Property(r => r.PreferredTimeWindow).HasMaxLength(100);
        builder.Property(r => r.AlternativeTimeWindow).HasMaxLength(100);
        builder.Property(r => r.ContactBy).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.ContactName).HasMaxLength(200);
        builder.Property(r => r.ContactEmail).HasMaxLength(256);
        builder.Property(r => r.ContactPhone).HasMaxLength(40);
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
        builder.Property(r => r.DeclineReason).HasMaxLength(2000);
        builder.Property(r => r.StaffNotes).HasMaxLength(4000);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.ComplexProperty(r => r.ServiceAddress, a => a.ConfigureAddress());
        builder.HasIndex(r => new { r.CustomerId, r.CreatedAtUtc });
        builder.HasIndex(r => new { r.Status, r.CreatedAtUtc });
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Accounts.PortalUser>().WithMany().HasForeignKey(r => r.PortalUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Jobs.Job>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Estimates.Estimate>().WithMany().HasForeignKey(r => r.EstimateId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(r => r.IsVisibleToCustomer);
        builder.Ignore(r => r.IsOpen);
    }
}
