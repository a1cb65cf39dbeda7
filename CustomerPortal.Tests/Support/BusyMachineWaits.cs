using System.Runtime.CompilerServices;
using Bunit;

namespace CustomerPortal.Tests.Support;

/// <summary>
/// How long a test waits for a page, a component or a live update to show what it expects. The suite runs four test
/// collections at a time on two cores with the PostgreSQL pass beside it at the lowest priority, so a load average of 20
/// is usual and a first render or a push can take many seconds; a longer limit costs a passing test nothing, and a test
/// asserts what arrives, not how fast (speed is measured by the benchmarks and the load tool).
/// </summary>
internal static class BusyMachineWaits
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary><see cref="Patience"/> for Playwright, which counts in milliseconds.</summary>
    public const float PatienceMs = 30_000;

#pragma warning disable CA2255 // The test assembly is the application here: this runs once before any test.
    [ModuleInitializer]
    internal static void AllowForABusyMachine()
    {
        // bUnit's "wait for" gives up after one second by default, Playwright's Expect(...) after five.
        BunitContext.DefaultWaitTimeout = Patience;
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(PatienceMs);
    }
#pragma warning restore CA2255
}
