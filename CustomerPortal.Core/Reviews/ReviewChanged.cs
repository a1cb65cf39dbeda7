using CustomerPortal.Core.Access;
using CustomerPortal.Core.Live;

namespace CustomerPortal.Core.Reviews;

/// <summary>A review was left, followed up or answered. Staff only: no customer ever hears of a review.</summary>
public sealed record ReviewChanged(int ForCustomerId, int ReviewId) : LiveEvent, IAudienceLimitedEvent
{
    public override int? CustomerId => ForCustomerId;
    public PortalModules? CustomerAudience => null;
}
