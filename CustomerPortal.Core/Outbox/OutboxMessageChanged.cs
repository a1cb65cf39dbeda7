using CustomerPortal.Core.Live;

namespace CustomerPortal.Core.Outbox;

/// <summary>An outbox message was sent, failed an attempt, failed for good or was queued again (staff only).</summary>
public sealed record OutboxMessageChanged(long MessageId) : LiveEvent, IAudienceLimitedEvent
{
    public override int? CustomerId => null;
    public Access.PortalModules? CustomerAudience => null;
}
