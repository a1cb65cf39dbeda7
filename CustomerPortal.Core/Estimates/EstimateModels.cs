using CustomerPortal.Core.Documents;

namespace CustomerPortal.Core.Estimates;

public sealed record EstimateListQuery
{
    /// <summary>The status customers and staff see: a sent estimate past its expiry date counts as Expired.</summary>
    public EstimateStatus? Status { get; init; }

    /// <summary>Only estimates waiting for the customer's answer: sent or viewed, and not expired.</summary>
    public bool AwaitingAnswer { get; init; }

    /// <summary>Created on or after this day (company time zone).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Created on or before this day (company time zone).</summary>
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

public sealed record EstimateSummary(
    int Id, string Number, int CustomerId, string CustomerName, string Title, EstimateStatus Status,
    DateTime CreatedAtUtc, DateTime? SentAtUtc, DateOnly? ExpiresOn, decimal Total);

/// <param name="InternalNotes">Empty for portal users.</param>
/// <param name="CanRespond">The actor may accept or decline it now.</param>
/// <param name="MayRespond">The actor may answer estimates at all (permission given, not view-as, not locked).</param>
/// <param name="PortalUrl">Absolute address of the estimate's portal page.</param>
public sealed record EstimateDetails(
    int Id, string Number, int CustomerId, string CustomerName, string Title, string Terms,
    string InternalNotes,
    EstimateStatus Status, DateTime CreatedAtUtc, DateTime? SentAtUtc, DateTime? ViewedAtUtc, DateOnly? ExpiresOn,
    IReadOnlyList<DocumentLine> Lines, DiscountKind DiscountKind, decimal DiscountValue, DocumentTotals Totals,
    decimal DepositRequired, decimal DepositPaid, EstimateAcceptance? Acceptance, DateTime? DeclinedAtUtc, string DeclineReason,
    int? ConvertedJobId, int? ProjectId, int Version, bool CanRespond, bool MayRespond, string PortalUrl)
{
    public bool IsDraft => Status == EstimateStatus.Draft;
}

/// <summary>An estimate as the editor holds it; <see cref="Version"/> is the one the editor loaded.</summary>
public sealed class EstimateInput
{
    public int CustomerId { get; set; }
    public int? ProjectId { get; set; }
    public string Title { get; set; } = "";
    public string Terms { get; set; } = "";
    public string InternalNotes { get; set; } = "";
    public DateOnly? ExpiresOn { get; set; }
    public DiscountKind DiscountKind { get; set; }
    public decimal DiscountValue { get; set; }
    public decimal DepositRequired { get; set; }
    public List<LineItemInput> Lines { get; set; } = [];
    public int Version { get; set; }

    public DocumentTotals Totals => DocumentTotals.Calculate(Lines, DiscountKind, DiscountValue);
}

/// <summary>The customer's typed signature and where it came from (the web layer fills in IP and browser).</summary>
public sealed record EstimateSignature(string SignedName, string IpAddress, string UserAgent);
