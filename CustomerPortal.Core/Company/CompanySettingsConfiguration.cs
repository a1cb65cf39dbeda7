using CustomerPortal.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Company;

internal sealed class CompanySettingsConfiguration : IEntityTypeConfiguration<CompanySettings>
{
    public void Configure(EntityTypeBuilder<CompanySettings> builder)
    {
        builder.ToTable("CompanySettings");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.WebsiteUrl).HasMaxLength(500);
        builder.Property(c => c.OtherWaysToPay).HasMaxLength(CompanySettings.OtherWaysToPayMaxLength);
        builder.Property(c => c.LogoFileName).HasMaxLength(200);
        builder.Property(c => c.LogoContentType).HasMaxLength(100);
        builder.Property(c => c.AccentColor).HasMaxLength(9);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.TimeZoneId).HasMaxLength(64);
        builder.Property(c => c.PublicReviewUrl).HasMaxLength(500);
        builder.ComplexProperty(c => c.Address, a => a.ConfigureAddress());
        builder.Ignore(c => c.TimeZone);
    }
}
