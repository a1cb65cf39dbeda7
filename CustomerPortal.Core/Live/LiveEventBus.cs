using System.Collections.Immutable;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Operations;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Core.Live;

/// <summary>
/// The live-events bus of one app instance (a singleton). Screens subscribe with a way to get their current actor; the
/// access rule is asked when subscribing and again before each delivery, since a user's rights can change while a page
/// is open. A failing subscriber never stops the others or the publisher. With Redis set up (<see cref="RedisLiveEventRelay"/>)
/// published events also reach the buses of the other instances, which deliver them through <see cref="DeliverAsync"/>.
/// </summary>
public sealed class LiveEventBus(AccessRules access, PortalMetrics metrics, ILogger<LiveEventBus> logger) : ILiveEventPublisher
{
    private readonly Lock _gate = new();
    private Subscriptions _subscriptions = Subscriptions.None;
    private AccessWatch[] _watches = [];
    private Func<LiveEvent, Task>[] _listeners = [];
    private Func<LiveEvent, Task<bool>>? _relay;

    /// <summary>
    /// How long a publisher waits for one subscriber before it goes on without it (the delivery still finishes in the
    /// background). A message is published while the next one waits to be stored, so one stuck screen must not hold up
    /// every conversation.
    /// </summary>
    public TimeSpan SubscriberPatience { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many subscriptions are open (tests and diagnostics).</summary>
    public int SubscriptionCount
    {
        get { lock (_gate) return _subscriptions.Count; }
    }

    /// <summary>
    /// Starts a subscription when the subscriber's actor may follow its scope (AccessRules.MayFollow); otherwise
    /// <see cref="LiveSubscription.Refused"/>, which delivers nothing.
    /// </summary>
    public async Task<LiveSubscription> SubscribeAsync(LiveSubscriber subscriber, CancellationToken ct = default)
    {
        var actor = await subscriber.GetActor(ct);
        if (actor is null || !access.MayFollow(actor, subscriber.CustomerId)) return LiveSubscription.Refused;
        var subscription = new LiveSubscription(this, subscriber);
        lock (_gate) _subscriptions = _subscriptions.With(subscription);
        return subscription;
    }

    /// <summary>
    /// Calls <paramref name="onAccessMayHaveChanged"/> (before any subscriber hears of the event) whenever an event could
    /// change what the actor may do: their own portal user, their customer or the company settings. Carries no event
    /// data, so it is given even when the actor has just lost access: that is when the screen must re-resolve.
    /// </summary>
    public IDisposable WatchAccess(Actor actor, Func<Task> onAccessMayHaveChanged)
    {
        var watch = new AccessWatch(this, actor, onAccessMayHaveChanged);
        lock (_gate) _watches = [.. _watches, watch];
        return watch;
    }

    /// <summary>Every event, before anyone else: for the instance's own plumbing (caches, the Redis relay), never for screens.</summary>
    public IDisposable Listen(Func<LiveEvent, Task> listener)
    {
        lock (_gate) _listeners = [.. _listeners, listener];
        return new Unlisten(this, listener);
    }

    /// <summary>
    /// Where published events go besides this instance (one relay: Redis). The relay answers whether it has also taken
    /// care of this instance's delivery (in the order all instances get the events); when it has not, or fails, the bus
    /// delivers here itself.
    /// </summary>
    public void UseRelay(Func<LiveEvent, Task<bool>> relay) => _relay = relay;

    public async Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default)
    {
        metrics.LiveEventPublished(liveEvent);
        if (_relay is { } relay)
        {
            try
            {
                if (await relay(liveEvent)) return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not pass {Event} to the other app instances.", liveEvent);
            }
        }
        await DeliverAsync(liveEvent);
    }

    /// <summary>Hands an event to this instance only: listeners, then access watches, then subscribers.</summary>
    public async Task DeliverAsync(LiveEvent liveEvent)
    {
        Subscriptions subscriptions;
        AccessWatch[] watches;
        Func<LiveEvent, Task>[] listeners;
        lock (_gate) (subscriptions, watches, listeners) = (_subscriptions, _watches, _listeners);

        foreach (var listener in listeners) await SafelyAsync(() => listener(liveEvent), liveEvent);
        await Task.WhenAll(watches.Where(w => access.MayChangeAccessOf(w.Actor, liveEvent))
            .Select(w => SafelyAsync(w.OnChanged, liveEvent)));
        await Task.WhenAll(subscriptions.For(liveEvent.CustomerId).Select(s => DeliverToAsync(s, liveEvent)));
    }

    /// <summary>Tells every subscriber that it may have missed events, so it reloads.</summary>
    public async Task SignalGapAsync(LiveGap gap)
    {
        Subscriptions subscriptions;
        lock (_gate) subscriptions = _subscriptions;
        await Task.WhenAll(subscriptions.All().Select(s => SignalGapAsync(s, gap)));
    }

