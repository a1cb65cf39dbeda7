using CustomerPortal.Core.Access;
using CustomerPortal.Core.Messaging;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.LoadTest;

/// <summary>The app's messaging hub: each peer joins its threads; a message goes to everyone on the thread.</summary>
public sealed class MessagingScenario : IHubScenario
{
    public string Name => "messages hub";
    public string HubPath => "hubs/messages";

    public void Listen(HubConnection connection, LoadPeer peer, Recorder recorder) =>
        connection.On<WireMessage>("MessageReceived", m => recorder.Received(peer.Index, m.ClientMessageId, m.ThreadId, m.Id));

    public async Task JoinAsync(HubConnection connection, LoadPeer peer, LoadWorld world)
    {
        foreach (var thread in peer.Threads) await connection.InvokeAsync<JoinedThread>("JoinThread", world.Threads[thread].ThreadId, 0L);
    }

    public IReadOnlyList<int> Recipients(LoadPeer sender, LoadThread thread) => thread.Followers;

    public Task SendAsync(HubConnection connection, LoadPeer sender, LoadThread thread, Guid id, string body) =>
        connection.InvokeAsync<WireMessage>("Send", new { ThreadId = thread.ThreadId, ClientMessageId = id, Body = body, InternalNote = false });

    /// <summary>Opens each job's thread through the messaging service, as staff opening the job page would.</summary>
    public static async Task SeedThreadsAsync(IServiceProvider services, Actor admin, LoadWorld world)
    {
        var messaging = services.GetRequiredService<MessagingService>();
        await Parallel.ForEachAsync(world.Threads, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (thread, ct) =>
        {
            var view = await messaging.GetThreadForSubjectAsync(admin, ThreadSubject.Job, thread.JobId, ct);
            thread.ThreadId = view.Succeeded ? view.Value!.Summary.Id : throw new InvalidOperationException($"Seeding failed: {view.Message}");
        });
    }

    /// <summary>The part of the join answer the tool reads.</summary>
    public sealed record JoinedThread(IReadOnlyList<WireMessage> Messages);

    /// <summary>The fields of a posted message the tool reads.</summary>
    public sealed record WireMessage(long Id, int ThreadId, Guid ClientMessageId);
}
