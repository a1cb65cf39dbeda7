using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Home;

/// <summary>The staff home on the demo company, at desk and phone width, for a person to look at: every tile is there, nothing scrolls sideways, axe finds nothing serious.</summary>
[Collection(DemoAppCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class TodayDemoScreenshotTests(DemoAppFixture demo)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task Today_OnTheDemoCompany_ShowsEveryTile(int width)
    {
        var page = await demo.NewPageAsync(width);
        try
        {
            await new LoginPage(page).SignInAsStaffAsync("staff@example.com", "demo-pass-1");
            await Assertions.Expect(page.Locator("[data-live-reload=on]")).ToBeAttachedAsync();
            foreach (var tile in new[] { "visits-today", "visits-tomorrow", "waiting-threads", "new-requests", "waiting-estimates", "overdue-invoices",
                         "payments-today", "failed-messages", "invited-users" })
                await Assertions.Expect(page.GetByTestId(tile)).ToBeVisibleAsync();
            // The demo company has an invited portal user who never registered (wei.chen@example.com).
            await Assertions.Expect(page.GetByTestId("invited-users")).ToContainTextAsync("wei.chen@example.com");
            Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"));
            var axe = await page.RunAxe().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} elements)"));
            await BrowserFixture.ScreenshotAsync(page, $"staff-today-demo-{width}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