    /// <summary>Tells one subscription that it may have missed events (a circuit that reconnected).</summary>
    public Task SignalGapAsync(LiveSubscription subscription, LiveGap gap) =>
        subscription is { IsActive: true, Subscriber.OnGap: { } onGap } ? SafelyAsync(() => onGap(gap), gap) : Task.CompletedTask;

    private async Task DeliverToAsync(LiveSubscription subscription, LiveEvent liveEvent)
    {
        var delivery = SafelyAsync(async () =>
        {
            var actor = await subscription.Subscriber!.GetActor(CancellationToken.None);
            if (actor is null || !access.MayReceive(actor, liveEvent) || !subscription.IsActive) return;
            await subscription.Subscriber.OnEvent(liveEvent);
        }, liveEvent);
        try
        {
            await delivery.WaitAsync(SubscriberPatience);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("A live-events subscriber took longer than {Patience} over {Event}; the others went on without it.", SubscriberPatience, liveEvent);
        }
    }

    private async Task SafelyAsync(Func<Task> deliver, object what)
    {
        try
        {
            await deliver();
        }
        catch (Exception ex)
        {
            // One broken screen (or a closed circuit) must not stop the others, nor fail the save that published.
            logger.LogWarning(ex, "A live-events subscriber failed on {What}.", what);
        }
    }

    internal void Remove(LiveSubscription subscription)
    {
        lock (_gate) _subscriptions = _subscriptions.Without(subscription);
    }

    private void Remove(AccessWatch watch)
    {
        lock (_gate) _watches = [.. _watches.Where(w => w != watch)];
    }

    private void Remove(Func<LiveEvent, Task> listener)
    {
        lock (_gate) _listeners = [.. _listeners.Where(l => l != listener)];
    }

    private sealed class AccessWatch(LiveEventBus bus, Actor actor, Func<Task> onChanged) : IDisposable
    {
        public Actor Actor => actor;
        public Func<Task> OnChanged => onChanged;
        public void Dispose() => bus.Remove(this);
    }

    private sealed class Unlisten(LiveEventBus bus, Func<LiveEvent, Task> listener) : IDisposable
    {
        public void Dispose() => bus.Remove(listener);
    }

    /// <summary>
    /// The open subscriptions, kept by the customer they follow, so an event about one customer is offered to that
    /// customer's screens and to those that follow everything (staff lists), not to every screen of the instance.
    /// Immutable: a delivery works on the snapshot it took.
    /// </summary>
    private sealed class Subscriptions
    {
        public static readonly Subscriptions None = new(ImmutableArray<LiveSubscription>.Empty, ImmutableDictionary<int, ImmutableArray<LiveSubscription>>.Empty, 0);

        private readonly ImmutableArray<LiveSubscription> _everything;
        private readonly ImmutableDictionary<int, ImmutableArray<LiveSubscription>> _byCustomer;

        private Subscriptions(ImmutableArray<LiveSubscription> everything, ImmutableDictionary<int, ImmutableArray<LiveSubscription>> byCustomer, int count)
        {
            _everything = everything;
            _byCustomer = byCustomer;
            Count = count;
        }

        public int Count { get; }

        /// <summary>Who may want an event about <paramref name="customerId"/> (every subscription for an event about no one customer).</summary>
        public IEnumerable<LiveSubscription> For(int? customerId)
        {
            if (customerId is null) return All();
            return _byCustomer.TryGetValue(customerId.Value, out var followers) ? _everything.Concat(followers) : _everything;
        }

        public IEnumerable<LiveSubscription> All() => _everything.Concat(_byCustomer.Values.SelectMany(s => s));

        public Subscriptions With(LiveSubscription subscription) => subscription.Subscriber?.CustomerId is { } customerId
            ? new(_everything, _byCustomer.SetItem(customerId, Followers(customerId).Add(subscription)), Count + 1)
            : new(_everything.Add(subscription), _byCustomer, Count + 1);

        public Subscriptions Without(LiveSubscription subscription)
        {
            if (subscription.Subscriber?.CustomerId is not { } customerId)
            {
                var everything = _everything.Remove(subscription);
                return everything.Length == _everything.Length ? this : new(everything, _byCustomer, Count - 1);
            }
            var followers = Followers(customerId);
            var left = followers.Remove(subscription);
            if (left.Length == followers.Length) return this;
            return new(_everything, left.IsEmpty ? _byCustomer.Remove(customerId) : _byCustomer.SetItem(customerId, left), Count - 1);
        }

        private ImmutableArray<LiveSubscription> Followers(int customerId) =>
            _byCustomer.TryGetValue(customerId, out var followers) ? followers : ImmutableArray<LiveSubscription>.Empty;
    }
}
