using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Projects;
using Microsoft.AspNetCore.SignalR.Client;

namespace CustomerPortal.Web.Hubs;

/// <summary>
/// What the live hub sends to its clients: one method per kind of <see cref="LiveEvent"/>, named like the event and
/// carrying it as its only argument (JSON, camelCase). Browser clients listen with connection.on("CustomerChanged", e => ...).
/// </summary>
public interface ILiveClient
{
    /// <summary>A customer's details, portal settings or archive state changed. Sent to staff and the customer's portal users.</summary>
    Task CustomerChanged(CustomerChanged liveEvent);

    /// <summary>A portal user of a customer was added, changed, locked, removed, registered or signed in.</summary>
    Task PortalUsersChanged(PortalUsersChanged liveEvent);

    /// <summary>Company settings changed (branding, modules, portal on/off). Sent to everyone connected.</summary>
    Task CompanySettingsChanged(CompanySettingsChanged liveEvent);

    /// <summary>A message was posted in one of a customer's threads.</summary>
    Task MessagePosted(MessagePosted liveEvent);

    /// <summary>A job of a customer changed status.</summary>
    Task JobStatusChanged(JobStatusChanged liveEvent);

    /// <summary>A project of a customer has a new completion percentage.</summary>
    Task ProjectCompletionChanged(ProjectCompletionChanged liveEvent);

    /// <summary>A job of a customer was created or changed (details, visits, status).</summary>
    Task JobChanged(JobChanged liveEvent);

    /// <summary>A project of a customer was created or changed (details, jobs in it, completion).</summary>
    Task ProjectChanged(ProjectChanged liveEvent);
}

/// <summary>The one table that pairs each event record with its client method, for sending and for listening.</summary>
public static class LiveEventContracts
{
    public static readonly IReadOnlyList<ILiveEventRoute> Routes =
    [
        new LiveEventRoute<CustomerChanged>(nameof(ILiveClient.CustomerChanged), (client, e) => client.CustomerChanged(e)),
        new LiveEventRoute<PortalUsersChanged>(nameof(ILiveClient.PortalUsersChanged), (client, e) => client.PortalUsersChanged(e)),
        new LiveEventRoute<CompanySettingsChanged>(nameof(ILiveClient.CompanySettingsChanged), (client, e) => client.CompanySettingsChanged(e)),
        new LiveEventRoute<MessagePosted>(nameof(ILiveClient.MessagePosted), (client, e) => client.MessagePosted(e)),
        new LiveEventRoute<JobStatusChanged>(nameof(ILiveClient.JobStatusChanged), (client, e) => client.JobStatusChanged(e)),
        new LiveEventRoute<ProjectCompletionChanged>(nameof(ILiveClient.ProjectCompletionChanged), (client, e) => client.ProjectCompletionChanged(e)),
        new LiveEventRoute<JobChanged>(nameof(ILiveClient.JobChanged), (client, e) => client.JobChanged(e)),
        new LiveEventRoute<ProjectChanged>(nameof(ILiveClient.ProjectChanged), (client, e) => client.ProjectChanged(e)),
    ];

    private static readonly Dictionary<Type, ILiveEventRoute> ByType = Routes.ToDictionary(r => r.EventType);

    /// <summary>Calls the client method that belongs to the event's type; false when the type has none (a unit test keeps the table complete).</summary>
    public static async Task<bool> TrySendAsync(ILiveClient client, LiveEvent liveEvent)
    {
        if (!ByType.TryGetValue(liveEvent.GetType(), out var route)) return false;
        await route.SendAsync(client, liveEvent);
        return true;
    }

    /// <summary>Registers a .NET client connection for every event method; returns the registrations to dispose.</summary>
    public static IReadOnlyList<IDisposable> ListenAll(HubConnection connection, Func<LiveEvent, Task> handler) =>
        Routes.Select(route => route.Listen(connection, handler)).ToList();
}

public interface ILiveEventRoute
{
    Type EventType { get; }
    string Method { get; }
    Task SendAsync(ILiveClient client, LiveEvent liveEvent);
    IDisposable Listen(HubConnection connection, Func<LiveEvent, Task> handler);
}

internal sealed class LiveEventRoute<T>(string method, Func<ILiveClient, T, Task> send) : ILiveEventRoute where T : LiveEvent
{
    public Type EventType => typeof(T);
    public string Method => method;
    public Task SendAsync(ILiveClient client, LiveEvent liveEvent) => send(client, (T)liveEvent);
    public IDisposable Listen(HubConnection connection, Func<LiveEvent, Task> handler) => connection.On<T>(method, e => handler(e));
}

/// <summary>Hub group names. "staff" holds staff connections; "customer:{id}" the connections allowed to follow one customer.</summary>
public static class LiveGroups
{
    public const string Staff = "staff";

    public static string Customer(int customerId) => $"customer:{customerId}";
}
