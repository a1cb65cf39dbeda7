using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Estimates;

internal sealed class EstimateConfiguration : IEntityTypeConfiguration<Estimate>
{
    public void Configure(EntityTypeBuilder<Estimate> builder)
    {
        builder.Property(e => e.Number).HasMaxLength(32);
        builder.HasIndex(e => e.Number).IsUnique();
        builder.Property(e => e.Title).HasMaxLength(200);
        builder.Property(e => e.Terms).HasMaxLength(8000);
        builder.Property(e => e.InternalNotes).HasMaxLength(8000);
        builder.Property(e => e.DeclineReason).HasMaxLength(2000);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.DiscountKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => new { e.CustomerId, e.Status });
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Projects.Project>().WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.SetNull);
        builder.OwnsMany(e => e.Lines, line =>
        {
            line.ToTable("EstimateLines");
            line.WithOwner().HasForeignKey("EstimateId");
            line.HasKey(l => l.Id);
            line.Property(l => l.Description).HasMaxLength(2000);
            line.Ignore(l => l.Amount);
        });
        builder.OwnsOne(e => e.Acceptance, a =>
        {
            a.Property(x => x.SignedName).HasMaxLength(200).HasColumnName("AcceptedName");
            a.Property(x => x.AcceptedAtUtc).HasColumnName("AcceptedAtUtc");
            a.Property(x => x.IpAddress).HasMaxLength(64).HasColumnName("AcceptedFromIp");
            a.Property(x => x.UserAgent).HasMaxLength(512).HasColumnName("AcceptedUserAgent");
            a.Property(x => x.PortalUserId).HasColumnName("AcceptedByPortalUserId");
        });
        builder.Navigation(e => e.Lines).AutoInclude();
        builder.Ignore(e => e.IsVisibleToCustomer);
    }
}
