using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using CustomerPortal.Tests.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Payments;

/// <summary>A customer pays in the portal with the simulated processor's test cards; what staff see follows live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalPaymentJourneyTests(BrowserFixture browser)
{
    private const string Success = "4242 4242 4242 4242";
    private const string Declined = "4000 0000 0000 0002";
    private const string ThreeDSecure = "4000 0025 0000 3155";

    [Fact]
    public async Task PayInvoice_SuccessCard_ShowsTheReceiptAndPaid_AndAnOpenStaffPageFollowsWithoutReload()
    {
        var (customerId, email, invoice) = await CustomerWithInvoiceAsync("Payer");
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var staffPage = await browser.NewPageAsync();
        await new LoginPage(staffPage).SignInAsStaffAsync(staff.Email);
        await staffPage.GotoAsync($"/staff/invoices/{invoice.Id}");
        await Assertions.Expect(staffPage.Locator("[data-live-reload=on]")).ToHaveCountAsync(1);
        await Assertions.Expect(staffPage.GetByTestId("status").First).ToHaveTextAsync("Sent");

        var page = await PortalPageAsync(email);
        await OpenPayPanelAsync(page, invoice.Id);
        await Assertions.Expect(page.GetByTestId("test-mode")).ToContainTextAsync("Test mode: no real money moves");
        await Assertions.Expect(page.GetByTestId("pay-amount-due")).ToContainTextAsync("$165.00");
        await FillCardAsync(page, Success);
        await BrowserFixture.ScreenshotAsync(page, "portal-pay-invoice-1280");
        await page.GetByTestId("card-submit").ClickAsync();

        await page.WaitForURLAsync("**/portal/payments/*");
        await Assertions.Expect(page.GetByTestId("receipt-amount")).ToHaveTextAsync("$165.00");
        await Assertions.Expect(page.GetByText("Thank you for your payment.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "portal-pay-receipt-1280");
        await Assertions.Expect(staffPage.GetByTestId("status").First).ToHaveTextAsync("Paid");
        await page.GotoAsync($"/portal/invoices/{invoice.Id}");
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync("Paid");
        await Assertions.Expect(page.GetByTestId("pay-now")).ToHaveCountAsync(0);
        await using var db = await browser.App.CreateDbContextAsync();
        var payment = await db.Payments.SingleAsync(p => p.CustomerId == customerId);
        Assert.Equal((PaymentStatus.Succeeded, 165m, "Visa ending 4242"), (payment.Status, payment.Amount, payment.Reference));
        await page.Context.CloseAsync();
        await staffPage.Context.CloseAsync();
    }

    [Fact]
    public async Task PayInvoice_DeclinedCard_ShowsTheDecline_NothingChanges_AndAnotherCardCanBeTried()
    {
        var (customerId, email, invoice) = await CustomerWithInvoiceAsync("Declined");
        var page = await PortalPageAsync(email, 360);
        await OpenPayPanelAsync(page, invoice.Id);
        await FillCardAsync(page, Declined);
        await BrowserFixture.ScreenshotAsync(page, "portal-pay-invoice-360");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"The pay form scrolls sideways: {scrollWidth}px.");
        await page.GetByTestId("card-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("pay-message")).ToContainTextAsync("declined");
        await Assertions.Expect(page.GetByTestId("amount-due")).ToHaveTextAsync("$165.00");
        await Assertions.Expect(page.GetByLabel("Card number")).ToBeEditableAsync();
        await BrowserFixture.ScreenshotAsync(page, "portal-pay-declined-360");
        await using var db = await browser.App.CreateDbContextAsync();
        var row = await db.Invoices.SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal((165m, 0m, InvoiceStatus.Viewed), (row.AmountDue, row.AmountPaid, row.Status));
        Assert.Equal(PaymentStatus.Failed, (await db.Payments.SingleAsync(p => p.CustomerId == customerId)).Status);
        Assert.Empty(await db.CreditEntries.Where(c => c.CustomerId == customerId).ToListAsync());
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task PayInvoice_ThreeDSecureCard_GoesThroughTheBankPage_AndEndsPaid(int width)
    {
        var (_, email, invoice) = await CustomerWithInvoiceAsync("Challenged");
        var page = await PortalPageAsync(email, width);
        await OpenPayPanelAsync(page, invoice.Id);
        await FillCardAsync(page, ThreeDSecure);
        await page.GetByTestId("card-submit").ClickAsync();

        await page.WaitForURLAsync("**/payments/simulated/challenge/**");
        await Assertions.Expect(page.GetByTestId("challenge-amount")).ToHaveTextAsync("$165.00");
        await BrowserFixture.ScreenshotAsync(page, $"portal-pay-challenge-{width}");
        await page.GetByTestId("challenge-complete").ClickAsync();

        await page.WaitForURLAsync("**/portal/payments/*");
        await Assertions.Expect(page.GetByTestId("receipt-amount")).ToHaveTextAsync("$165.00");
        await page.GotoAsync($"/portal/invoices/{invoice.Id}");
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync("Paid");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PayInvoice_ThreeDSecureFailed_ComesBackToTheInvoiceWithTheMessage_NothingCharged()
    {
        var (_, email, invoice) = await CustomerWithInvoiceAsync("Unverified");
        var page = await PortalPageAsync(email);
        await OpenPayPanelAsync(page, invoice.Id);
        await FillCardAsync(page, ThreeDSecure);
        await page.GetByTestId("card-submit").ClickAsync();
        await page.WaitForURLAsync("**/payments/simulated/challenge/**");
        await page.GetByTestId("challenge-fail").ClickAsync();

        await page.WaitForURLAsync($"**/portal/invoices/{invoice.Id}?payment=*");
        await Assertions.Expect(page.GetByTestId("pay-message")).ToContainTextAsync("authentication failed");
        await Assertions.Expect(page.GetByTestId("amount-due")).ToHaveTextAsync("$165.00");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoTabsPayingOneInvoice_TheSecondIsRefusedBeforeAnyCharge()
    {
        var (customerId, email, invoice) = await CustomerWithInvoiceAsync("Twotabs");
        var first = await PortalPageAsync(email);
        var second = await first.Context.NewPageAsync();
        await OpenPayPanelAsync(first, invoice.Id);
        await Assertions.Expect(first.GetByLabel("Card number")).ToBeVisibleAsync();

        await OpenPayPanelAsync(second, invoice.Id);
        await Assertions.Expect(second.GetByTestId("pay-message")).ToContainTextAsync("already in progress");
        await Assertions.Expect(second.GetByLabel("Card number")).ToHaveCountAsync(0);
        await FillCardAsync(first, Success);
        await first.GetByTestId("card-submit").ClickAsync();
        await first.WaitForURLAsync("**/portal/payments/*");

        await Assertions.Expect(second.GetByTestId("status").First).ToHaveTextAsync("Paid");
        await using var db = await browser.App.CreateDbContextAsync();
        var payment = await db.Payments.SingleAsync(p => p.CustomerId == customerId);
        Assert.Equal((PaymentStatus.Succeeded, false), (payment.Status, payment.NeedsReview));
        await first.Context.CloseAsync();
    }

    private async Task<(int CustomerId, string Email, (int Id, string Number) Invoice)> CustomerWithInvoiceAsync(string name)
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, name);
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var invoice = await DocumentData.SentInvoiceAsync(browser.App, customer.Id);
        return (customer.Id, user.Email, invoice);
    }

    private async Task<IPage> PortalPageAsync(string email, int width = 1280)
    {
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInToPortalAsync(email);
        return page;
    }

    private static async Task OpenPayPanelAsync(IPage page, int invoiceId)
    {
        await page.GotoAsync($"/portal/invoices/{invoiceId}");
        await Assertions.Expect(page.GetByTestId("pay-now")).ToBeEnabledAsync();
        await page.GetByTestId("pay-now").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pay-panel")).ToBeVisibleAsync();
    }

    private static async Task FillCardAsync(IPage page, string number)
    {
        await page.GetByLabel("Card number").FillAsync(number);
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("12/34");
        await page.GetByLabel("CVC").FillAsync("123");
    }
}
