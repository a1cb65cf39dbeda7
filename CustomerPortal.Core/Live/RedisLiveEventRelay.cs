using System.Collections.Concurrent;
using System.Threading.Channels;
using CustomerPortal.Core.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CustomerPortal.Core.Live;

/// <summary>
/// Bridges the <see cref="LiveEventBus"/> of this instance to the other instances through Redis pub/sub, when
/// LiveUpdates:RedisConnectionString is set. Every instance, the publishing one included, hands an event to its screens
/// when it comes back from Redis, one at a time in the order Redis gives all subscribers: a thread's messages are
/// published in store order (ThreadPublishOrder), and an instance that delivered its own messages at once could hand
/// its screens its next message before another instance's earlier one had arrived. Pub/sub keeps nothing for a
/// disconnected instance, so when the connection comes back every subscriber is told of a possible gap and reloads.
/// </summary>
public sealed class RedisLiveEventRelay(LiveEventBus bus, RedisConnection connection, ILogger<RedisLiveEventRelay> logger) : IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("customerportal:live");

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _awaitingEcho = new();
    private readonly Channel<LiveEvent> _deliveries = System.Threading.Channels.Channel.CreateUnbounded<LiveEvent>(new() { SingleReader = true });
    private ConnectionMultiplexer? _redis;
    private Task _delivering = Task.CompletedTask;

    /// <summary>
    /// How long a publisher waits for its event to come back from Redis before it delivers it here itself (out of the
    /// shared order, but not lost).
    /// </summary>
    public TimeSpan EchoPatience { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether Redis is set up and, if so, connected (the readiness check reads this).</summary>
    public LiveRelayState State => _redis switch
    {
        null when !connection.IsConfigured => LiveRelayState.NotConfigured,
        { IsConnected: true } => LiveRelayState.Connected,
        _ => LiveRelayState.Disconnected,
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _redis = await connection.ConnectAsync();
        if (_redis is null) return;
        _redis.ConnectionFailed += (_, e) =>
            logger.LogWarning(e.Exception, "Live updates lost Redis ({FailureType}); other instances' changes wait until it is back.", e.FailureType);
        _redis.ConnectionRestored += (sender, e) =>
        {
            if (e.ConnectionType != ConnectionType.Subscription) return;
            logger.LogInformation("Live updates reconnected to Redis; screens reload what they may have missed.");
            _ = bus.SignalGapAsync(LiveGap.InstancesReconnected);
        };
        // Receiving only queues: a screen that publishes while it handles an event (marking a message read) waits for
        // its own echo, which must not be stuck behind the delivery that is waiting for that screen.
        _delivering = Task.Run(DeliverInOrderAsync, CancellationToken.None);
        var received = await _redis.GetSubscriber().SubscribeAsync(Channel);
        received.OnMessage(message => Receive(message.Message));
        bus.UseRelay(SendAsync);
    }

    /// <summary>Publishes to every instance; true once the event is queued for delivery here too, in Redis's order.</summary>
    private async Task<bool> SendAsync(LiveEvent liveEvent)
    {
        if (_redis is null) return false;
        var subscriber = _redis.GetSubscriber();
        var id = Guid.NewGuid();
        var echo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var expectEcho = subscriber.IsConnected(Channel);
        if (expectEcho) _awaitingEcho[id] = echo;
        try
        {
            await subscriber.PublishAsync(Channel, LiveEventJson.Serialize(new RelayedLiveEvent(_instance, liveEvent, id)));
        }
        catch
        {
            _awaitingEcho.TryRemove(id, out _);
            throw;
        }
        if (!expectEcho) return false;
        try
        {
            await echo.Task.WaitAsync(EchoPatience);
            return true;
        }
        catch (TimeoutException)
        {
            if (!_awaitingEcho.TryRemove(id, out _)) return true; // it came back just now and is queued
        }
        logger.LogWarning("{Event} did not come back from Redis within {Patience}; delivered here directly.", liveEvent, EchoPatience);
        return false;
    }

    private void Receive(RedisValue message)
    {
        var relayed = message.IsNullOrEmpty ? null : LiveEventJson.Deserialize(message.ToString());
        if (relayed is null)
        {
            logger.LogWarning("Ignored a live event from Redis that this version cannot read.");
            return;
        }
        if (relayed.Source == _instance)
        {
            // Not awaited any more: its publisher gave up waiting and delivered it already.
            if (!_awaitingEcho.TryRemove(relayed.Id, out var echo)) return;
            _deliveries.Writer.TryWrite(relayed.Event);
            echo.SetResult();
            return;
        }
        _deliveries.Writer.TryWrite(relayed.Event);
    }

    private async Task DeliverInOrderAsync()
    {
        await foreach (var liveEvent in _deliveries.Reader.ReadAllAsync())
        {
            try
            {
                await bus.DeliverAsync(liveEvent);
            }
            catch (Exception e)
            {
                logger.LogError(e, "A live event relayed through Redis could not be delivered here.");
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _deliveries.Writer.TryComplete();
        await _delivering.WaitAsync(cancellationToken);
    }
}

public enum LiveRelayState
{
    NotConfigured,
    Connected,
    Disconnected,
}
