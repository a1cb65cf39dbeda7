namespace CustomerPortal.Core.Live;

/// <summary>
/// Hands live events to subscribers in this process. Subscriptions are disposable; a failing subscriber never stops
/// the others or the publisher.
/// </summary>
public sealed class InProcessLiveEvents : ILiveEventPublisher
{
    private readonly Lock _gate = new();
    private readonly List<Func<LiveEvent, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<LiveEvent, Task> handler)
    {
        lock (_gate) _subscribers.Add(handler);
        return new Subscription(this, handler);
    }

    public async Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default)
    {
        Func<LiveEvent, Task>[] subscribers;
        lock (_gate) subscribers = [.. _subscribers];
        foreach (var subscriber in subscribers)
        {
            try { await subscriber(liveEvent); }
            catch (Exception) when (!ct.IsCancellationRequested) { /* A closed circuit must not break delivery to the rest. */ }
        }
    }

    private void Unsubscribe(Func<LiveEvent, Task> handler)
    {
        lock (_gate) _subscribers.Remove(handler);
    }

    private sealed class Subscription(InProcessLiveEvents owner, Func<LiveEvent, Task> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(handler);
    }
}
