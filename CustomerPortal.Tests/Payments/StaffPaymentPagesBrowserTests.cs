using CustomerPortal.Core.Access;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Payments;

/// <summary>The staff payment page (history, review flag, refund dialog), payment settings and the portal statement, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class StaffPaymentPagesBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task PaymentDetail_ShowsProcessorHistoryAndFlag_AndADoubleClickedRefundRefundsOnce(int width)
    {
        var (_, _, cardPaymentId) = await CardPaymentAsync($"Refunds{width}");
        var admin = await TestAccounts.CreateStaffAsync(browser.App, StaffRole.Admin);
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInAsStaffAsync(admin.Email);

        await page.GotoAsync($"/staff/payments/{cardPaymentId}");
        await Assertions.Expect(page.GetByTestId("processor-status")).ToHaveTextAsync("succeeded");
        await Assertions.Expect(page.GetByTestId("needs-review")).ToContainTextAsync("went to account credit");
        await Assertions.Expect(page.GetByTestId("processor-events")).ToContainTextAsync("payment_intent.succeeded");
        await Assertions.Expect(page.GetByTestId("refunds")).ToContainTextAsync("First visit cancelled");
        await Assertions.Expect(page.Locator("[data-live-reload='on']")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, $"staff-payment-detail-{width}");

        await page.GetByTestId("refund").ClickAsync();
        await page.GetByTestId("refund-reason").FillAsync("Customer asked twice");
        await BrowserFixture.ScreenshotAsync(page, $"staff-payment-refund-dialog-{width}");
        await page.GetByTestId("refund-submit").DblClickAsync();
        await Assertions.Expect(page.GetByTestId("refund-submit")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("refunds")).ToContainTextAsync("Customer asked twice");

        await using (var db = await browser.App.CreateDbContextAsync())
        {
            var paid = await db.Payments.SingleAsync(p => p.Id == cardPaymentId);
            var refunds = await db.PaymentRefunds.Where(r => r.PaymentId == cardPaymentId).OrderBy(r => r.Id).Select(r => r.Amount).ToListAsync();
            // The dialog's full refund, once however often it was clicked.
            Assert.Equal([40m, paid.Amount - 40m], refunds);
            Assert.Equal(PaymentStatus.Refunded, paid.Status);
        }
        await page.GetByTestId("mark-reviewed").ClickAsync();
        await Assertions.Expect(page.GetByTestId("needs-review")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task PaymentSettings_SaveAndRenderAtWidth(int width)
    {
        var admin = await TestAccounts.CreateStaffAsync(browser.App, StaffRole.Admin);
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInAsStaffAsync(admin.Email);

        await page.GotoAsync("/staff/settings/payments");
        await Assertions.Expect(page.GetByTestId("payment-settings")).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(page.GetByTestId("processor")).ToContainTextAsync("Simulated");
        await Assertions.Expect(page.GetByTestId("processor")).ToContainTextAsync("Test mode");
        await page.GetByTestId("other-ways").FillAsync($"Bank transfer to 12-3456-7890 ({width})");
        await page.GetByTestId("save-payment-settings").ClickAsync();
        await Assertions.Expect(page.GetByText("Payment settings saved.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"staff-payment-settings-{width}");

        await using var db = await browser.App.CreateDbContextAsync();
        Assert.Equal($"Bank transfer to 12-3456-7890 ({width})", (await db.CompanySettings.SingleAsync()).OtherWaysToPay);
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"The payment settings page scrolls sideways: {scrollWidth}px at {width}px.");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task PortalStatement_ShowsTheRunningBalanceAndAPdfLink(int width)
    {
        var (_, user, _) = await CardPaymentAsync($"Statement{width}");
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInToPortalAsync(user);

        await page.GotoAsync("/portal/payments");
        // A click while the page's circuit starts can be lost (the link stays where it was).
        await page.WaitForCircuitAsync();
        await page.GetByTestId("statement-link").ClickAsync();
        await page.WaitForURLAsync("**/portal/statement**");
        await Assertions.Expect(page.GetByTestId("statement")).ToContainTextAsync("Refund");
        await Assertions.Expect(page.GetByTestId("statement")).ToContainTextAsync("Account credit added");
        await Assertions.Expect(page.GetByTestId("opening")).ToHaveTextAsync("$0.00");
        await Assertions.Expect(page.GetByTestId("closing")).ToHaveTextAsync("-$85.00");
        var pdf = await page.GetByTestId("statement-pdf").GetAttributeAsync("href");
        Assert.Matches(@"^/portal/statement\.pdf\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$", pdf);
        var response = await page.APIRequest.GetAsync(pdf!);
        Assert.Equal(("application/pdf", 200), (response.Headers["content-type"], response.Status));
        Assert.Contains("Closing balance (in your favour)", PdfTools.Text(await response.BodyAsync()));
        await BrowserFixture.ScreenshotAsync(page, $"portal-statement-{width}");

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"The statement page scrolls sideways: {scrollWidth}px at {width}px.");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// A customer whose invoice was paid twice: a card payment of the whole invoice started, then a check of 100.00
    /// recorded before the card went through, so the card's last 100.00 went to credit and is flagged for review. An
    /// admin refunded 40.00 of the card payment, and the customer added 25.00 of credit. Closing balance: -85.00.
    /// </summary>
    private async Task<(int CustomerId, string UserEmail, int CardPaymentId)> CardPaymentAsync(string name)
    {
        var app = browser.App;
        var customer = await TestAccounts.CreateCustomerAsync(app, name);
        var user = await TestAccounts.CreatePortalUserAsync(app, customer.Id);
        var invoice = await DocumentData.SentInvoiceAsync(app, customer.Id);
        var actor = TestActors.Customer(customer.Id) with { PortalUserId = user.Id };
        var cards = app.Get<CardPaymentService>();
        var simulated = app.Get<SimulatedPaymentProcessor>();

        var started = (await cards.StartAsync(actor, CardPaymentRequest.ForInvoice(invoice.Id, $"invoice-{name}"), default)).Value!;
        await DocumentData.PaymentAsync(app, customer.Id, invoice.Id, 100m);
        var confirmed = await cards.ConfirmAsync(actor, started.PaymentId, simulated.CreatePaymentMethod(SimulatedPaymentProcessor.SuccessCard, 12, 2030).Value!, default);
        Assert.Equal(CardPaymentState.Succeeded, confirmed.Value!.State);
        var succeeded = (await simulated.GetIntentAsync(started.ProcessorPaymentId, default)).Value!;
        await cards.RecordProcessorEventAsync(new ProcessorEvent($"evt_{name}", "payment_intent.succeeded", succeeded), default);

        var refund = await app.Get<PaymentService>().RefundAsync((await TestAccounts.CreateStaffAsync(app, StaffRole.Admin)).ToActor(), started.PaymentId,
            40m, "First visit cancelled", $"dialog-{name}", default);
        Assert.True(refund.Succeeded, refund.Message);
        var topUp = (await cards.StartAsync(actor, CardPaymentRequest.TopUp(25m, $"top-up-{name}"), default)).Value!;
        var toppedUp = await cards.ConfirmAsync(actor, topUp.PaymentId, simulated.CreatePaymentMethod(SimulatedPaymentProcessor.SuccessCard, 12, 2030).Value!, default);
        Assert.Equal(CardPaymentState.Succeeded, toppedUp.Value!.State);
        return (customer.Id, user.Email, started.PaymentId);
    }
}
