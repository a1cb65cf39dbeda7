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
public sealed class Invoice : SalesDocument
{
    public int? JobId { get; private set; }
    public int? EstimateId { get; private set; }
    public InvoiceStatus Status { get; private set; }
    public DateOnly IssueDate { get; private set; }
    public DateOnly DueDate { get; private set; }
    public DateTime? VoidedAtUtc { get; private set; }
    public string VoidReason { get; private set; } = "";
    public decimal AmountPaid { get; private set; }

    /// <summary>Total less what payments were allocated to it; never negative.</summary>
    public decimal AmountDue { get; private set; }

    /// <summary>When the payment that settled it in full was received; null while anything is due (or nothing was paid).</summary>
    public DateTime? PaidAtUtc { get; private set; }

    /// <summary>Whether that settling payment was made by a portal user (a card in the portal) rather than recorded by staff.</summary>
    public bool PaidThroughPortal { get; private set; }

    protected override string Noun() => "invoice";

    protected override string StoredStatusName() => Status.ToString();

    public override bool IsDraft => IsDraftStatus(Status);

    /// <summary>For queries that read only the status (what a customer may see of an invoice follows from it).</summary>
    public static bool IsDraftStatus(InvoiceStatus status) => status == InvoiceStatus.Draft;

    private Invoice() { }

    /// <summary>A new draft with the given content.</summary>
    public Invoice(string number, int customerId, DateTime createdAtUtc, InvoiceDraft draft)
        : base(number, customerId, createdAtUtc)
    {
        Status = InvoiceStatus.Draft;
        Revise(draft);
    }

    /// <summary>The status people see today: an unpaid invoice past its due date is Overdue (see <see cref="InvoiceStatusRule"/>).</summary>
    public InvoiceStatus StatusOn(DateOnly today) => InvoiceStatusRule.Effective(Status, DueDate, AmountDue, today);

    /// <summary>Replaces the content of a draft.</summary>
    public Result ReviseDraft(InvoiceDraft draft)
    {
        if (RefuseEditUnlessDraft() is { } refused) return refused;
        Revise(draft);
        return Result.Success();
    }

    private void Revise(InvoiceDraft draft)
    {
        IssueDate = draft.IssueDate;
        DueDate = draft.DueDate;
        JobId = draft.JobId;
        EstimateId = draft.EstimateId;
        ReviseContent(draft.Content);
    }

    protected override void OnTotalsChanged() => AmountDue = Math.Max(0, Total - AmountPaid);

    /// <summary>Sets what has been paid from the payments allocated to it, when it was settled, and the status that follows.</summary>
    public void ApplyPayments(InvoicePayments paid, DateOnly today)
    {
        AmountPaid = paid.Total;
        AmountDue = Math.Max(0, Total - AmountPaid);
        var settled = AmountDue == 0 && AmountPaid > 0;
        PaidAtUtc = settled ? paid.LastReceivedAtUtc : null;
        PaidThroughPortal = settled && paid.LastThroughPortal;
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

    /// <summary>Null when the invoice may be voided now.</summary>
    public Result? MayVoid()
    {
        if (Status == InvoiceStatus.Void) return Result.Conflict("This invoice is already void.");
        if (AmountPaid > 0) return Result.Conflict("Remove or reallocate the payments on this invoice before voiding it.");
        return null;
    }

    public Result Void(string reason, DateTime nowUtc)
    {
        if (MayVoid() is { } refused) return refused;
        Status = InvoiceStatus.Void;
        VoidedAtUtc = nowUtc;
        VoidReason = reason.Trim();
        AmountDue = 0;
        return Result.Success();
    }
}

/// <summary>The content of a draft invoice: the shared document content plus its dates and what it bills for.</summary>
/// <summary>The succeeded payments allocated to an invoice: their sum, and the newest of them (when received, and whether a portal user made it).</summary>
public sealed record InvoicePayments(decimal Total, DateTime? LastReceivedAtUtc, bool LastThroughPortal)
{
    public static InvoicePayments None { get; } = new(0m, null, false);

    public static InvoicePayments Of(IEnumerable<AllocatedPayment> allocations)
    {
        var list = allocations.ToList();
        // Of payments received at the same moment (a card with account credit), the portal user's one counts.
        var last = list.OrderBy(a => a.ReceivedAtUtc).ThenBy(a => a.ThroughPortal).LastOrDefault();
        return new(list.Sum(a => a.Amount), last?.ReceivedAtUtc, last?.ThroughPortal ?? false);
    }
}

/// <summary>One allocation of a succeeded payment to an invoice.</summary>
public sealed record AllocatedPayment(decimal Amount, DateTime ReceivedAtUtc, bool ThroughPortal);

public sealed record InvoiceDraft(DocumentDraft Content, DateOnly IssueDate, DateOnly DueDate, int? JobId = null, int? EstimateId = null);
