using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("CustomerPortal.Tests.Support.LongestFirstCollectionOrderer", "CustomerPortal.Tests")]

namespace CustomerPortal.Tests.Support;

/// <summary>
/// Starts the long shared-app collections first (xunit starts collections in this order, four at a time), so none of
/// them is left running alone at the end while the short ones have long finished. The rest keep xunit's own order.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    // Longest first, as measured on the two-core CI machine (axe and journeys 6 to 11 minutes, the web app 5, the demo
    // app 1.4); every other collection takes well under a minute.
    private static readonly string[] Longest =
    [
        StaffAxeCollection.Name,
        PortalBrowserCollection.Name,
        WebAppCollection.Name,
        BrowserCollection.Name,
        PortalAxeCollection.Name,
        DemoAppCollection.Name,
    ];

    private readonly DefaultTestCollectionOrderer _default = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var ordered = _default.OrderTestCollections(testCollections).ToList();
        return ordered.OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var i and >= 0 ? i : Longest.Length);
    }
}
