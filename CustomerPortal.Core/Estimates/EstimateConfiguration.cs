using CustomerPortal.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Estimates;

internal sealed class EstimateConfiguration : IEntityTypeConfiguration<Estimate>
{
    public void Configure(EntityTypeBuilder<Estimate> builder)
    {
        SalesDocumentMapping.Configure(builder, "EstimateLines", "EstimateId");
        builder.Property(e => e.DeclineReason).HasMaxLength(2000);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(e => new { e.CustomerId, e.Status });
        builder.HasIndex(e => e.SentAtUtc);
        builder.HasIndex(e => new { e.Status, e.ExpiresOn });
        builder.HasOne<Projects.Project>().WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.SetNull);
        builder.OwnsOne(e => e.Acceptance, a =>
        {
            a.Property(x => x.SignedName).HasMaxLength(200).HasColumnName("AcceptedName");
            a.Property(x => x.AcceptedAtUtc).HasColumnName("AcceptedAtUtc");
            a.Property(x => x.IpAddress).HasMaxLength(64).HasColumnName("AcceptedFromIp");
            a.Property(x => x.UserAgent).HasMaxLength(512).HasColumnName("AcceptedUserAgent");
            a.Property(x => x.PortalUserId).HasColumnName("AcceptedByPortalUserId");
        });
    }
}
