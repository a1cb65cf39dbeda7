using System.Diagnostics.Metrics;
using CustomerPortal.Core.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Support;

/// <summary>The app's counters on a meter factory of their own, for services a test builds by hand.</summary>
public static class TestMetrics
{
    public static PortalMetrics Create() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
