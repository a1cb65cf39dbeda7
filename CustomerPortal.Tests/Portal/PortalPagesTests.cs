using Microsoft.Playwright;

namespace CustomerPortal.Tests.Portal;

/// <summary>Walks the customer's pages for jobs, projects, payments and pictures at desktop and phone width, with screenshots.</summary>
[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class PortalPagesTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task Customer_OpensEachPage_SeesTheirWorkAndMoney(int width)
    {
        var showcase = await PortalShowcase.CreateAsync(browser.App);
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInToPortalAsync(showcase.User.Email);

        await Assertions.Expect(page.GetByTestId("tile-balance")).ToContainTextAsync("$460.00");
        await Assertions.Expect(page.GetByTestId("overdue")).ToContainTextAsync("$80.00 overdue");
        await Assertions.Expect(page.GetByTestId("tile-credit")).ToContainTextAsync("$100.00");
        await Assertions.Expect(page.GetByTestId("tile-visit")).ToContainTextAsync("Alex Rivera");
        await Assertions.Expect(page.GetByTestId("tile-estimates")).ToContainTextAsync("1");
        await BrowserFixture.ScreenshotAsync(page, $"portal-dashboard-{width}");

        await page.GotoAsync("/portal/jobs");
        await Assertions.Expect(page.GetByTestId("open-jobs")).ToContainTextAsync("Replace water heater");
        await Assertions.Expect(page.GetByTestId("finished-jobs")).ToContainTextAsync("Clean gutters");
        await BrowserFixture.ScreenshotAsync(page, $"portal-jobs-{width}");

        await page.GotoAsync($"/portal/jobs/{showcase.JobId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Replace water heater" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("thumbnail")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("files")).ToContainTextAsync("Warranty certificate.pdf");
        await Assertions.Expect(page.GetByTestId("job-documents")).ToContainTextAsync("$1,280.00");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Customer prefers mornings");
        await WaitForImagesAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"portal-job-{width}");

        await page.GotoAsync("/portal/projects");
        await Assertions.Expect(page.GetByTestId("projects")).ToContainTextAsync("60%");
        await BrowserFixture.ScreenshotAsync(page, $"portal-projects-{width}");

        await page.GotoAsync($"/portal/projects/{showcase.ProjectId}");
        await Assertions.Expect(page.GetByTestId("completion")).ToHaveTextAsync("60%");
        await Assertions.Expect(page.GetByTestId("project-jobs")).ToContainTextAsync("Install kitchen cabinets");
        await Assertions.Expect(page.GetByTestId("files")).ToContainTextAsync("Kitchen plan rev 3.pdf");
        await WaitForImagesAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"portal-project-{width}");

        await page.GotoAsync("/portal/payments");
        await Assertions.Expect(page.GetByTestId("payments")).ToContainTextAsync("Account credit");
        await Assertions.Expect(page.GetByTestId("credit")).ToContainTextAsync("$100.00");
        await BrowserFixture.ScreenshotAsync(page, $"portal-payments-{width}");

        await page.GotoAsync($"/portal/payments/{showcase.PaymentId}");
        await Assertions.Expect(page.GetByTestId("receipt-amount")).ToHaveTextAsync("$1,000.00");
        await Assertions.Expect(page.GetByTestId("receipt-lines")).ToContainTextAsync("Added to your account credit");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download receipt PDF" }))
            .ToHaveAttributeAsync("href", $"/portal/payments/{showcase.PaymentId}/receipt.pdf");
        await BrowserFixture.ScreenshotAsync(page, $"portal-receipt-{width}");

        await page.GotoAsync("/portal/pictures");
        await Assertions.Expect(page.GetByTestId("picture-job")).ToContainTextAsync("Replace water heater");
        await Assertions.Expect(page.GetByTestId("picture-document")).ToContainTextAsync("Estimate");
        await WaitForImagesAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"portal-pictures-{width}");

        await OpenPictureAsync(page, "Before: Old tank, rusted at the base");
        await Assertions.Expect(page.GetByTestId("lightbox")).ToContainTextAsync("1 of 2");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.GetByTestId("lightbox")).ToContainTextAsync("New 50-gallon unit");
        await Assertions.Expect(page.GetByTestId("full-size")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=full-size]'); return i && i.complete && i.naturalWidth > 0; }");
        await BrowserFixture.ScreenshotAsync(page, $"portal-pictures-full-{width}");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("lightbox")).ToHaveCountAsync(0);
    }

    /// <summary>Opens a picture once the page's circuit is connected (a click before that reaches nothing).</summary>
    private static async Task OpenPictureAsync(IPage page, string name)
    {
        await page.WaitForCircuitAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("lightbox")).ToBeVisibleAsync();
    }

    private static Task WaitForImagesAsync(IPage page) =>
        page.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)");
}
