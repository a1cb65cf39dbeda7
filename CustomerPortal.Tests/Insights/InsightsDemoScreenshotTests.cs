using Microsoft.Playwright;

namespace CustomerPortal.Tests.Insights;

/// <summary>Insights on the demo company, at desk and phone width, for a person to look at; nothing scrolls sideways.</summary>
[Collection(DemoAppCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class InsightsDemoScreenshotTests(DemoAppFixture demo)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task Insights_OnTheDemoCompany_ShowsEveryFigureAndChart(int width)
    {
        var page = await demo.NewPageAsync(width);
        try
        {
            await new LoginPage(page).SignInAsStaffAsync("admin@example.com", "demo-pass-1");
            await page.GotoAsync("/staff/insights");

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Insights", Level = 1 })).ToBeVisibleAsync();
            foreach (var key in new[] { "payment-time", "payment-time-portal", "payment-time-manual", "paid-on-time", "overdue", "collected",
                         "quote-conversion", "quote-answer", "portal-adoption", "portal-sign-ins", "portal-payments", "first-response",
                         "first-response-p90", "review-average", "review-count" })
                await Assertions.Expect(page.GetByTestId($"insight-{key}-value")).ToBeVisibleAsync();
            // The demo company has customers with registered portal users, so adoption is a percentage, never "Not defined".
            await Assertions.Expect(page.GetByTestId("insight-portal-adoption-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+%$"));
            await Assertions.Expect(page.Locator(".mud-chart").First).ToBeVisibleAsync();
            Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"));
            await BrowserFixture.ScreenshotAsync(page, $"staff-insights-demo-{width}");
            await page.GetByTestId("insights-period-picker").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"staff-insights-demo-{width}-picker.png") });
            await page.Locator("section", new() { Has = page.GetByTestId("insights-response-by-staff") })
                .ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"staff-insights-demo-{width}-answers.png") });

            // A non-admin staff member is sent away.
            var staffPage = await demo.NewPageAsync(1280);
            await new LoginPage(staffPage).SignInAsStaffAsync("staff@example.com", "demo-pass-1");
            await staffPage.GotoAsync("/staff/insights");
            await Assertions.Expect(staffPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/access-denied"));
            await staffPage.Context.CloseAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
