using Microsoft.AspNetCore.SignalR.Client;

namespace CustomerPortal.LoadTest;

/// <summary>What differs between the hubs a run measures: where they are, how a connection joins, sends and hears.</summary>
public interface IHubScenario
{
    string Name { get; }
    string HubPath { get; }
    void Listen(HubConnection connection, LoadPeer peer, Recorder recorder);
    Task JoinAsync(HubConnection connection, LoadPeer peer, LoadWorld world);

    /// <summary>Who must receive a message <paramref name="sender"/> posts in the thread.</summary>
    IReadOnlyList<int> Recipients(LoadPeer sender, LoadThread thread);

    /// <summary>Sends and returns once the hub has acknowledged it.</summary>
    Task SendAsync(HubConnection connection, LoadPeer sender, LoadThread thread, Guid id, string body);
}

/// <summary>The baseline: a bare hub in the same app that sends back what came, to the sender only.</summary>
public sealed class EchoScenario : IHubScenario
{
    public string Name => "echo hub";
    public string HubPath => "hubs/echo";

    public void Listen(HubConnection connection, LoadPeer peer, Recorder recorder) =>
        connection.On<Guid, string>("Echoed", (id, _) => recorder.Received(peer.Index, id));

    public Task JoinAsync(HubConnection connection, LoadPeer peer, LoadWorld world) => Task.CompletedTask;

    public IReadOnlyList<int> Recipients(LoadPeer sender, LoadThread thread) => [sender.Index];

    public Task SendAsync(HubConnection connection, LoadPeer sender, LoadThread thread, Guid id, string body) =>
        connection.InvokeAsync("Echo", id, body);
}
