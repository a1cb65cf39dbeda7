using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Common;

internal static class AddressMapping
{
    /// <summary>Maps an <see cref="Address"/> as a complex type: columns on the owner's table, value semantics, shareable instances.</summary>
    public static void ConfigureAddress(this ComplexPropertyBuilder<Address> address)
    {
        address.Property(a => a.Line1).HasMaxLength(200);
        address.Property(a => a.Line2).HasMaxLength(200);
        address.Property(a => a.City).HasMaxLength(100);
        address.Property(a => a.Region).HasMaxLength(100);
        address.Property(a => a.PostalCode).HasMaxLength(20);
    }
}
