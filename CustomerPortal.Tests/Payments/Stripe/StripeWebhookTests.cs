using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using CustomerPortal.Web.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Payments.Stripe;

/// <summary>The app in Stripe mode (test keys) on the fake Stripe server: one app and one fake for the webhook tests.</summary>
public sealed class StripeAppFixture : IAsyncLifetime
{
    private readonly FakeStripeFixture _stripe = new();

    public FakeStripeServer Stripe => _stripe.Server;
    public PortalAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _stripe.InitializeAsync();
        App = new ConfiguredAppFactory(_stripe.Settings("webhooks"));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _stripe.DisposeAsync();
    }
}

public sealed class StripeWebhookTests(StripeAppFixture fixture) : IClassFixture<StripeAppFixture>
{
    private readonly FakeStripeServer _stripe = fixture.Stripe;
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task Webhook_BadSignature_Is400AndRecordsNothing()
    {
        var (paymentId, intentId) = await StartPaymentAsync(50m);
        _stripe.ConfirmInBrowser(intentId, FakeStripeServer.SuccessCard);
        var payload = StripeWebhookRequests.Event(StripeWebhookRequests.NewEventId(), "payment_intent.succeeded", _stripe.Object(intentId, expandCharge: false));
        using var http = _app.CreateHttpClient();

        var wrongSecret = await StripeWebhookRequests.PostAsync(http, payload, StripeSignatures.Header(payload, DateTimeOffset.UtcNow, "whsec_someone_else"));
        var tampered = await StripeWebhookRequests.PostAsync(http, payload.Replace("\"amount\":5000", "\"amount\":1"), StripeSignatures.Header(payload, DateTimeOffset.UtcNow));
        var unsigned = await StripeWebhookRequests.PostAsync(http, payload, null);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], [wrongSecret, tampered, unsigned]);
        var (payment, receipts) = await StateAsync(paymentId);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(0, receipts);
    }

    [Fact]
    public async Task Webhook_TimestampOlderThanTolerance_Is400()
    {
        var (paymentId, intentId) = await StartPaymentAsync(20m);
        _stripe.ConfirmInBrowser(intentId, FakeStripeServer.SuccessCard);
        var payload = StripeWebhookRequests.Event(StripeWebhookRequests.NewEventId(), "payment_intent.succeeded", _stripe.Object(intentId, expandCharge: false));
        using var http = _app.CreateHttpClient();

        var old = await StripeWebhookRequests.PostAsync(http, payload,
            StripeSignatures.Header(payload, DateTimeOffset.UtcNow.AddSeconds(-StripeWebhookEndpoints.ToleranceSeconds - 60)));

        Assert.Equal(HttpStatusCode.BadRequest, old);
        Assert.Equal(PaymentStatus.Pending, (await StateAsync(paymentId)).Payment.Status);
    }

    [Fact]
    public async Task Webhook_SameEventFiveTimes_RecordsOnce()
    {
        var (paymentId, intentId) = await StartPaymentAsync(75m);
        _stripe.ConfirmInBrowser(intentId, FakeStripeServer.SuccessCard);
        var payload = StripeWebhookRequests.Event(StripeWebhookRequests.NewEventId(), "payment_intent.succeeded", _stripe.Object(intentId, expandCharge: false));
        using var http = _app.CreateHttpClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) answers.Add(await StripeWebhookRequests.PostAsync(http, payload, StripeSignatures.Header(payload, DateTimeOffset.UtcNow)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        var (payment, receipts) = await StateAsync(paymentId);
        Assert.Equal((PaymentStatus.Succeeded, "Visa ending 4242"), (payment.Status, payment.Reference));
        Assert.Equal(1, receipts);
        await using var db = await _app.CreateDbContextAsync();
        Assert.Single(await db.PaymentAllocations.Where(a => a.PaymentId == paymentId).ToListAsync());
        Assert.Equal(InvoiceStatus.Paid, (await db.Invoices.SingleAsync(i => i.Id == payment.ForInvoiceId)).Status);
    }

    [Fact]
    public async Task Webhook_TheSameEventsInAnyOrder_EndInTheSameState()
    {
        using var http = _app.CreateHttpClient();
        var ends = new List<string>();
        var orders = Permutations(["payment_intent.processing", "payment_intent.payment_failed", "payment_intent.requires_action", "payment_intent.succeeded"]).ToList();
        for (var n = 0; n < orders.Count; n++)
        {
            var (paymentId, intentId) = await StartPaymentAsync(100m);
            var events = new Dictionary<string, JsonObject>
            {
                ["payment_intent.processing"] = _stripe.IntentAs(intentId, "processing"),
                ["payment_intent.payment_failed"] = _stripe.IntentAs(intentId, "requires_payment_method", "Your card was declined."),
                ["payment_intent.requires_action"] = _stripe.IntentAs(intentId, "requires_action"),
            };
            // The customer's second card went through after the first was declined.
            _stripe.ConfirmInBrowser(intentId, FakeStripeServer.DeclinedCard);
            _stripe.ConfirmInBrowser(intentId, FakeStripeServer.SuccessCard);
            events["payment_intent.succeeded"] = _stripe.Object(intentId, expandCharge: false);
            var refund = _stripe.RefundInDashboard(intentId, 3000);
            var refundEvents = new List<(string Type, JsonObject Object)> { ("refund.created", refund), ("charge.refunded", _stripe.ChargeWithRefunds(intentId)) };
            if (n % 2 == 1) refundEvents.Reverse();

            foreach (var (type, body) in orders[n].Select(t => (t, events[t])).Concat(refundEvents))
            {
                var payload = StripeWebhookRequests.Event(StripeWebhookRequests.NewEventId(), type, body);
                Assert.Equal(HttpStatusCode.OK, await StripeWebhookRequests.PostAsync(http, payload, StripeSignatures.Header(payload, DateTimeOffset.UtcNow)));
            }

            await using var db = await _app.CreateDbContextAsync();
            var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == payment.ForInvoiceId);
            var refunds = await db.PaymentRefunds.Where(r => r.PaymentId == paymentId).Select(r => r.ProcessorRefundId).ToListAsync();
            ends.Add($"{payment.Status} {payment.FailureMessage} {payment.NeedsReview} | {invoice.Status} due {invoice.AmountDue:0.00} | refunds {refunds.Count} "
                     + (refunds.SequenceEqual([(string)refund["id"]!]) ? "matching" : "other"));
        }

        Assert.Equal(24, ends.Count);
        Assert.All(ends, end => Assert.Equal("Succeeded  False | PartiallyPaid due 30.00 | refunds 1 matching", end));
    }

    [Fact]
    public async Task Webhook_Dispute_FlagsThePaymentForStaffOnce()
    {
        var (paymentId, intentId) = await StartPaymentAsync(60m);
        _stripe.ConfirmInBrowser(intentId, FakeStripeServer.SuccessCard);
        var dispute = new JsonObject
        {
            ["id"] = $"dp_{Guid.NewGuid():N}", ["object"] = "dispute", ["amount"] = 6000, ["currency"] = "usd", ["payment_intent"] = intentId,
            ["reason"] = "product_not_received", ["status"] = "needs_response",
        };
        var succeeded = StripeWebhookRequests.Event(StripeWebhookRequests.NewEventId(), "payment_intent.succeeded", _stripe.Object(intentId, expandCharge: false));
        var disputed = StripeWebhookRequests.Event(StripeWebhookRequests.NewEventId(), "charge.dispute.created", dispute);
        using var http = _app.CreateHttpClient();

        foreach (var payload in new[] { succeeded, disputed, disputed })
            Assert.Equal(HttpStatusCode.OK, await StripeWebhookRequests.PostAsync(http, payload, StripeSignatures.Header(payload, DateTimeOffset.UtcNow)));

        var (payment, _) = await StateAsync(paymentId);
        Assert.True(payment.NeedsReview);
        Assert.Equal("The customer disputed 60.00 USD with their card issuer (reason: product not received). Answer it in Stripe's dashboard before its deadline.",
            payment.ReviewNote);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public async Task Webhook_EventsNotForUs_Are200AndChangeNothing()
    {
        using var http = _app.CreateHttpClient();
        var strangers = StripeWebhookRequests.Event(StripeWebhookRequests.NewEventId(), "payment_intent.succeeded", new JsonObject
        {
            ["id"] = "pi_someone_elses", ["object"] = "payment_intent", ["amount"] = 100, ["currency"] = "usd", ["status"] = "succeeded",
            ["metadata"] = new JsonObject(),
        });
        var customerCreated = StripeWebhookRequests.Event(StripeWebhookRequests.NewEventId(), "customer.created", new JsonObject { ["id"] = "cus_x", ["object"] = "customer" });

        Assert.Equal(HttpStatusCode.OK, await StripeWebhookRequests.PostAsync(http, strangers, StripeSignatures.Header(strangers, DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.OK, await StripeWebhookRequests.PostAsync(http, customerCreated, StripeSignatures.Header(customerCreated, DateTimeOffset.UtcNow)));
        await using var db = await _app.CreateDbContextAsync();
        Assert.False(await db.ProcessorEventReceipts.AnyAsync(r => r.EventId == "pi_someone_elses"));
    }

    [Fact]
    public async Task Webhook_BodyOverTheCap_IsRefused()
    {
        var payload = StripeWebhookRequests.Event(StripeWebhookRequests.NewEventId(), "customer.created", new JsonObject
        {
            ["id"] = "cus_x", ["object"] = "customer", ["description"] = new string('x', StripeWebhookEndpoints.MaxBodyBytes),
        });
        using var http = _app.CreateHttpClient();

        var answer = await StripeWebhookRequests.PostAsync(http, payload, StripeSignatures.Header(payload, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer);
    }

    [Fact]
    public async Task Pages_InStripeMode_AllowStripeJsAndItsFramesInTheContentSecurityPolicy()
    {
        using var http = _app.CreateHttpClient();

        using var response = await http.GetAsync("account/login");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' 'nonce-", policy);
        Assert.Contains(" https://js.stripe.com https://*.js.stripe.com;", policy);
        Assert.Contains("frame-src 'self' https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com;", policy);
        Assert.Contains("connect-src 'self' https://api.stripe.com;", policy);
        Assert.Contains("payment=(self \"https://js.stripe.com\")", response.Headers.GetValues("Permissions-Policy").Single());
    }

    private async Task<(int PaymentId, string IntentId)> StartPaymentAsync(decimal amount)
    {
        int customerId, invoiceId;
        await using (var db = await _app.CreateDbContextAsync())
        {
            var customer = await TestRecords.CustomerAsync(db);
            customerId = customer.Id;
            invoiceId = (await TestRecords.SentInvoiceAsync(db, customer.Id, amount)).Id;
        }
        var cards = _app.Services.GetRequiredService<CardPaymentService>();
        var started = await cards.StartAsync(TestActors.Customer(customerId), CardPaymentRequest.ForInvoice(invoiceId, Guid.NewGuid().ToString("N")), default);
        Assert.True(started.Succeeded, started.Message);
        return (started.Value!.PaymentId, started.Value.ProcessorPaymentId);
    }

    private async Task<(Payment Payment, int Receipts)> StateAsync(int paymentId)
    {
        await using var db = await _app.CreateDbContextAsync();
        return (await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId),
            await db.ProcessorEventReceipts.CountAsync(r => r.PaymentId == paymentId));
    }

    private static IEnumerable<string[]> Permutations(string[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations(items.Where((_, j) => j != i).ToArray()).Select(rest => (string[])[item, .. rest]));
}

[Collection(WebAppCollection.Name)]
public sealed class StripeModeOffTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Webhook_InSimulatedMode_IsNotFound()
    {
        using var http = fixture.App.CreateHttpClient();

        using var response = await http.PostAsync(StripeWebhookEndpoints.Path.TrimStart('/'), new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Pages_InSimulatedMode_AllowNothingOfStripe()
    {
        using var http = fixture.App.CreateHttpClient();

        using var response = await http.GetAsync("account/login");

        Assert.DoesNotContain("stripe", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("payment=()", response.Headers.GetValues("Permissions-Policy").Single());
    }
}
