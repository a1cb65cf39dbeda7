using System.Linq.Expressions;

namespace CustomerPortal.Core.Documents;

/// <summary>What every estimate and invoice list can ask for; each kind adds its own status filters.</summary>
public abstract record DocumentListQuery
{
    /// <summary>On or after this day (estimates: created, company time zone; invoices: invoice date).</summary>
    public DateOnly? From { get; init; }

    /// <summary>On or before this day (estimates: created, company time zone; invoices: invoice date).</summary>
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

/// <summary>A draft estimate or invoice as the editor holds it; <see cref="Version"/> is the one the editor loaded.</summary>
public abstract class DocumentInput
{
    public int CustomerId { get; set; }
    public string Title { get; set; } = "";
    public string Terms { get; set; } = "";
    public string InternalNotes { get; set; } = "";
    public DiscountKind DiscountKind { get; set; }
    public decimal DiscountValue { get; set; }
    public List<LineItemInput> Lines { get; set; } = [];
    public int Version { get; set; }

    public DocumentTotals Totals => DocumentTotals.Calculate(Lines, DiscountKind, DiscountValue);

    /// <summary>The shared content of the draft.</summary>
    public DocumentDraft Content => new(Title, Terms, InternalNotes, DiscountKind, DiscountValue, Lines);

    /// <summary>Takes the shared content of a stored draft.</summary>
    protected void Load(SalesDocument document)
    {
        var content = document.ToDraft();
        CustomerId = document.CustomerId;
        Title = content.Title;
        Terms = content.Terms;
        InternalNotes = content.InternalNotes;
        DiscountKind = content.DiscountKind;
        DiscountValue = content.DiscountValue;
        Lines = content.Lines.ToList();
        Version = document.Version;
    }
}

/// <summary>A document of a list with its customer's name, before it is shaped into a summary row.</summary>
public sealed class ListedDocument<TDocument>
{
    public required TDocument Document { get; init; }
    public required string CustomerName { get; init; }
}

/// <summary>
/// What one kind's list adds to the shared document list: its own filters (given the company's now), its date and due
/// date sorts, and the shape of a row.
/// </summary>
public sealed record DocumentListing<TDocument, TRow>(
    Func<IQueryable<TDocument>, CompanyNow, IQueryable<TDocument>> Filter,
    Func<IQueryable<ListedDocument<TDocument>>, bool, IOrderedQueryable<ListedDocument<TDocument>>> ByDate,
    Func<IQueryable<ListedDocument<TDocument>>, bool, IOrderedQueryable<ListedDocument<TDocument>>> ByDueDate,
    Func<CompanyNow, Expression<Func<ListedDocument<TDocument>, TRow>>> Shape)
    where TDocument : SalesDocument;
