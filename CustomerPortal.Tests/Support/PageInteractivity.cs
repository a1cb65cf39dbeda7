using Microsoft.Playwright;

namespace CustomerPortal.Tests.Support;

public static class PageInteractivity
{
    /// <summary>
    /// Waits until the page's circuit is up: its layout then follows access changes (<c>data-live-access</c>). A link
    /// clicked while the circuit is still starting can change the address without rendering the new page (a Blazor
    /// start-up race that a busy machine widens), so journeys wait for this after a full page load before clicking.
    /// Waits as long as the page's context does by default.
    /// </summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.Locator("[data-live-access='on']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
}
