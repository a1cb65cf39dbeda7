using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Jobs;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.Property(j => j.Number).HasMaxLength(32);
        builder.HasIndex(j => j.Number).IsUnique();
        builder.Property(j => j.Title).HasMaxLength(200);
        builder.Property(j => j.Description).HasMaxLength(8000);
        builder.Property(j => j.InternalNotes).HasMaxLength(8000);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        builder.ComplexProperty(j => j.ServiceAddress, a => a.ConfigureAddress());
        builder.HasIndex(j => new { j.CustomerId, j.Status });
        builder.HasOne<Customer>().WithMany().HasForeignKey(j => j.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Projects.Project>().WithMany().HasForeignKey(j => j.ProjectId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Estimates.Estimate>().WithMany().HasForeignKey(j => j.EstimateId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(j => j.Visits).WithOne().HasForeignKey(v => v.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(j => j.IsVisibleToCustomer);
        builder.Ignore(j => j.IsOpen);
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.Property(v => v.TechnicianName).HasMaxLength(200);
        builder.Property(v => v.Notes).HasMaxLength(4000);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(v => v.ScheduledStartUtc);
    }
}
