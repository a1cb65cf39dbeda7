using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Payments;

namespace CustomerPortal.Core.Invoices;

public sealed record InvoiceListQuery : DocumentListQuery
{
    /// <summary>The status people see: an unpaid invoice past its due date counts as Overdue.</summary>
    public InvoiceStatus? Status { get; init; }

    /// <summary>Only invoices with something left to pay (sent, viewed, partly paid or overdue).</summary>
    public bool UnpaidOnly { get; init; }
}

public sealed record InvoiceSummary(
    int Id, string Number, int CustomerId, string CustomerName, string Title, InvoiceStatus Status,
    DateOnly IssueDate, DateOnly DueDate, decimal Total, decimal AmountPaid, decimal AmountDue, DateTime? SentAtUtc);

/// <summary>A payment's part that went to this invoice.</summary>
public sealed record InvoicePayment(int PaymentId, string Number, DateTime ReceivedAtUtc, PaymentMethod Method, decimal Amount);

/// <param name="InternalNotes">Empty for portal users.</param>
/// <param name="Payments">Payments allocated to the invoice (for portal users only those that succeeded).</param>
/// <param name="Can">What the actor may do with it now, decided in Core.</param>
/// <param name="PortalUrl">Absolute address of the invoice's portal page.</param>
public sealed record InvoiceDetails(
    int Id, string Number, int CustomerId, string CustomerName, string Title, string Terms, string InternalNotes,
    InvoiceStatus Status, DateOnly IssueDate, DateOnly DueDate, DateTime CreatedAtUtc, DateTime? SentAtUtc, DateTime? ViewedAtUtc,
    DateTime? VoidedAtUtc, string VoidReason, IReadOnlyList<DocumentLine> Lines, DiscountKind DiscountKind, decimal DiscountValue,
    DocumentTotals Totals, decimal AmountPaid, decimal AmountDue, int? JobId, int? EstimateId, int Version,
    IReadOnlyList<InvoicePayment> Payments, InvoiceActions Can, string PortalUrl)
{
    public bool IsDraft => Status == InvoiceStatus.Draft;
    public bool IsVoid => VoidedAtUtc is not null;
    public bool IsOverdue => Status == InvoiceStatus.Overdue;
}

/// <summary>An invoice as the editor holds it; <see cref="DocumentInput.Version"/> is the one the editor loaded.</summary>
public sealed class InvoiceInput : DocumentInput
{
    public int? JobId { get; set; }
    public int? EstimateId { get; set; }
    public DateOnly IssueDate { get; set; }
    public DateOnly DueDate { get; set; }

    public InvoiceDraft ToDraft() => new(Content, IssueDate, DueDate, JobId, EstimateId);

    public static InvoiceInput From(Invoice invoice)
    {
        var input = new InvoiceInput { JobId = invoice.JobId, EstimateId = invoice.EstimateId, IssueDate = invoice.IssueDate, DueDate = invoice.DueDate };
        input.Load(invoice);
        return input;
    }
}
