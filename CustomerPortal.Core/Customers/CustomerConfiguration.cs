using CustomerPortal.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.FirstName).HasMaxLength(100);
        builder.Property(c => c.LastName).HasMaxLength(100);
        builder.Property(c => c.CompanyName).HasMaxLength(200);
        builder.Property(c => c.DisplayName).HasMaxLength(200);
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.InternalNotes).HasMaxLength(8000);
        builder.Property(c => c.PortalIdentifier).HasMaxLength(60);
        builder.HasIndex(c => c.PortalIdentifier).IsUnique();
        builder.Property(c => c.SearchText).HasMaxLength(CustomerSearch.MaxTextLength);
        // The staff list walks one of these in its sort order and filters on archive state and search text from the
        // index alone, so a page or a count never reads the wide table rows (see CustomerService.ListAsync).
        builder.HasIndex(c => new { c.DisplayName, c.IsArchived, c.SearchText });
        builder.HasIndex(c => new { c.Email, c.IsArchived, c.SearchText });
        builder.HasIndex(c => new { c.CreatedAtUtc, c.IsArchived, c.SearchText });
        // Counting the customers that are not archived reads this small index instead of a wide one.
        builder.HasIndex(c => c.IsArchived);
        // Portal adoption on the Insights page counts from this index alone.
        builder.HasIndex(c => new { c.CreatedAtUtc, c.IsArchived, c.IsPendingReview, c.PortalJoinedAtUtc });
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.ServiceAddresses).WithOne().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(c => c.PrimaryAddress);
    }
}

internal sealed class CustomerContactConfiguration : IEntityTypeConfiguration<CustomerContact>
{
    public void Configure(EntityTypeBuilder<CustomerContact> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.Role).HasMaxLength(100);
        builder.HasIndex(c => c.Email);
    }
}

internal sealed class ServiceAddressConfiguration : IEntityTypeConfiguration<ServiceAddress>
{
    public void Configure(EntityTypeBuilder<ServiceAddress> builder)
    {
        builder.Property(a => a.Label).HasMaxLength(100);
        builder.Property(a => a.AccessNotes).HasMaxLength(2000);
        builder.ComplexProperty(a => a.Address, a => a.ConfigureAddress());
    }
}
