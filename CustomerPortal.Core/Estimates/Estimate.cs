using CustomerPortal.Core.Common;
using CustomerPortal.Core.Documents;

namespace CustomerPortal.Core.Estimates;

public enum EstimateStatus
{
    Draft,
    Sent,
    Viewed,
    Accepted,
    Declined,
    Expired,
}

/// <summary>A quote the business sends; the customer accepts it with a typed signature or declines it.</summary>
public sealed class Estimate : ICustomerOwned, IVersioned
{
    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public int CustomerId { get; private set; }
    public int? ProjectId { get; set; }
    public string Title { get; set; } = "";

    /// <summary>Terms and notes the customer reads before accepting.</summary>
    public string Terms { get; set; } = "";
    public string InternalNotes { get; set; } = "";
    public EstimateStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public DateTime? ViewedAtUtc { get; private set; }
    public DateOnly? ExpiresOn { get; set; }

    public List<LineItem> Lines { get; private set; } = [];
    public DiscountKind DiscountKind { get; set; }
    public decimal DiscountValue { get; set; }
    public decimal Subtotal { get; private set; }
    public decimal DiscountTotal { get; private set; }
    public decimal TaxTotal { get; private set; }
    public decimal Total { get; private set; }
    public decimal DepositRequired { get; set; }
    public decimal DepositPaid { get; set; }

    public EstimateAcceptance? Acceptance { get; private set; }
    public DateTime? DeclinedAtUtc { get; private set; }
    public string DeclineReason { get; private set; } = "";

    /// <summary>The job made from this estimate once accepted.</summary>
    public int? ConvertedJobId { get; private set; }
    public int Version { get; set; }

    public bool IsVisibleToCustomer => Status != EstimateStatus.Draft;

    private Estimate() { }

    public Estimate(string number, int customerId, string title, DateTime createdAtUtc, DateOnly? expiresOn)
    {
        Number = number;
        CustomerId = customerId;
        Title = title;
        CreatedAtUtc = createdAtUtc;
        ExpiresOn = expiresOn;
        Status = EstimateStatus.Draft;
    }

    public void Recalculate()
    {
        var totals = DocumentTotals.Calculate(Lines, DiscountKind, DiscountValue);
        Subtotal = totals.Subtotal;
        DiscountTotal = totals.Discount;
        TaxTotal = totals.Tax;
        Total = totals.Total;
    }

    public bool IsExpiredOn(DateOnly today) =>
        Status is EstimateStatus.Sent or EstimateStatus.Viewed && ExpiresOn is { } expires && today > expires;

    public Result MarkSent(DateTime nowUtc)
    {
        if (Status is EstimateStatus.Accepted or EstimateStatus.Declined)
            return Result.Conflict($"This estimate is already {Status}.");
        if (Lines.Count == 0) return Result.Invalid("Add at least one line before sending the estimate.");
        Status = EstimateStatus.Sent;
        SentAtUtc = nowUtc;
        return Result.Success();
    }

    /// <summary>The first view by a portal user; staff previews never call this.</summary>
    public void MarkViewed(DateTime nowUtc)
    {
        if (Status != EstimateStatus.Sent) return;
        Status = EstimateStatus.Viewed;
        ViewedAtUtc = nowUtc;
    }

    public Result Accept(EstimateAcceptance acceptance, DateOnly today)
    {
        if (IsExpiredOn(today) || Status == EstimateStatus.Expired)
            return Result.Conflict("This estimate has expired and can no longer be accepted. Please contact us for a new one.");
        if (Status is not (EstimateStatus.Sent or EstimateStatus.Viewed))
            return Result.Conflict($"This estimate is {Status} and cannot be accepted.");
        if (string.IsNullOrWhiteSpace(acceptance.SignedName))
            return Result.Invalid(nameof(EstimateAcceptance.SignedName), "Type your full name to sign.");
        Acceptance = acceptance;
        Status = EstimateStatus.Accepted;
        return Result.Success();
    }

    public Result Decline(string reason, DateTime nowUtc, DateOnly today)
    {
        if (Status is not (EstimateStatus.Sent or EstimateStatus.Viewed) || IsExpiredOn(today))
            return Result.Conflict($"This estimate is {Status} and cannot be declined.");
        Status = EstimateStatus.Declined;
        DeclinedAtUtc = nowUtc;
        DeclineReason = reason.Trim();
        return Result.Success();
    }

    public Result MarkExpired(DateOnly today)
    {
        if (!IsExpiredOn(today)) return Result.Conflict("This estimate has not passed its expiry date.");
        Status = EstimateStatus.Expired;
        return Result.Success();
    }

    public Result MarkConverted(int jobId)
    {
        if (Status != EstimateStatus.Accepted) return Result.Conflict("Only an accepted estimate can become a job.");
        if (ConvertedJobId is not null) return Result.Conflict("This estimate has already been made into a job.");
        ConvertedJobId = jobId;
        return Result.Success();
    }
}

/// <summary>The customer's signature on an estimate: typed name, when, from where.</summary>
public sealed record EstimateAcceptance(string SignedName, DateTime AcceptedAtUtc, string IpAddress, string UserAgent, int? PortalUserId);
