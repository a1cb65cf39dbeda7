using CustomerPortal.Core.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Invoices;

[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class StaffInvoiceJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Staff_VoidsAnInvoiceWithAReason_ItStaysListedAsVoid()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Voided");
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var invoice = await DocumentData.SentInvoiceAsync(browser.App, customer.Id, title: "Billed by mistake");
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsStaffAsync(staff.Email);

        await page.GotoAsync("/staff/invoices");
        await page.GetByLabel("Number or title").FillAsync(invoice.Number);
        await Assertions.Expect(page.GetByTestId("invoices").GetByRole(AriaRole.Link)).ToHaveTextAsync([invoice.Number]);
        await BrowserFixture.ScreenshotAsync(page, "staff-invoices-1280");
        await page.GetByRole(AriaRole.Link, new() { Name = invoice.Number }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Void" })).ToBeEnabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Void" }).ClickAsync();
        await page.GetByLabel("Reason").FillAsync("Sent to the wrong customer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Void invoice" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Void");
        await Assertions.Expect(page.GetByTestId("void")).ToContainTextAsync("Sent to the wrong customer");
        await BrowserFixture.ScreenshotAsync(page, "staff-invoice-void-1280");
        await using var db = await browser.App.CreateDbContextAsync();
        var row = await db.Invoices.SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal(InvoiceStatus.Void, row.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Staff_InvoiceEditor_FitsA360PxScreen()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Narrow");
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var page = await browser.NewPageAsync(360);
        await new LoginPage(page).SignInAsStaffAsync(staff.Email);

        await page.GotoAsync($"/staff/invoices/new?customerId={customer.Id}");
        await Assertions.Expect(page.GetByLabel("Title")).ToBeEnabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add line" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("line")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(page, "staff-invoice-new-360");

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"The editor scrolls sideways: {scrollWidth}px.");
        await page.Context.CloseAsync();
    }
}
