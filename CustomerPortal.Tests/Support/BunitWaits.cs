using System.Runtime.CompilerServices;
using Bunit;

namespace CustomerPortal.Tests.Support;

internal static class BunitWaits
{
    /// <summary>
    /// bUnit's "wait for" gives up after one second by default; with the PostgreSQL pass running beside the main one on
    /// two cores, a component's first load alone has taken longer. A longer limit costs a passing test nothing.
    /// </summary>
#pragma warning disable CA2255 // The test assembly is the application here: this runs once before any test.
    [ModuleInitializer]
    internal static void AllowForABusyMachine() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
#pragma warning restore CA2255
}
