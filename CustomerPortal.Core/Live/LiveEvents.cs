namespace CustomerPortal.Core.Live;

/// <summary>
/// Something other screens should show without a reload. Services publish after their save succeeds; the web project
/// delivers events to the circuits and hub connections allowed to see them. Later features add their own records
/// (message posted, job status changed, project completion changed) on the same channel.
/// </summary>
public abstract record LiveEvent
{
    /// <summary>The customer the event is about, or null for company-wide events. Decides who may receive it.</summary>
    public abstract int? CustomerId { get; }
}

/// <summary>A customer's details, portal settings or archive state changed (the customer list shows it).</summary>
public sealed record CustomerChanged(int Id) : LiveEvent
{
    public override int? CustomerId => Id;
}

/// <summary>A portal user of the customer was added, changed, removed, locked, registered or signed in.</summary>
public sealed record PortalUsersChanged(int Id, int? PortalUserId) : LiveEvent
{
    public override int? CustomerId => Id;
}

/// <summary>Company settings changed (branding, modules, portal on/off).</summary>
public sealed record CompanySettingsChanged : LiveEvent
{
    public override int? CustomerId => null;
}

public interface ILiveEventPublisher
{
    Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default);
}
