using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Documents;

/// <summary>
/// What an estimate and an invoice share: number, customer, wording, lines and totals, sent and viewed times. The
/// content is changed only while the document is a draft, through the kind's <c>ReviseDraft</c>.
/// </summary>
public abstract class SalesDocument : ICustomerOwned, IVersioned
{
    private readonly List<LineItem> _lines = [];

    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public int CustomerId { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>Terms and notes printed for the customer.</summary>
    public string Terms { get; private set; } = "";
    public string InternalNotes { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; protected set; }
    public DateTime? ViewedAtUtc { get; protected set; }

    /// <summary>When the customer was last reminded (an unanswered estimate, an overdue invoice).</summary>
    public DateTime? ReminderSentAtUtc { get; private set; }

    public IReadOnlyList<LineItem> Lines => _lines;
    public DiscountKind DiscountKind { get; private set; }
    public decimal DiscountValue { get; private set; }
    public decimal Subtotal { get; private set; }
    public decimal DiscountTotal { get; private set; }
    public decimal TaxTotal { get; private set; }
    public decimal Total { get; private set; }
    public int Version { get; private set; }

    int IVersioned.Version { get => Version; set => Version = value; }

    /// <summary>True while only staff see it and its content may change.</summary>
    public abstract bool IsDraft { get; }

    public bool IsVisibleToCustomer => !IsDraft;

    /// <summary>Totals as stored on the document.</summary>
    public DocumentTotals Totals => new(Subtotal, DiscountTotal, TaxTotal, Total);

    protected SalesDocument() { }

    protected SalesDocument(string number, int customerId, DateTime createdAtUtc)
    {
        Number = number;
        CustomerId = customerId;
        CreatedAtUtc = createdAtUtc;
    }

    /// <summary>"estimate" or "invoice", for messages.</summary>
    protected abstract string Noun();

    /// <summary>The stored status, for messages.</summary>
    protected abstract string StoredStatusName();

    /// <summary>Null while the content may change (a draft); otherwise the conflict to show.</summary>
    public Result? RefuseEditUnlessDraft() =>
        IsDraft ? null : Result.Conflict($"Only a draft can be edited; this {Noun()} is {StoredStatusName()}.");

    /// <summary>Replaces title, wording, lines and discount, and works out the totals again.</summary>
    protected void ReviseContent(DocumentDraft draft)
    {
        Title = draft.Title.Trim();
        Terms = draft.Terms.Trim();
        InternalNotes = draft.InternalNotes.Trim();
        DiscountKind = draft.DiscountKind;
        DiscountValue = draft.DiscountKind == DiscountKind.None ? 0 : draft.DiscountValue;
        _lines.Clear();
        _lines.AddRange(draft.Lines.Select((l, i) => new LineItem(i, l.Description.Trim(), l.Quantity, l.UnitPrice, l.TaxRatePercent)));
        var totals = DocumentTotals.Calculate(_lines, DiscountKind, DiscountValue);
        Subtotal = totals.Subtotal;
        DiscountTotal = totals.Discount;
        TaxTotal = totals.Tax;
        Total = totals.Total;
        OnTotalsChanged();
    }

    /// <summary>Lets a kind keep figures that follow from the total (an invoice's amount due) in step.</summary>
    protected virtual void OnTotalsChanged() { }

    /// <summary>The draft's content as the editor starts from it.</summary>
    public DocumentDraft ToDraft() => new(Title, Terms, InternalNotes, DiscountKind, DiscountValue,
        _lines.OrderBy(l => l.Position).Select(LineItemInput.From).ToList());

    /// <summary>The customer was reminded about this document now.</summary>
    public void RecordReminder(DateTime nowUtc) => ReminderSentAtUtc = nowUtc;
}

/// <summary>The content of a draft estimate or invoice: wording, lines and discount.</summary>
public sealed record DocumentDraft(
    string Title, string Terms, string InternalNotes, DiscountKind DiscountKind, decimal DiscountValue, IReadOnlyList<LineItemInput> Lines)
{
    public static DocumentDraft Of(string title, params LineItemInput[] lines) => new(title, "", "", DiscountKind.None, 0, lines);
}
