using CustomerPortal.Core.Jobs;

namespace CustomerPortal.Core.Live;

/// <summary>
/// Something other screens should show without a reload. Services publish after their save succeeds; the web project
/// delivers events to the circuits and hub connections allowed to see them: an event about a customer goes to staff and
/// to that customer's portal users, an event without a customer to everyone signed in. Events carry ids and small facts
/// only; a receiver reloads what it shows through the services, which apply the access rules again.
/// A new kind of event is a record (here or in its feature) plus a method in ILiveClient and a line in LiveEventContracts (web project).
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

/// <summary>A message was posted in one of the customer's threads (about a job, project, estimate or invoice).</summary>
public sealed record MessagePosted(int ForCustomerId, int ThreadId, long MessageId) : LiveEvent
{
    public override int? CustomerId => ForCustomerId;
}

/// <summary>A job of the customer moved to another status (scheduled, in progress, completed...).</summary>
public sealed record JobStatusChanged(int ForCustomerId, int JobId, JobStatus Status) : LiveEvent
{
    public override int? CustomerId => ForCustomerId;
}

/// <summary>A project of the customer has a new completion percentage.</summary>
public sealed record ProjectCompletionChanged(int ForCustomerId, int ProjectId, int CompletionPercent) : LiveEvent
{
    public override int? CustomerId => ForCustomerId;
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
