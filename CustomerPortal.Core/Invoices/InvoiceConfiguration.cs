using CustomerPortal.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerPortal.Core.Invoices;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        SalesDocumentMapping.Configure(builder, "InvoiceLines", "InvoiceId");
        builder.Property(i => i.VoidReason).HasMaxLength(2000);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(i => new { i.CustomerId, i.Status });
        builder.HasIndex(i => i.DueDate);
        // Staff home and insights: what was paid, sent or fell due in a period. The paid-at and status indexes carry every
        // column Insights reads of an invoice, so its figures come from the indexes alone, not from the wide rows.
        builder.HasIndex(i => new { i.PaidAtUtc, i.SentAtUtc, i.DueDate, i.PaidThroughPortal, i.Total, i.AmountPaid, i.VoidedAtUtc });
        builder.HasIndex(i => i.SentAtUtc);
        builder.HasIndex(i => new { i.Status, i.DueDate, i.VoidedAtUtc, i.SentAtUtc, i.PaidAtUtc, i.PaidThroughPortal, i.Total, i.AmountPaid });
        builder.HasOne<Jobs.Job>().WithMany().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Estimates.Estimate>().WithMany().HasForeignKey(i => i.EstimateId).OnDelete(DeleteBehavior.SetNull);
    }
}
