using CustomerPortal.Core.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CustomerPortal.Core.Live;

/// <summary>
/// Bridges the <see cref="LiveEventBus"/> of this instance to the other instances through Redis pub/sub, when
/// LiveUpdates:RedisConnectionString is set. Each instance publishes what its services publish and delivers what the
/// others publish, ignoring its own echo. Pub/sub keeps nothing for a disconnected instance, so when the connection comes
/// back every subscriber is told of a possible gap and reloads.
/// </summary>
public sealed class RedisLiveEventRelay(LiveEventBus bus, RedisConnection connection, ILogger<RedisLiveEventRelay> logger) : IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("customerportal:live");

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer? _redis;

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
        // One at a time, in the order Redis has them: a thread's messages are published in store order (ThreadPublishOrder)
        // and must reach this instance's screens and hub connections in that order.
        var received = await _redis.GetSubscriber().SubscribeAsync(Channel);
        received.OnMessage(async message =>
        {
            try
            {
                await ReceiveAsync(message.Message);
            }
            catch (Exception e)
            {
                logger.LogError(e, "A live event from another instance could not be delivered here.");
            }
        });
        bus.UseRelay(SendAsync);
    }

    private async Task SendAsync(LiveEvent liveEvent)
    {
        if (_redis is null) return;
        await _redis.GetSubscriber().PublishAsync(Channel, LiveEventJson.Serialize(new RelayedLiveEvent(_instance, liveEvent)));
    }

    private async Task ReceiveAsync(RedisValue message)
    {
        var relayed = message.IsNullOrEmpty ? null : LiveEventJson.Deserialize(message.ToString());
        if (relayed is null)
        {
            logger.LogWarning("Ignored a live event from Redis that this version cannot read.");
            return;
        }
        if (relayed.Source == _instance) return;
        await bus.DeliverAsync(relayed.Event);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public enum LiveRelayState
{
    NotConfigured,
    Connected,
    Disconnected,
}
