using CustomerPortal.Core.Access;
using CustomerPortal.Core.Live;

namespace CustomerPortal.Core.Requests;

/// <summary>A work request was submitted, opened, converted or declined (the customer's people with Requests hear of it too).</summary>
public sealed record ServiceRequestChanged(int ForCustomerId, int RequestId) : LiveEvent, IAudienceLimitedEvent
{
    public override int? CustomerId => ForCustomerId;
    public PortalModules? CustomerAudience => PortalModules.Requests;
}
