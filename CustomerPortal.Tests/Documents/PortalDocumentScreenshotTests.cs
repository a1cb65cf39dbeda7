using Microsoft.Playwright;

namespace CustomerPortal.Tests.Documents;

[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class PortalDocumentScreenshotTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task PortalEstimateAndInvoicePages_RenderAtWidth(int width)
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, $"Screens{width}");
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var estimate = await DocumentData.SentEstimateAsync(browser.App, customer.Id,
            terms: "Prices include disposal of the old heater.\nA 50% deposit is due before work starts.");
        var invoice = await DocumentData.SentInvoiceAsync(browser.App, customer.Id, lines: 3);
        await DocumentData.PaymentAsync(browser.App, customer.Id, invoice.Id, 100m);
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInToPortalAsync(user.Email);

        await page.GotoAsync("/portal/estimates");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = estimate.Number })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"portal-estimates-{width}");

        await page.GotoAsync($"/portal/estimates/{estimate.Id}");
        await Assertions.Expect(page.GetByTestId("total")).ToHaveTextAsync("$1,679.00");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Accept estimate" })).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(page, $"portal-estimate-{width}");

        await page.GotoAsync("/portal/invoices");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = invoice.Number })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"portal-invoices-{width}");

        await page.GotoAsync($"/portal/invoices/{invoice.Id}");
        await Assertions.Expect(page.GetByTestId("amount-due")).ToHaveTextAsync("$395.00");
        await Assertions.Expect(page.GetByTestId("account-balance")).ToHaveTextAsync("$395.00");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(page, $"portal-invoice-{width}");

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"The invoice page scrolls sideways: {scrollWidth}px at {width}px.");
        await page.Context.CloseAsync();
    }
}
