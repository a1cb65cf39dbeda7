using CustomerPortal.Core.Common;
using CustomerPortal.Core.Documents;

namespace CustomerPortal.Core.Invoices;

public enum InvoiceStatus
{
    Draft,
    Sent,
    Viewed,
    PartiallyPaid,
    Paid,
    Overdue,
    Void,
}

/// <summary>A bill to a customer. Never deleted: a mistaken invoice is voided and kept.</summary>
public sealed class Invoice : ICustomerOwned, IVersioned
{
    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public int CustomerId { get; private set; }
    public int? JobId { get; set; }
    public int? EstimateId { get; set; }
    public string Title { get; set; } = "";
    public string Terms { get; set; } = "";
    public string InternalNotes { get; set; } = "";
    public InvoiceStatus Status { get; private set; }
    public DateOnly IssueDate { get; set; }
    public DateOnly DueDate { get; set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public DateTime? ViewedAtUtc { get; private set; }
    public DateTime? VoidedAtUtc { get; private set; }
    public string VoidReason { get; private set; } = "";

    public List<LineItem> Lines { get; private set; } = [];
    public DiscountKind DiscountKind { get; set; }
    public decimal DiscountValue { get; set; }
    public decimal Subtotal { get; private set; }
    public decimal DiscountTotal { get; private set; }
    public decimal TaxTotal { get; private set; }
    public decimal Total { get; private set; }
    public decimal AmountPaid { get; private set; }

    /// <summary>Total less what payments were allocated to it; never negative.</summary>
    public decimal AmountDue { get; private set; }
    public int Version { get; set; }

    public bool IsVisibleToCustomer => Status != InvoiceStatus.Draft;

    private Invoice() { }

    public Invoice(string number, int customerId, string title, DateOnly issueDate, DateOnly dueDate, DateTime createdAtUtc)
    {
        Number = number;
        CustomerId = customerId;
        Title = title;
        IssueDate = issueDate;
        DueDate = dueDate;
        CreatedAtUtc = createdAtUtc;
        Status = InvoiceStatus.Draft;
    }

    public void Recalculate()
    {
        var totals = DocumentTotals.Calculate(Lines, DiscountKind, DiscountValue);
        Subtotal = totals.Subtotal;
        DiscountTotal = totals.Discount;
        TaxTotal = totals.Tax;
        Total = totals.Total;
        AmountDue = Math.Max(0, Total - AmountPaid);
    }

    /// <summary>Sets what has been paid from the sum of allocations, and the status that follows from it.</summary>
    public void ApplyPayments(decimal allocatedTotal, DateOnly today)
    {
        AmountPaid = allocatedTotal;
        AmountDue = Math.Max(0, Total - AmountPaid);
        RefreshStatus(today);
    }

    /// <summary>Moves between Sent/Viewed/PartiallyPaid/Paid/Overdue as payments and the due date say.</summary>
    public void RefreshStatus(DateOnly today)
    {
        if (Status is InvoiceStatus.Draft or InvoiceStatus.Void) return;
        // Nothing left to pay (paid in full, or nothing was ever owed) is never overdue.
        if (AmountDue == 0) Status = InvoiceStatus.Paid;
        else if (today > DueDate) Status = InvoiceStatus.Overdue;
        else if (AmountPaid > 0) Status = InvoiceStatus.PartiallyPaid;
        else Status = ViewedAtUtc is null ? InvoiceStatus.Sent : InvoiceStatus.Viewed;
    }

    public Result MarkSent(DateTime nowUtc, DateOnly today)
    {
        if (Status == InvoiceStatus.Void) return Result.Conflict("A void invoice cannot be sent.");
        if (Lines.Count == 0) return Result.Invalid("Add at least one line before sending the invoice.");
        SentAtUtc ??= nowUtc;
        if (Status == InvoiceStatus.Draft) Status = InvoiceStatus.Sent;
        RefreshStatus(today);
        return Result.Success();
    }

    public void MarkViewed(DateTime nowUtc, DateOnly today)
    {
        if (ViewedAtUtc is not null || Status is InvoiceStatus.Draft or InvoiceStatus.Void) return;
        ViewedAtUtc = nowUtc;
        RefreshStatus(today);
    }

    public Result MarkVoid(string reason, DateTime nowUtc)
    {
        if (Status == InvoiceStatus.Void) return Result.Conflict("This invoice is already void.");
        if (AmountPaid > 0) return Result.Conflict("Remove or reallocate the payments on this invoice before voiding it.");
        Status = InvoiceStatus.Void;
        VoidedAtUtc = nowUtc;
        VoidReason = reason.Trim();
        AmountDue = 0;
        return Result.Success();
    }
}
