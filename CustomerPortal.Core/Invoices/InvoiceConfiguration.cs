using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Invoices;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.Property(i => i.Number).HasMaxLength(32);
        builder.HasIndex(i => i.Number).IsUnique();
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Terms).HasMaxLength(8000);
        builder.Property(i => i.InternalNotes).HasMaxLength(8000);
        builder.Property(i => i.VoidReason).HasMaxLength(2000);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.DiscountKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.CustomerId, i.Status });
        builder.HasIndex(i => i.DueDate);
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Jobs.Job>().WithMany().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Estimates.Estimate>().WithMany().HasForeignKey(i => i.EstimateId).OnDelete(DeleteBehavior.SetNull);
        builder.OwnsMany(i => i.Lines, line =>
        {
            line.ToTable("InvoiceLines");
            line.WithOwner().HasForeignKey("InvoiceId");
            line.HasKey(l => l.Id);
            line.Property(l => l.Description).HasMaxLength(2000);
            line.Ignore(l => l.Amount);
        });
        builder.Navigation(i => i.Lines).AutoInclude();
        builder.Ignore(i => i.IsVisibleToCustomer);
    }
}
