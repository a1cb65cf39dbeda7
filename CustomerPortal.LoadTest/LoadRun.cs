using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CustomerPortal.LoadTest;

/// <summary>
/// One hub's measurement on a fresh server: warm up, connect every peer and join its threads (server memory before and
/// after), send at the set total rate for the set time from random peers, wait for the deliveries, close.
/// </summary>
public static class LoadRun
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(20);

    public static Task<RunFigures> RunAsync(IHubScenario scenario, LoadWorld world, ServerProcess server, LoadOptions options) =>
        RunAsync(scenario, world, server.BaseUri, [server], options);

    /// <summary>
    /// The same through <paramref name="baseUri"/>, which may be a proxy in front of <paramref name="servers"/>; memory
    /// is their sum, and the figures say how many connections each server held.
    /// </summary>
    public static async Task<RunFigures> RunAsync(
        IHubScenario scenario, LoadWorld world, Uri baseUri, IReadOnlyList<ServerProcess> servers, LoadOptions options)
    {
        await WarmUpAsync(scenario, world, baseUri, options);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var rssBefore = servers.Sum(s => s.ResidentBytes());

        var recorder = new Recorder();
        var connections = new HubConnection[world.Peers.Count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(world.Peers, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (peer, _) =>
        {
            connections[peer.Index] = await ConnectAsync(scenario, baseUri, peer, recorder);
            await scenario.JoinAsync(connections[peer.Index], peer, world);
        });
        Console.WriteLine($"  {scenario.Name}: {connections.Length} connections open and joined in {clock.Elapsed.TotalSeconds:0.0} s.");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var rssAfter = servers.Sum(s => s.ResidentBytes());
        var perServer = servers.Select(s => s.EstablishedConnections()).ToList();

        var (sendSeconds, deliverySeconds) = await SendAsync(scenario, world, connections, recorder, options);
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
        return recorder.Figures(scenario.Name, connections.Length, sendSeconds, deliverySeconds, rssBefore, rssAfter) with { ConnectionsPerServer = perServer };
    }

    /// <summary>A few connections and messages first, so start-up work (JIT, first queries) is not in the figures.</summary>
    private static async Task WarmUpAsync(IHubScenario scenario, LoadWorld world, Uri baseUri, LoadOptions options)
    {
        var recorder = new Recorder();
        var peers = world.Peers.Where(p => p.Threads.Count > 0).Take(10).ToList();
        var connections = new List<HubConnection>();
        foreach (var peer in peers)
        {
            var connection = await ConnectAsync(scenario, baseUri, peer, recorder);
            await scenario.JoinAsync(connection, peer, world);
            connections.Add(connection);
        }
        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(peers.Select((peer, i) =>
            {
                var thread = world.Threads[peer.Threads[0]];
                var id = Guid.NewGuid();
                recorder.Sending(id, scenario.Recipients(peer, thread));
                return scenario.SendAsync(connections[i], peer, thread, id, Body(options, round));
            }));
        }
        await Task.Delay(500);
        foreach (var connection in connections) await connection.DisposeAsync();
    }

    private static async Task<HubConnection> ConnectAsync(IHubScenario scenario, Uri baseUri, LoadPeer peer, Recorder recorder)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, scenario.HubPath), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = peer.Cookie;
            })
            .Build();
        // A busy single-core server may answer pings late; a dropped connection is counted, not hidden by a short timeout.
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        scenario.Listen(connection, peer, recorder);
        connection.Closed += error =>
        {
            if (error is not null) recorder.Dropped();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        return connection;
    }

    private static async Task<(double SendSeconds, double DeliverySeconds)> SendAsync(
        IHubScenario scenario, LoadWorld world, HubConnection[] connections, Recorder recorder, LoadOptions options)
    {
        var senders = world.Peers.Where(p => p.Threads.Count > 0).ToArray();
        var total = (long)(options.Rate * options.DurationSeconds);
        var random = new Random(42);
        var pending = new ConcurrentBag<Task>();
        var start = Stopwatch.GetTimestamp();
        long sent = 0;
        while (sent < total)
        {
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * options.Rate));
            for (; sent < due; sent++)
            {
                var sender = senders[random.Next(senders.Length)];
                var thread = world.Threads[sender.Threads[random.Next(sender.Threads.Count)]];
                pending.Add(SendOneAsync(scenario, connections[sender.Index], sender, thread, recorder, Body(options, (int)sent)));
            }
            await Task.Delay(2);
        }
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(pending);

        var drain = Stopwatch.StartNew();
        while (recorder.Delivered < recorder.Expected && drain.Elapsed < DrainLimit) await Task.Delay(50);
        var last = recorder.LastReceiptTimestamp;
        var deliverySeconds = (last > start ? Stopwatch.GetElapsedTime(start, last) : Stopwatch.GetElapsedTime(start)).TotalSeconds;
        return (sendSeconds, deliverySeconds);
    }

    private static async Task SendOneAsync(IHubScenario scenario, HubConnection connection, LoadPeer sender, LoadThread thread, Recorder recorder, string body)
    {
        var id = Guid.NewGuid();
        recorder.Sending(id, scenario.Recipients(sender, thread));
        try
        {
            await scenario.SendAsync(connection, sender, thread, id, body).WaitAsync(SendTimeout);
            recorder.Acknowledged(id);
        }
        catch (Exception error)
        {
            recorder.Failed(error);
        }
    }

    private static string Body(LoadOptions options, int n)
    {
        var text = $"Load message {n}: when can the technician come round? ";
        return string.Concat(Enumerable.Repeat(text, options.BodyLength / text.Length + 1))[..options.BodyLength];
    }
}
