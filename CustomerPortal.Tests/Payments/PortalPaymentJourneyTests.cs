using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using CustomerPortal.Tests.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Payments;

/// <summary>A customer pays in the portal with the simulated processor's test cards; what staff see follows live.</summary>
[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
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
        await Assertions.Expect(page.GetByTestId("receipt-status")).ToHaveTextAsync("Paid");
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
        await BrowserFixture.ScreenshotAsync(page, "portal-pay-declined-360");
        await using (var db = await browser.App.CreateDbContextAsync())
        {
            var row = await db.Invoices.SingleAsync(i => i.Id == invoice.Id);
            Assert.Equal((165m, 0m, InvoiceStatus.Viewed), (row.AmountDue, row.AmountPaid, row.Status));
            Assert.Equal(PaymentStatus.Failed, (await db.Payments.SingleAsync(p => p.CustomerId == customerId)).Status);
            Assert.Empty(await db.CreditEntries.Where(c => c.CustomerId == customerId).ToListAsync());
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Try another card" }).ClickAsync();
        await FillCardAsync(page, Success);
        await page.GetByTestId("card-submit").ClickAsync();
        await page.WaitForURLAsync("**/portal/payments/*");
        await Assertions.Expect(page.GetByTestId("receipt-amount")).ToHaveTextAsync("$165.00");
        await Assertions.Expect(page.GetByTestId("receipt-status")).ToHaveTextAsync("Paid");
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

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task AddCredit_BelowTheMinimumIsRefusedInline_ThenChargedAtOnceAndShownInMyPayments(int width)
    {
        var (customerId, email, _) = await CustomerWithInvoiceAsync("Topup");
        var page = await PortalPageAsync(email, width);
        await page.GotoAsync("/portal");
        // The dashboard's button is a plain link to the credit form (it works before the page is interactive too).
        await Assertions.Expect(page.GetByTestId("dashboard-add-credit")).ToHaveAttributeAsync("href", "/portal/payments?pay=credit");
        await page.GotoAsync("/portal/payments?pay=credit");
        await Assertions.Expect(page.GetByTestId("pay-amount-help")).ToContainTextAsync("Add between $10.00 and $5,000.00");
        await Assertions.Expect(page.GetByTestId("pay-continue")).ToBeEnabledAsync();
        var amount = page.GetByLabel("Amount to pay");
        await TypeAmountAsync(amount, "5", "5.00");
        await page.GetByTestId("pay-continue").ClickAsync();
        await Assertions.Expect(page.GetByText("Add between 10.00 and 5000.00 of credit.")).ToBeVisibleAsync();
        await TypeAmountAsync(amount, "25", "25.00");
        await page.GetByTestId("pay-continue").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pay-amount-due")).ToContainTextAsync("$25.00");
        await FillCardAsync(page, Success);
        await BrowserFixture.ScreenshotAsync(page, $"portal-add-credit-{width}");
        if (width == 360)
        {
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 360, $"The add-credit form scrolls sideways: {scrollWidth}px.");
        }
        await page.GetByTestId("card-submit").ClickAsync();

        await page.WaitForURLAsync("**/portal/payments/*");
        await Assertions.Expect(page.GetByTestId("receipt-amount")).ToHaveTextAsync("$25.00");
        await page.GotoAsync("/portal/payments");
        await Assertions.Expect(page.GetByTestId("credit")).ToContainTextAsync("$25.00");
        await using var db = await browser.App.CreateDbContextAsync();
        Assert.Equal(25m, (await db.CreditEntries.Where(c => c.CustomerId == customerId).ToListAsync()).Sum(c => c.Amount));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CardsOnFile_AddTwo_MakeDefault_PayWithIt_RemoveIt()
    {
        var (customerId, email, invoice) = await CustomerWithInvoiceAsync("Cards");
        var page = await PortalPageAsync(email);
        await page.GotoAsync("/portal/profile");
        await AddCardAsync(page, Success);
        await Assertions.Expect(page.GetByTestId("card")).ToHaveCountAsync(1);
        await AddCardAsync(page, "5555 5555 5555 4444");
        await Assertions.Expect(page.GetByTestId("card")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("card").Filter(new() { HasText = "Visa ending 4242" }).GetByTestId("default-card")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Make Mastercard ending 4444 the default" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("card").Filter(new() { HasText = "Mastercard ending 4444" }).GetByTestId("default-card")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "portal-cards-on-file-1280");

        await OpenPayPanelAsync(page, invoice.Id);
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Mastercard ending 4444, expires 12/2034 (default)" })).ToBeCheckedAsync();
        await page.GetByTestId("pay-saved").ClickAsync();
        await page.WaitForURLAsync("**/portal/payments/*");
        await Assertions.Expect(page.GetByTestId("receipt-amount")).ToHaveTextAsync("$165.00");

        await page.GotoAsync("/portal/profile");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Mastercard ending 4444" }).ClickAsync();
        await page.GetByTestId("confirm-remove").ClickAsync();
        await Assertions.Expect(page.GetByTestId("card")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("card")).ToContainTextAsync("Visa ending 4242");
        await page.SetViewportSizeAsync(360, 900);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("card")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "portal-cards-on-file-360");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"Cards on file scroll sideways: {scrollWidth}px.");
        await using var db = await browser.App.CreateDbContextAsync();
        Assert.Equal("Mastercard ending 4444", (await db.Payments.SingleAsync(p => p.CustomerId == customerId)).Reference);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PayInvoice_NewCardSavedForNextTime_IsPaidAndOnFile()
    {
        var (customerId, email, invoice) = await CustomerWithInvoiceAsync("Saver");
        var page = await PortalPageAsync(email);
        await OpenPayPanelAsync(page, invoice.Id);
        await page.GetByLabel("Save this card for next time").CheckAsync();
        await Assertions.Expect(page.GetByText("The card is saved to your profile first")).ToBeVisibleAsync();
        await FillCardAsync(page, Success);
        await page.GetByTestId("card-submit").ClickAsync();

        await page.WaitForURLAsync("**/portal/payments/*");
        await Assertions.Expect(page.GetByTestId("receipt-amount")).ToHaveTextAsync("$165.00");
        await page.GotoAsync("/portal/profile");
        await Assertions.Expect(page.GetByTestId("card")).ToContainTextAsync("Visa ending 4242");
        await using var db = await browser.App.CreateDbContextAsync();
        Assert.Equal(PaymentStatus.Succeeded, (await db.Payments.SingleAsync(p => p.CustomerId == customerId)).Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AcceptEstimateWithDeposit_TermsSignatureThenPayment_DepositRecorded()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Deposit");
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var estimateId = await EstimateWithDepositAsync(customer.Id, 100m);
        var page = await PortalPageAsync(user.Email);
        await page.GotoAsync($"/portal/estimates/{estimateId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept estimate" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("deposit-step-note")).ToContainTextAsync("$100.00");
        await page.GetByLabel("I have read the terms and agree to them").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to signature" }).ClickAsync();
        await page.GetByLabel("Full name").FillAsync("Pat Portal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and sign, then pay the deposit" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("pay-panel")).ToContainTextAsync("pay the deposit of $100.00");
        await FillCardAsync(page, Declined);
        await page.GetByTestId("card-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pay-message")).ToContainTextAsync("declined");
        await page.GotoAsync($"/portal/estimates/{estimateId}");
        await Assertions.Expect(page.GetByTestId("accepted")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("deposit-due")).ToContainTextAsync("$100.00");
        await page.GetByTestId("pay-deposit").ClickAsync();
        await FillCardAsync(page, Success);
        await page.GetByTestId("card-submit").ClickAsync();

        await page.WaitForURLAsync("**/portal/payments/*");
        await Assertions.Expect(page.GetByTestId("receipt-amount")).ToHaveTextAsync("$100.00");
        await page.GotoAsync($"/portal/estimates/{estimateId}");
        await Assertions.Expect(page.GetByTestId("deposit-paid")).ToBeVisibleAsync();
        await using var db = await browser.App.CreateDbContextAsync();
        Assert.Equal(100m, (await db.Estimates.SingleAsync(e => e.Id == estimateId)).DepositPaid);
        await page.Context.CloseAsync();
    }

    private async Task<int> EstimateWithDepositAsync(int customerId, decimal deposit)
    {
        await using var scope = browser.App.CreateScope();
        var estimates = scope.ServiceProvider.GetRequiredService<EstimateService>();
        var input = await estimates.NewInputAsync(customerId, default);
        input.Title = "New boiler";
        input.DepositRequired = deposit;
        input.Lines = [new LineItemInput { Description = "Boiler", Quantity = 1, UnitPrice = 900m }];
        var created = await estimates.CreateAsync(DocumentData.Staff, input, default);
        Assert.True(created.Succeeded, created.Message);
        Assert.True((await estimates.SendAsync(DocumentData.Staff, created.Value, default)).Succeeded);
        return created.Value;
    }

    private static async Task AddCardAsync(IPage page, string number)
    {
        await page.GetByTestId("add-card").ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-mode")).ToBeVisibleAsync();
        await FillCardAsync(page, number);
        await page.GetByTestId("card-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("add-card")).ToBeVisibleAsync();
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

    /// <summary>Types an amount and leaves the field, then waits for the circuit to show it formatted: the click that
    /// follows must not overtake the amount on a busy machine. A change typed while the circuit is reconnecting never
    /// reaches it (ci on cf311b4: the field kept "5" for 30 s while the component still held 10, with no circuit
    /// error), so the amount is typed again, up to three times, once the page is live.</summary>
    private static async Task TypeAmountAsync(ILocator field, string typed, string shown)
    {
        for (var attempt = 1; ; attempt++)
        {
            await field.Page.WaitForCircuitAsync();
            await field.FillAsync(typed);
            await field.PressAsync("Tab");
            try
            {
                await Assertions.Expect(field).ToHaveValueAsync(shown, new() { Timeout = attempt < 3 ? 10_000 : 30_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task FillCardAsync(IPage page, string number)
    {
        await page.GetByLabel("Card number").FillAsync(number);
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("12/34");
        await page.GetByLabel("CVC").FillAsync("123");
    }
}
