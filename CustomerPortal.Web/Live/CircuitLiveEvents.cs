using CustomerPortal.Core.Access;
using CustomerPortal.Core.Live;
using CustomerPortal.Web.Access;

namespace CustomerPortal.Web.Live;

/// <summary>
/// Live events for the components of one Blazor circuit, straight from this instance's <see cref="LiveEventBus"/>:
/// no connection of its own. Subscribe in OnAfterRenderAsync(firstRender), re-render with InvokeAsync in the handler
/// (handlers run on the publisher's thread), and dispose the subscription with the component. The bus checks the
/// circuit's current actor before every delivery. The circuit's actor is also watched: when its own portal user, its
/// customer or the company settings change, the actor is resolved again and the layouts are told
/// (<see cref="OnAccessChangedAsync"/>), so a locked user's open page shows the notice and refuses the next action.
/// </summary>
public sealed class CircuitLiveEvents(LiveEventBus bus, CurrentActor currentActor, ILogger<CircuitLiveEvents> logger) : IDisposable
{
    private readonly SemaphoreSlim _watchGate = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<LiveSubscription> _subscriptions = [];
    private readonly List<Func<Task>> _accessHandlers = [];
    private readonly List<IDisposable> _watches = [];
    private bool _watching;
    private bool _disposed;

    /// <summary>Events about this customer (details, portal users, jobs, projects, documents, payments) and company-wide ones.</summary>
    public Task<LiveSubscription> SubscribeAsync(int customerId, Func<LiveEvent, Task> onEvent, Func<LiveGap, Task>? onGap = null) =>
        AddAsync(new LiveSubscriber(currentActor.GetAsync, onEvent, customerId, onGap));

    /// <summary>Every event the actor may see, about any customer (staff only; refused for anyone else).</summary>
    public Task<LiveSubscription> SubscribeAllAsync(Func<LiveEvent, Task> onEvent, Func<LiveGap, Task>? onGap = null) =>
        AddAsync(new LiveSubscriber(currentActor.GetAsync, onEvent, null, onGap));

    /// <summary>
    /// Calls <paramref name="onAccessChanged"/> after the circuit's actor was dropped from the cache because the user's
    /// account, customer or the company settings changed (or the circuit reconnected); resolve it again there.
    /// </summary>
    public async Task<IDisposable> OnAccessChangedAsync(Func<Task> onAccessChanged)
    {
        lock (_gate) _accessHandlers.Add(onAccessChanged);
        await WatchAsync();
        return new Removal(() => { lock (_gate) _accessHandlers.Remove(onAccessChanged); });
    }

    /// <summary>The browser reconnected to the circuit: events may have been missed, so everyone reloads.</summary>
    public async Task SignalReconnectedAsync()
    {
        await AccessMayHaveChangedAsync();
        LiveSubscription[] subscriptions;
        lock (_gate) subscriptions = [.. _subscriptions];
        foreach (var subscription in subscriptions) await bus.SignalGapAsync(subscription, LiveGap.CircuitReconnected);
    }

    private async Task<LiveSubscription> AddAsync(LiveSubscriber subscriber)
    {
        await WatchAsync();
        var subscription = await bus.SubscribeAsync(subscriber);
        if (!subscription.IsActive) return subscription;
        lock (_gate)
        {
            if (!_disposed)
            {
                _subscriptions.RemoveAll(s => !s.IsActive);
                _subscriptions.Add(subscription);
                return subscription;
            }
        }
        subscription.Dispose();
        return LiveSubscription.Refused;
    }

    /// <summary>Watches the actors of the circuit (as signed in and, for portal pages, as shown) once.</summary>
    private async Task WatchAsync()
    {
        await _watchGate.WaitAsync();
        try
        {
            if (_watching || _disposed) return;
            _watching = true;
            var actors = new[] { await currentActor.GetAsync(), await currentActor.GetForPortalAsync() };
            foreach (var actor in actors.OfType<Actor>().Distinct())
                lock (_gate) _watches.Add(bus.WatchAccess(actor, AccessMayHaveChangedAsync));
        }
        finally
        {
            _watchGate.Release();
        }
    }

    private async Task AccessMayHaveChangedAsync()
    {
        currentActor.Refresh();
        Func<Task>[] handlers;
        lock (_gate) handlers = [.. _accessHandlers];
        foreach (var handler in handlers)
        {
            try
            {
                await handler();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A screen failed to take in its user's changed access.");
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var subscription in _subscriptions) subscription.Dispose();
            foreach (var watch in _watches) watch.Dispose();
            _subscriptions.Clear();
            _watches.Clear();
            _accessHandlers.Clear();
        }
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
