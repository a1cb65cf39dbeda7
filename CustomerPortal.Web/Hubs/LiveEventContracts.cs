using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Projects;
using CustomerPortal.Core.Requests;
using CustomerPortal.Core.Reviews;

namespace CustomerPortal.Web.Hubs;

/// <summary>
/// What the live hub sends to its clients: one method per kind of <see cref="LiveEvent"/>, named like the event and
/// carrying it as its only argument (JSON, camelCase). Clients listen with connection.on("CustomerChanged", e => ...); a .NET client
/// can use each route's <see cref="ILiveEventRoute.EventType"/> and <see cref="ILiveEventRoute.Method"/>.
/// </summary>
public interface ILiveClient
{
    /// <summary>A customer's details, portal settings or archive state changed. Sent to staff and the customer's portal users.</summary>
    Task CustomerChanged(CustomerChanged liveEvent);

    /// <summary>A portal user of a customer was added, changed, locked, removed, registered or signed in.</summary>
    Task PortalUsersChanged(PortalUsersChanged liveEvent);

    /// <summary>Company settings changed (branding, modules, portal on/off). Sent to everyone connected.</summary>
    Task CompanySettingsChanged(CompanySettingsChanged liveEvent);

    /// <summary>Someone's sign-in changed (sessions ended, password, staff record). Sent to staff; clients keeping that person's rights look again.</summary>
    Task SignInChanged(SignInChanged liveEvent);

    /// <summary>A message was posted in one of a customer's threads (internal notes and threads on drafts: staff only).</summary>
    Task MessagePosted(MessagePosted liveEvent);

    /// <summary>Someone is typing in a thread.</summary>
    Task ThreadTyping(ThreadTyping liveEvent);

    /// <summary>Someone's read position in a thread moved ("Seen").</summary>
    Task ThreadRead(ThreadRead liveEvent);

    /// <summary>A thread was assigned, marked done or reopened (staff only).</summary>
    Task ThreadChanged(ThreadChanged liveEvent);

    /// <summary>A job of a customer was created or changed (details, visits, status).</summary>
    Task JobChanged(JobChanged liveEvent);

    /// <summary>A project of a customer was created or changed (details, jobs in it, completion).</summary>
    Task ProjectChanged(ProjectChanged liveEvent);

    /// <summary>An estimate of a customer was created, revised, sent, accepted, declined or converted.</summary>
    Task EstimateChanged(EstimateChanged liveEvent);

    /// <summary>An invoice of a customer was created, revised, sent, voided or paid.</summary>
    Task InvoiceChanged(InvoiceChanged liveEvent);

    /// <summary>A payment or credit movement of a customer was recorded.</summary>
    Task PaymentRecorded(PaymentRecorded liveEvent);

    /// <summary>An outbox message was sent, failed or queued again (staff only).</summary>
    Task OutboxMessageChanged(OutboxMessageChanged liveEvent);

    /// <summary>A work request was submitted, opened, converted or declined.</summary>
    Task ServiceRequestChanged(ServiceRequestChanged liveEvent);

    /// <summary>A review was left, followed up or answered (staff only).</summary>
    Task ReviewChanged(ReviewChanged liveEvent);
}

/// <summary>The one table that pairs each event record with its client method, for sending and for listening.</summary>
public static class LiveEventContracts
{
    public static readonly IReadOnlyList<ILiveEventRoute> Routes =
    [
        new LiveEventRoute<CustomerChanged>(nameof(ILiveClient.CustomerChanged), (client, e) => client.CustomerChanged(e)),
        new LiveEventRoute<PortalUsersChanged>(nameof(ILiveClient.PortalUsersChanged), (client, e) => client.PortalUsersChanged(e)),
        new LiveEventRoute<CompanySettingsChanged>(nameof(ILiveClient.CompanySettingsChanged), (client, e) => client.CompanySettingsChanged(e)),
        new LiveEventRoute<SignInChanged>(nameof(ILiveClient.SignInChanged), (client, e) => client.SignInChanged(e)),
        new LiveEventRoute<MessagePosted>(nameof(ILiveClient.MessagePosted), (client, e) => client.MessagePosted(e)),
        new LiveEventRoute<ThreadTyping>(nameof(ILiveClient.ThreadTyping), (client, e) => client.ThreadTyping(e)),
        new LiveEventRoute<ThreadRead>(nameof(ILiveClient.ThreadRead), (client, e) => client.ThreadRead(e)),
        new LiveEventRoute<ThreadChanged>(nameof(ILiveClient.ThreadChanged), (client, e) => client.ThreadChanged(e)),
        new LiveEventRoute<JobChanged>(nameof(ILiveClient.JobChanged), (client, e) => client.JobChanged(e)),
        new LiveEventRoute<ProjectChanged>(nameof(ILiveClient.ProjectChanged), (client, e) => client.ProjectChanged(e)),
        new LiveEventRoute<EstimateChanged>(nameof(ILiveClient.EstimateChanged), (client, e) => client.EstimateChanged(e)),
        new LiveEventRoute<InvoiceChanged>(nameof(ILiveClient.InvoiceChanged), (client, e) => client.InvoiceChanged(e)),
        new LiveEventRoute<PaymentRecorded>(nameof(ILiveClient.PaymentRecorded), (client, e) => client.PaymentRecorded(e)),
        new LiveEventRoute<OutboxMessageChanged>(nameof(ILiveClient.OutboxMessageChanged), (client, e) => client.OutboxMessageChanged(e)),
        new LiveEventRoute<ServiceRequestChanged>(nameof(ILiveClient.ServiceRequestChanged), (client, e) => client.ServiceRequestChanged(e)),
        new LiveEventRoute<ReviewChanged>(nameof(ILiveClient.ReviewChanged), (client, e) => client.ReviewChanged(e)),
    ];

    private static readonly Dictionary<Type, ILiveEventRoute> ByType = Routes.ToDictionary(r => r.EventType);

    /// <summary>Calls the client method that belongs to the event's type; false when the type has none (a unit test keeps the table complete).</summary>
    public static async Task<bool> TrySendAsync(ILiveClient client, LiveEvent liveEvent)
    {
        if (!ByType.TryGetValue(liveEvent.GetType(), out var route)) return false;
        await route.SendAsync(client, liveEvent);
        return true;
    }
}

public interface ILiveEventRoute
{
    Type EventType { get; }
    string Method { get; }
    Task SendAsync(ILiveClient client, LiveEvent liveEvent);
}

internal sealed class LiveEventRoute<T>(string method, Func<ILiveClient, T, Task> send) : ILiveEventRoute where T : LiveEvent
{
    public Type EventType => typeof(T);
    public string Method => method;
    public Task SendAsync(ILiveClient client, LiveEvent liveEvent) => send(client, (T)liveEvent);
}
