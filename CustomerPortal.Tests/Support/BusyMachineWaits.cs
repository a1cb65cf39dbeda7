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

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, looking again every 100 ms, for what no render announces (a bus
    /// subscription made after the last render, a count on a page): bUnit's WaitFor... looks again only on a render.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string failure) => UntilAsync(() => Task.FromResult(condition()), failure);

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
