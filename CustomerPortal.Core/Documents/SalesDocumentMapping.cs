using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Documents;

/// <summary>The columns, keys and lines table every estimate and invoice table has.</summary>
internal static class SalesDocumentMapping
{
    public static void Configure<TDocument>(EntityTypeBuilder<TDocument> builder, string linesTable, string ownerKey)
        where TDocument : SalesDocument
    {
        builder.Property(d => d.Number).HasMaxLength(32);
        builder.HasIndex(d => d.Number).IsUnique();
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.Terms).HasMaxLength(8000);
        builder.Property(d => d.InternalNotes).HasMaxLength(8000);
        builder.Property(d => d.DiscountKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(d => d.Lines, line =>
        {
            line.ToTable(linesTable);
            line.WithOwner().HasForeignKey(ownerKey);
            line.HasKey(l => l.Id);
            line.Property(l => l.Description).HasMaxLength(2000);
            line.Ignore(l => l.Amount);
        });
        builder.Navigation(d => d.Lines).AutoInclude().UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(d => d.IsVisibleToCustomer);
        builder.Ignore(d => d.IsDraft);
        builder.Ignore(d => d.Totals);
    }
}
