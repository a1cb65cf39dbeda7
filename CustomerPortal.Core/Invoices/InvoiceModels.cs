using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Payments;

namespace CustomerPortal.Core.Invoices;

public sealed record InvoiceListQuery
{
    /// <summary>The status people see: an unpaid invoice past its due date counts as Overdue.</summary>
    public InvoiceStatus? Status { get; init; }

    /// <summary>Only invoices with something left to pay (sent, viewed, partly paid or overdue).</summary>
    public bool UnpaidOnly { get; init; }

    /// <summary>Invoice date on or after.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Invoice date on or before.</summary>
    public DateOnly? To { get; init; }
    public int? CustomerId { get; init; }

    /// <summary>Part of the number or the title.</summary>
    public string? Search { get; init; }
    public DocumentSort Sort { get; init; } = DocumentSort.Date;
    public bool Descending { get; init; } = true;

    /// <summary>Zero-based.</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record InvoiceSummary(
    int Id, string Number, int CustomerId, string CustomerName, string Title, InvoiceStatus Status,
    DateOnly IssueDate, DateOnly DueDate, decimal Total, decimal AmountPaid, decimal AmountDue, DateTime? SentAtUtc);

/// <summary>A payment's part that went to this invoice.</summary>
public sealed record InvoicePayment(int PaymentId, string Number, DateTime ReceivedAtUtc, PaymentMethod Method, decimal Amount);

/// <param name="InternalNotes">Empty for portal users.</param>
/// <param name="Payments">Payments allocated to the invoice (for portal users only those that succeeded).</param>
/// <param name="PortalUrl">Absolute address of the invoice's portal page.</param>
public sealed record InvoiceDetails(
    int Id, string Number, int CustomerId, string CustomerName, string Title, string Terms, string InternalNotes,
    InvoiceStatus Status, DateOnly IssueDate, DateOnly DueDate, DateTime CreatedAtUtc, DateTime? SentAtUtc, DateTime? ViewedAtUtc,
    DateTime? VoidedAtUtc, string VoidReason, IReadOnlyList<DocumentLine> Lines, DiscountKind DiscountKind, decimal DiscountValue,
    DocumentTotals Totals, decimal AmountPaid, decimal AmountDue, int? JobId, int? EstimateId, int Version,
    IReadOnlyList<InvoicePayment> Payments, string PortalUrl)
{
    public bool IsDraft => Status == InvoiceStatus.Draft;
}

/// <summary>An invoice as the editor holds it; <see cref="Version"/> is the one the editor loaded.</summary>
public sealed class InvoiceInput
{
    public int CustomerId { get; set; }
    public int? JobId { get; set; }
    public int? EstimateId { get; set; }
    public string Title { get; set; } = "";
    public string Terms { get; set; } = "";
    public string InternalNotes { get; set; } = "";
    public DateOnly IssueDate { get; set; }
    public DateOnly DueDate { get; set; }
    public DiscountKind DiscountKind { get; set; }
    public decimal DiscountValue { get; set; }
    public List<LineItemInput> Lines { get; set; } = [];
    public int Version { get; set; }

    public DocumentTotals Totals => DocumentTotals.Calculate(Lines, DiscountKind, DiscountValue);
}
