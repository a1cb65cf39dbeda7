using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.Number).HasMaxLength(32);
        builder.HasIndex(p => p.Number).IsUnique();
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Reference).HasMaxLength(200);
        builder.Property(p => p.ProcessorPaymentId).HasMaxLength(100);
        builder.HasIndex(p => p.ProcessorPaymentId).IsUnique();
        builder.Property(p => p.Notes).HasMaxLength(2000);
        builder.HasIndex(p => new { p.CustomerId, p.ReceivedAtUtc });
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Allocations).WithOne().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Allocations).AutoInclude();
        builder.Ignore(p => p.IsVisibleToCustomer);
        builder.Ignore(p => p.AllocatedAmount);
        builder.Ignore(p => p.UnallocatedAmount);
    }
}

internal sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> builder)
    {
        builder.HasOne<Invoices.Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Estimates.Estimate>().WithMany().HasForeignKey(a => a.EstimateId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_PaymentAllocations_OneTarget",
            "(\"InvoiceId\" IS NULL) <> (\"EstimateId\" IS NULL)"));
        builder.HasIndex(a => a.InvoiceId);
    }
}

internal sealed class CreditEntryConfiguration : IEntityTypeConfiguration<CreditEntry>
{
    public void Configure(EntityTypeBuilder<CreditEntry> builder)
    {
        builder.Property(c => c.Reason).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Note).HasMaxLength(500);
        builder.HasIndex(c => new { c.CustomerId, c.AtUtc });
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Payment>().WithMany().HasForeignKey(c => c.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoices.Invoice>().WithMany().HasForeignKey(c => c.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(c => c.IsVisibleToCustomer);
    }
}
