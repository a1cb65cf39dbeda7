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
        // Insights reads a period's payments from this index alone.
        builder.HasIndex(p => new { p.ReceivedAtUtc, p.Method, p.Status, p.PaidByPortalUserId, p.Amount });
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Allocations).WithOne().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Allocations).AutoInclude();
        builder.Navigation(p => p.Refunds).AutoInclude();
        builder.Property(p => p.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.IdempotencyKey).HasMaxLength(100);
        builder.HasIndex(p => p.IdempotencyKey).IsUnique();
        builder.Property(p => p.ProcessorStatus).HasMaxLength(40);
        builder.Property(p => p.FailureMessage).HasMaxLength(500);
        builder.Property(p => p.ReviewNote).HasMaxLength(1000);
        builder.HasOne<Invoices.Invoice>().WithMany().HasForeignKey(p => p.ForInvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Estimates.Estimate>().WithMany().HasForeignKey(p => p.ForEstimateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.Status, p.NeedsReview });
        builder.Ignore(p => p.IsVisibleToCustomer);
        builder.Ignore(p => p.AllocatedAmount);
        builder.Ignore(p => p.UnallocatedAmount);
        builder.Ignore(p => p.RefundedAmount);
        builder.Ignore(p => p.NetAmount);
        builder.Ignore(p => p.IsPartlyRefunded);
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

internal sealed class PaymentRefundConfiguration : IEntityTypeConfiguration<PaymentRefund>
{
    public void Configure(EntityTypeBuilder<PaymentRefund> builder)
    {
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.ProcessorRefundId).HasMaxLength(100);
        builder.HasIndex(r => r.ProcessorRefundId).IsUnique();
        builder.Property(r => r.RequestId).HasMaxLength(64);
        builder.HasIndex(r => new { r.PaymentId, r.RequestId }).IsUnique();
        builder.HasOne<Payment>().WithMany(p => p.Refunds).HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.PaymentRefundId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Lines).AutoInclude();
    }
}

internal sealed class PaymentRefundLineConfiguration : IEntityTypeConfiguration<PaymentRefundLine>
{
    public void Configure(EntityTypeBuilder<PaymentRefundLine> builder)
    {
        builder.HasOne<Invoices.Invoice>().WithMany().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Estimates.Estimate>().WithMany().HasForeignKey(l => l.EstimateId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(l => l.IsCredit);
    }
}

internal sealed class ProcessorEventReceiptConfiguration : IEntityTypeConfiguration<ProcessorEventReceipt>
{
    public void Configure(EntityTypeBuilder<ProcessorEventReceipt> builder)
    {
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).HasMaxLength(100);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.HasOne<Payment>().WithMany().HasForeignKey(e => e.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProcessorCustomerConfiguration : IEntityTypeConfiguration<ProcessorCustomer>
{
    public void Configure(EntityTypeBuilder<ProcessorCustomer> builder)
    {
        builder.HasKey(c => new { c.CustomerId, c.Processor });
        builder.Property(c => c.Processor).HasMaxLength(20);
        builder.Property(c => c.ProcessorCustomerId).HasMaxLength(100);
        builder.HasIndex(c => new { c.Processor, c.ProcessorCustomerId }).IsUnique();
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
