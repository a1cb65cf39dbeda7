using CustomerPortal.Core.Documents;

namespace CustomerPortal.Core.Estimates;

public sealed record EstimateListQuery : DocumentListQuery
{
    /// <summary>The status customers and staff see: a sent estimate past its expiry date counts as Expired.</summary>
    public EstimateStatus? Status { get; init; }

    /// <summary>Only estimates waiting for the customer's answer: sent or viewed, and not expired.</summary>
    public bool AwaitingAnswer { get; init; }

    /// <summary>Only estimates that expire on or before this day (those without an expiry date never do).</summary>
    public DateOnly? ExpiresBy { get; init; }
}

public sealed record EstimateSummary(
    int Id, string Number, int CustomerId, string CustomerName, string Title, EstimateStatus Status,
    DateTime CreatedAtUtc, DateTime? SentAtUtc, DateOnly? ExpiresOn, decimal Total);

/// <param name="InternalNotes">Empty for portal users.</param>
/// <param name="Can">What the actor may do with it now, decided in Core.</param>
/// <param name="PortalUrl">Absolute address of the estimate's portal page.</param>
public sealed record EstimateDetails(
    int Id, string Number, int CustomerId, string CustomerName, string Title, string Terms,
    string InternalNotes,
    EstimateStatus Status, DateTime CreatedAtUtc, DateTime? SentAtUtc, DateTime? ViewedAtUtc, DateOnly? ExpiresOn,
    IReadOnlyList<DocumentLine> Lines, DiscountKind DiscountKind, decimal DiscountValue, DocumentTotals Totals,
    decimal DepositRequired, decimal DepositPaid, EstimateAcceptance? Acceptance, DateTime? DeclinedAtUtc, string DeclineReason,
    int? ConvertedJobId, int? ProjectId, int Version, EstimateActions Can, string PortalUrl)
{
    public bool IsDraft => Status == EstimateStatus.Draft;
    public bool IsDeclined => DeclinedAtUtc is not null;
    public bool IsExpired => Status == EstimateStatus.Expired;
}

/// <summary>An estimate as the editor holds it; <see cref="DocumentInput.Version"/> is the one the editor loaded.</summary>
public sealed class EstimateInput : DocumentInput
{
    public int? ProjectId { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public decimal DepositRequired { get; set; }

    public EstimateDraft ToDraft() => new(Content, ExpiresOn, ProjectId, DepositRequired);

    public static EstimateInput From(Estimate estimate)
    {
        var input = new EstimateInput { ProjectId = estimate.ProjectId, ExpiresOn = estimate.ExpiresOn, DepositRequired = estimate.DepositRequired };
        input.Load(estimate);
        return input;
    }
}

/// <summary>The customer's typed signature and where it came from (the web layer fills in IP and browser).</summary>
public sealed record EstimateSignature(string SignedName, string IpAddress, string UserAgent);
