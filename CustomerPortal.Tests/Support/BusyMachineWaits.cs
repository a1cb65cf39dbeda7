using System.Runtime.CompilerServices;
using Bunit;

namespace CustomerPortal.Tests.Support;

/// <summary>
/// How long a test waits for a page or a component to show what it expects. The suite runs four test collections at a
/// time on two cores with the PostgreSQL pass beside it, so a first render can take seconds; a longer limit costs a
/// passing test nothing.
/// </summary>
internal static class BusyMachineWaits
{
#pragma warning disable CA2255 // The test assembly is the application here: this runs once before any test.
    [ModuleInitializer]
    internal static void AllowForABusyMachine()
    {
        // bUnit's "wait for" gives up after one second by default.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        // Playwright's Expect(...) gives up after five seconds by default; actions already wait 15 (the contexts' default).
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
    }
#pragma warning restore CA2255
}
