using System.Linq.Expressions;
using CustomerPortal.Core.Documents;

namespace CustomerPortal.Core.Estimates;

/// <summary>What decides whether an estimate has expired.</summary>
public readonly record struct EstimateExpiryFacts(EstimateStatus Status, DateOnly? ExpiresOn);

/// <summary>
/// The one definition of an estimate's effective status: a sent or viewed estimate is Expired once its expiry date has
/// passed; otherwise the stored status stands. Used by every list, page, tab, dashboard and PDF, in code and (through
/// <see cref="ShowsOn"/>) in SQL.
/// </summary>
public static class EstimateStatusRule
{
    private static readonly LapsedStatusRule<Estimate, EstimateStatus, EstimateExpiryFacts> Rule = new(
        (f, today) => f.Status == EstimateStatus.Expired
            || ((f.Status == EstimateStatus.Sent || f.Status == EstimateStatus.Viewed) && f.ExpiresOn != null && f.ExpiresOn < today),
        EstimateStatus.Expired);

    public static EstimateStatus Effective(EstimateStatus stored, DateOnly? expiresOn, DateOnly today) =>
        Rule.HasLapsed(new EstimateExpiryFacts(stored, expiresOn), today) ? EstimateStatus.Expired : stored;

    /// <summary>Estimates whose effective status today is <paramref name="status"/>, for LINQ to SQL.</summary>
    public static Expression<Func<Estimate, bool>> ShowsOn(EstimateStatus status, DateOnly today) => Rule.ShowsOn(status, today);

    /// <summary>Estimates waiting for the customer's answer today (sent or viewed, not expired), for LINQ to SQL.</summary>
    public static Expression<Func<Estimate, bool>> AwaitsAnswerOn(DateOnly today) =>
        Rule.WhereStoredAndNotLapsed(today, EstimateStatus.Sent, EstimateStatus.Viewed);
}
