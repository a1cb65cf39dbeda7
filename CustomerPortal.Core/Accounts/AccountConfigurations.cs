using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Accounts;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.Property(u => u.AccountId).HasMaxLength(64);
        builder.Property(u => u.Name).HasMaxLength(200);
        builder.Property(u => u.Email).HasMaxLength(256);
        builder.HasIndex(u => u.AccountId).IsUnique();
        builder.HasOne<AppUser>().WithOne().HasForeignKey<StaffUser>(u => u.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder)
    {
        builder.Property(u => u.AccountId).HasMaxLength(64);
        builder.Property(u => u.Email).HasMaxLength(256);
        builder.Property(u => u.Name).HasMaxLength(200);
        builder.Property(u => u.Phone).HasMaxLength(40);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.HasIndex(u => u.CustomerId);
        builder.HasIndex(u => u.AccountId).IsUnique();
        builder.Property(u => u.Version).IsConcurrencyToken();
        builder.HasIndex(u => new { u.Status, u.InvitedAtUtc });
        builder.HasOne<Customers.Customer>().WithMany().HasForeignKey(u => u.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithOne().HasForeignKey<PortalUser>(u => u.AccountId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MagicLinkTokenConfiguration : IEntityTypeConfiguration<MagicLinkToken>
{
    public void Configure(EntityTypeBuilder<MagicLinkToken> builder)
    {
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.PortalUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder) => builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(16);
}

internal sealed class DeepLinkUseConfiguration : IEntityTypeConfiguration<DeepLinkUse>
{
    public void Configure(EntityTypeBuilder<DeepLinkUse> builder)
    {
        builder.HasKey(u => u.Nonce);
        builder.Property(u => u.Nonce).HasMaxLength(64);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(u => u.PortalUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
