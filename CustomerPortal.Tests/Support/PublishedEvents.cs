using CustomerPortal.Core.Live;

namespace CustomerPortal.Tests.Support;

/// <summary>Collects every live event a test host's bus publishes, for tests that check what a service told open screens.</summary>
public static class PublishedEvents
{
    /// <summary>Adds each event published on the host's bus to <paramref name="into"/> (under its lock) until disposed.</summary>
    public static IDisposable Record(CoreServices core, List<LiveEvent> into) => core.Get<LiveEventBus>().Listen(e =>
    {
        lock (into) into.Add(e);
        return Task.CompletedTask;
    });
}
