using Microsoft.AspNetCore.SignalR.Client;

namespace CustomerPortal.LoadTest;

/// <summary>The app's messaging hub: each peer joins its threads; a message goes to everyone on the thread.</summary>
public sealed class MessagingScenario : IHubScenario
{
    public string Name => "messages hub";
    public string HubPath => "hubs/messages";

    public void Listen(HubConnection connection, LoadPeer peer, Recorder recorder) =>
        connection.On<WireMessage>("MessageReceived", m => recorder.Received(peer.Index, m.ClientMessageId, m.ThreadId, m.Id));

    public async Task JoinAsync(HubConnection connection, LoadPeer peer)
    {
        foreach (var thread in peer.Threads) await connection.InvokeAsync<object>("JoinThread", thread, 0L);
    }

    public IReadOnlyList<int> Recipients(LoadPeer sender, LoadThread thread) => thread.Followers;

    public Task SendAsync(HubConnection connection, LoadPeer sender, LoadThread thread, Guid id, string body) =>
        connection.InvokeAsync<WireMessage>("Send", new { ThreadId = thread.ThreadId, ClientMessageId = id, Body = body, InternalNote = false });

    public static Task SeedThreadsAsync(IServiceProvider services, Core.Access.Actor admin, LoadWorld world) =>
        throw new NotSupportedException("The messaging scenario needs the messaging service (branch wip/core).");

    /// <summary>The fields of a posted message the tool reads.</summary>
    public sealed record WireMessage(long Id, int ThreadId, Guid ClientMessageId);
}
