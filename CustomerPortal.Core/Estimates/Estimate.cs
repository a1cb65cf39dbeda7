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
public sealed class Estimate : SalesDocument
{
    public int? ProjectId { get; private set; }
    public EstimateStatus Status { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }
    public decimal DepositRequired { get; private set; }
    public decimal DepositPaid { get; private set; }

    public EstimateAcceptance? Acceptance { get; private set; }
    public DateTime? DeclinedAtUtc { get; private set; }
    public string DeclineReason { get; private set; } = "";

    /// <summary>The job made from this estimate once accepted.</summary>
    public int? ConvertedJobId { get; private set; }

    protected override string Noun() => "estimate";

    protected override string StoredStatusName() => Status.ToString();

    public override bool IsDraft => IsDraftStatus(Status);

    /// <summary>For queries that read only the status (what a customer may see of an estimate follows from it).</summary>
    public static bool IsDraftStatus(EstimateStatus status) => status == EstimateStatus.Draft;

    private Estimate() { }

    /// <summary>A new draft with the given content.</summary>
    public Estimate(string number, int customerId, DateTime createdAtUtc, EstimateDraft draft)
        : base(number, customerId, createdAtUtc)
    {
        Status = EstimateStatus.Draft;
        Revise(draft);
    }

    /// <summary>The status people see today: a sent estimate past its expiry date is Expired (see <see cref="EstimateStatusRule"/>).</summary>
    public EstimateStatus StatusOn(DateOnly today) => EstimateStatusRule.Effective(Status, ExpiresOn, today);

    public bool IsExpiredOn(DateOnly today) => StatusOn(today) == EstimateStatus.Expired;

    /// <summary>Replaces the content of a draft.</summary>
    public Result ReviseDraft(EstimateDraft draft)
    {
        if (RefuseEditUnlessDraft() is { } refused) return refused;
        Revise(draft);
        return Result.Success();
    }

    private void Revise(EstimateDraft draft)
    {
        ReviseContent(draft.Content);
        ExpiresOn = draft.ExpiresOn;
        ProjectId = draft.ProjectId;
        DepositRequired = draft.DepositRequired;
    }

    /// <summary>Sends a draft; sending a sent or viewed estimate again changes nothing here.</summary>
    public Result MarkSent(DateTime nowUtc, DateOnly today)
    {
        if (Status is not (EstimateStatus.Draft or EstimateStatus.Sent or EstimateStatus.Viewed))
            return Result.Conflict($"This estimate is {Status} and cannot be sent.");
        if (ExpiresOn is { } expires && expires < today)
            return Result.Invalid(nameof(ExpiresOn), "The expiry date has passed. Choose a later date before sending.");
        if (Lines.Count == 0) return Result.Invalid("Add at least one line before sending the estimate.");
        if (Status != EstimateStatus.Draft) return Result.Success();
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
        var status = StatusOn(today);
        if (status == EstimateStatus.Expired)
            return Result.Conflict("This estimate has expired and can no longer be accepted. Please contact us for a new one.");
        if (status is not (EstimateStatus.Sent or EstimateStatus.Viewed))
            return Result.Conflict($"This estimate is {Status} and cannot be accepted.");
        if (string.IsNullOrWhiteSpace(acceptance.SignedName))
            return Result.Invalid(nameof(EstimateAcceptance.SignedName), "Type your full name to sign.");
        Acceptance = acceptance;
        Status = EstimateStatus.Accepted;
        return Result.Success();
    }

    public Result Decline(string reason, DateTime nowUtc, DateOnly today)
    {
        if (StatusOn(today) is not (EstimateStatus.Sent or EstimateStatus.Viewed))
            return Result.Conflict($"This estimate is {Status} and cannot be declined.");
        Status = EstimateStatus.Declined;
        DeclinedAtUtc = nowUtc;
        DeclineReason = reason.Trim();
        return Result.Success();
    }

    /// <summary>Stores Expired once the expiry date has passed (lists already show it as Expired from the dates).</summary>
    public Result MarkExpired(DateOnly today)
    {
        if (!IsExpiredOn(today) || Status == EstimateStatus.Expired) return Result.Conflict("This estimate has not passed its expiry date.");
        Status = EstimateStatus.Expired;
        return Result.Success();
    }

    /// <summary>Sets the deposit paid from the sum of the succeeded payments' allocations to it (a refund lowers it again).</summary>
    public void ApplyDepositPayments(decimal allocatedTotal) => DepositPaid = Math.Max(0, allocatedTotal);

    /// <summary>Records the job made from this accepted estimate.</summary>
    public Result ConvertToJob(int jobId)
    {
        if (MayConvertToJob() is { } refused) return refused;
        ConvertedJobId = jobId;
        return Result.Success();
    }

    /// <summary>Null when a job may be made from this estimate now.</summary>
    public Result? MayConvertToJob()
    {
        if (Status != EstimateStatus.Accepted) return Result.Conflict("Only an accepted estimate can become a job.");
        if (ConvertedJobId is not null) return Result.Conflict("This estimate has already been made into a job.");
        return null;
    }
}

/// <summary>The content of a draft estimate: the shared document content plus validity, project and deposit.</summary>
public sealed record EstimateDraft(DocumentDraft Content, DateOnly? ExpiresOn, int? ProjectId = null, decimal DepositRequired = 0);

/// <summary>The customer's signature on an estimate: typed name, when, from where.</summary>
public sealed record EstimateAcceptance(string SignedName, DateTime AcceptedAtUtc, string IpAddress, string UserAgent, int? PortalUserId);
