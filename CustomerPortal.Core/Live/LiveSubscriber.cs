using CustomerPortal.Core.Access;

namespace CustomerPortal.Core.Live;

/// <summary>
/// One subscriber of the <see cref="LiveEventBus"/>. <paramref name="GetActor"/> answers who the subscriber is now
/// (asked on subscribing and again before every delivery, so a lock or a lost permission stops delivery at once);
/// <paramref name="CustomerId"/> narrows the subscription to one customer's events and company-wide ones (null: everything
/// the actor may see, which only staff may ask for). <paramref name="OnGap"/> is told when events may have been missed.
/// </summary>
public sealed record LiveSubscriber(
    Func<CancellationToken, Task<Actor?>> GetActor,
    Func<LiveEvent, Task> OnEvent,
    int? CustomerId = null,
    Func<LiveGap, Task>? OnGap = null);

/// <summary>Why a subscriber may have missed events; whatever the reason, it reloads what it shows.</summary>
public enum LiveGap
{
    /// <summary>The connection between app instances (Redis) was lost and is back.</summary>
    InstancesReconnected,

    /// <summary>The browser's connection to its circuit was lost and is back.</summary>
    CircuitReconnected,
}

/// <summary>A subscription to the <see cref="LiveEventBus"/>; dispose it when the screen goes away.</summary>
public sealed class LiveSubscription : IDisposable
{
    /// <summary>The answer to a subscription the actor may not have: delivers nothing.</summary>
    public static readonly LiveSubscription Refused = new(null, null);

    private readonly LiveEventBus? _bus;
    private int _disposed;

    internal LiveSubscription(LiveEventBus? bus, LiveSubscriber? subscriber)
    {
        _bus = bus;
        Subscriber = subscriber;
    }

    internal LiveSubscriber? Subscriber { get; }

    /// <summary>False when the subscription was refused or has been disposed.</summary>
    public bool IsActive => _bus is not null && Volatile.Read(ref _disposed) == 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _bus?.Remove(this);
    }
}
