using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Payments.Stripe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Tests.Payments.Stripe;

/// <summary>One fake Stripe server for a test class.</summary>
public sealed class FakeStripeFixture : IAsyncLifetime
{
    public FakeStripeServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeStripeServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The settings that switch the app to Stripe (test keys) on this fake; <paramref name="account"/> names a Stripe account of its own.</summary>
    public Dictionary<string, string?> Settings(string account = "shared") => new()
    {
        ["Payments:Processor"] = "Stripe",
        ["Payments:Stripe:SecretKey"] = $"sk_test_{account}",
        ["Payments:Stripe:PublishableKey"] = "pk_test_fake",
        ["Payments:Stripe:WebhookSecret"] = StripeSignatures.Secret,
        ["Payments:Stripe:ApiBase"] = Server.BaseUrl,
    };
}

/// <summary>The real CardPaymentService and PaymentService with StripePaymentProcessor, against the fake Stripe server.</summary>
public sealed class StripePaymentProcessorTests(FakeStripeFixture fixture) : IClassFixture<FakeStripeFixture>, IAsyncLifetime
{
    private static readonly string[] CreatePaths = ["/v1/payment_intents", "/v1/refunds", "/v1/customers", "/v1/setup_intents"];

    private readonly FakeStripeServer _stripe = fixture.Server;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private CoreServices _core = null!;
    private CardPaymentService Cards => _core.Get<CardPaymentService>();

    /// <summary>Stripe.net's own retries are off here unless a test turns them on, so a lost answer reaches the Core.</summary>
    private int _sdkRetries;

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync(services =>
        services.AddSingleton<IPaymentProcessor>(provider =>
        {
            var keys = provider.GetRequiredService<IOptions<PaymentsOptions>>().Value.Stripe;
            return StripePaymentProcessor.Create(keys, "http://127.0.0.1/portal/payments", maxNetworkRetries: _sdkRetries);
        }), fixture.Settings(_run));

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task AddPayments_WithStripeKeys_UsesStripeInTestMode()
    {
        await using var core = await CoreServices.StartAsync(settings: fixture.Settings());

        var processor = core.Get<IPaymentProcessor>();

        Assert.IsType<StripePaymentProcessor>(processor);
        Assert.Equal("Stripe", processor.Name);
        Assert.True(processor.IsTestMode);
        Assert.True(core.Get<CardPaymentService>().IsTestMode);
    }

    [Fact]
    public async Task EveryCreateCall_CarriesTheCallersIdempotencyKey()
    {
        var (customer, invoice) = await InvoiceAsync(100m);
        var seen = _stripe.Requests.Count;

        var started = (await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, Id("pay")), default)).Value!;
        await Cards.ConfirmAsync(customer, started.PaymentId, FakeStripeServer.SuccessCard, default);
        var refunded = await _core.Get<PaymentService>().RefundAsync(CoreServices.Admin, started.PaymentId, 25m, "Goodwill", Id("refund"), default);
        var setup = await Cards.StartAddingCardAsync(customer, Id("card"), default);

        Assert.True(refunded.Succeeded, refunded.Message);
        Assert.True(setup.Succeeded, setup.Message);
        var creates = _stripe.Requests.Skip(seen).Where(r => r.Method == "POST" && CreatePaths.Contains(r.Path)).ToList();
        Assert.Equal(CreatePaths.Order(), creates.Select(r => r.Path).Distinct().Order());
        Assert.All(creates, r => Assert.False(string.IsNullOrWhiteSpace(r.IdempotencyKey), $"{r.Path} has no idempotency key"));
        var payKey = (await PaymentAsync(started.PaymentId)).IdempotencyKey;
        Assert.Equal(payKey, creates.Single(r => r.Path == "/v1/payment_intents").IdempotencyKey);
    }

    [Fact]
    public async Task Start_AnswerLostThenRetried_GivesOneIntentAndOnePayment()
    {
        var (customer, invoice) = await InvoiceAsync(150m);
        var requestId = Id("pay");
        _stripe.DropNextResponse();

        var lost = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, requestId), default);
        var retried = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, requestId), default);
        var outcome = await Cards.ConfirmAsync(customer, retried.Value!.PaymentId, FakeStripeServer.SuccessCard, default);

        Assert.Equal((ResultKind.Conflict, CardPaymentService.NoAnswerMessage), (lost.Kind, lost.Message));
        Assert.True(retried.Succeeded, retried.Message);
        var payment = await PaymentAsync(retried.Value.PaymentId);
        var intents = _stripe.CreatedWith(payment.IdempotencyKey!);
        Assert.Equal(payment.ProcessorPaymentId, Assert.Single(intents));
        Assert.Equal(2, _stripe.Requests.Count(r => r.IdempotencyKey == payment.IdempotencyKey));
        Assert.Equal(CardPaymentState.Succeeded, outcome.Value!.State);
        await using var db = await _core.DbAsync();
        Assert.Single(await db.Payments.ToListAsync());
        var saved = await db.Invoices.SingleAsync();
        Assert.Equal((0m, InvoiceStatus.Paid), (saved.AmountDue, saved.Status));
    }

    [Fact]
    public async Task Start_AnswerLostWithStripeNetRetrying_SendsTheSameKeyAgainAndMakesOneIntent()
    {
        _sdkRetries = 2;
        var (customer, invoice) = await InvoiceAsync(40m);
        _stripe.DropNextResponse();

        var started = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, Id("pay")), default);

        Assert.True(started.Succeeded, started.Message);
        var payment = await PaymentAsync(started.Value!.PaymentId);
        Assert.Equal(2, _stripe.Requests.Count(r => r.IdempotencyKey == payment.IdempotencyKey));
        Assert.Equal(started.Value.ProcessorPaymentId, Assert.Single(_stripe.CreatedWith(payment.IdempotencyKey!)));
    }

    [Fact]
    public async Task Confirm_SuccessCard_RecordsThePaymentWithTheCardFromTheCharge()
    {
        var (customer, invoice) = await InvoiceAsync(120.50m);
        var started = (await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, Id("pay")), default)).Value!;

        var outcome = await Cards.ConfirmAsync(customer, started.PaymentId, FakeStripeServer.SuccessCard, default);

        Assert.Equal(CardPaymentState.Succeeded, outcome.Value!.State);
        Assert.Equal(12050, (long)_stripe.Object(started.ProcessorPaymentId)["amount"]!);
        Assert.Equal("usd", (string)_stripe.Object(started.ProcessorPaymentId)["currency"]!);
        Assert.Equal(started.PaymentId.ToString(), (string)_stripe.Object(started.ProcessorPaymentId)["metadata"]!["payment_id"]!);
        var payment = await PaymentAsync(started.PaymentId);
        Assert.Equal((PaymentStatus.Succeeded, "Visa ending 4242", "succeeded"), (payment.Status, payment.Reference, payment.ProcessorStatus));
    }

    [Fact]
    public async Task Confirm_DeclinedCard_LeavesTheInvoiceUnpaidWithAClearMessage()
    {
        var (customer, invoice) = await InvoiceAsync(80m);
        var started = (await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, Id("pay")), default)).Value!;

        var outcome = await Cards.ConfirmAsync(customer, started.PaymentId, FakeStripeServer.DeclinedCard, default);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(CardPaymentState.Failed, outcome.Value!.State);
        Assert.Equal("Your card was declined. Nothing was charged; try another card.", outcome.Value.Message);
        await using var db = await _core.DbAsync();
        var saved = await db.Invoices.SingleAsync();
        Assert.Equal((80m, 0m, InvoiceStatus.Sent), (saved.AmountDue, saved.AmountPaid, saved.Status));
        Assert.Equal(PaymentStatus.Failed, (await db.Payments.SingleAsync()).Status);
        Assert.Empty(await db.PaymentAllocations.ToListAsync());
    }

    [Fact]
    public async Task Confirm_ThreeDSecureCard_RequiresActionAtStripesPage_ThenIsRecordedFromStripe()
    {
        var (customer, invoice) = await InvoiceAsync(99m);
        var started = (await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, Id("pay")), default)).Value!;

        var outcome = await Cards.ConfirmAsync(customer, started.PaymentId, FakeStripeServer.ThreeDSecureCard, default);

        Assert.Equal(CardPaymentState.RequiresAction, outcome.Value!.State);
        Assert.Equal($"{_stripe.BaseUrl}/3ds/{started.ProcessorPaymentId}", outcome.Value.NextActionUrl);
        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync(started.PaymentId)).Status);

        _stripe.CompleteChallenge(started.ProcessorPaymentId);
        var after = await Cards.ConfirmFromProcessorAsync(started.PaymentId, default);

        Assert.Equal(CardPaymentState.Succeeded, after.Value!.State);
        Assert.Equal("Visa ending 3155", (await PaymentAsync(started.PaymentId)).Reference);
    }

    [Fact]
    public async Task Refund_ByStaff_GoesBackThroughStripe()
    {
        var (customer, invoice) = await InvoiceAsync(100m);
        var started = (await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, Id("pay")), default)).Value!;
        await Cards.ConfirmAsync(customer, started.PaymentId, FakeStripeServer.SuccessCard, default);

        var refunded = await _core.Get<PaymentService>().RefundAsync(CoreServices.Admin, started.PaymentId, 60m, "Part of the work was cancelled", Id("refund-part"), default);
        var tooMuch = await _core.Get<PaymentService>().RefundAsync(CoreServices.Admin, started.PaymentId, 50m, "", Id("refund-too-much"), default);

        Assert.True(refunded.Succeeded, refunded.Message);
        Assert.False(tooMuch.Succeeded);
        Assert.Equal(6000, (long)_stripe.Object(started.ProcessorPaymentId)["amount_refunded"]!);
        await using var db = await _core.DbAsync();
        var refund = await db.PaymentRefunds.SingleAsync();
        Assert.StartsWith("re_", refund.ProcessorRefundId);
        Assert.Equal(60m, (await db.Invoices.SingleAsync()).AmountDue);
    }

    [Fact]
    public async Task CardsOnFile_AddListMakeDefaultRemove()
    {
        var (customer, _) = await InvoiceAsync(10m);
        var other = (await InvoiceAsync(10m)).Customer;

        var setup = await Cards.StartAddingCardAsync(customer, Id("card"), default);
        await Cards.StartAddingCardAsync(other, Id("card"), default);
        Assert.True(setup.Succeeded, setup.Message);
        Assert.StartsWith("seti_", setup.Value!.SetupId);
        Assert.True(setup.Value.IsTestMode);
        string stripeCustomer;
        await using (var db = await _core.DbAsync())
        {
            var saved = await db.ProcessorCustomers.SingleAsync(c => c.CustomerId == customer.CustomerId);
            // Test-mode Stripe customers are kept apart from live ones.
            Assert.Equal("Stripe test", saved.Processor);
            stripeCustomer = saved.ProcessorCustomerId;
        }
        var first = _stripe.AttachCard(stripeCustomer, FakeStripeServer.SuccessCard);
        var second = _stripe.AttachCard(stripeCustomer, FakeStripeServer.ThreeDSecureCard);

        var listed = (await Cards.CardsAsync(customer, default)).Value!;
        Assert.Equal([(first, "Visa", "4242", false), (second, "Visa", "3155", false)],
            listed.Select(c => (c.Id, c.Brand, c.Last4, c.IsDefault)).OrderBy(c => c.Id).ToList());
        Assert.Equal((12, 2030), (listed[0].ExpMonth, listed[0].ExpYear));

        Assert.True((await Cards.MakeDefaultCardAsync(customer, second, default)).Succeeded);
        Assert.Equal(second, (await Cards.CardsAsync(customer, default)).Value!.Single(c => c.IsDefault).Id);

        Assert.Equal(ResultKind.NotFound, (await Cards.RemoveCardAsync(other, second, default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await Cards.MakeDefaultCardAsync(customer, FakeStripeServer.SuccessCard, default)).Kind);
        Assert.True((await Cards.RemoveCardAsync(customer, second, default)).Succeeded);
        var left = (await Cards.CardsAsync(customer, default)).Value!;
        Assert.Equal(first, Assert.Single(left).Id);
        Assert.False(left[0].IsDefault);
    }

    [Fact]
    public async Task PayWithSavedCard_UsesTheStripeCustomer()
    {
        var (customer, invoice) = await InvoiceAsync(30m);
        await Cards.StartAddingCardAsync(customer, Id("card"), default);
        string stripeCustomer;
        await using (var db = await _core.DbAsync())
            stripeCustomer = (await db.ProcessorCustomers.SingleAsync()).ProcessorCustomerId;
        var card = _stripe.AttachCard(stripeCustomer, FakeStripeServer.SuccessCard);

        var started = (await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, Id("pay")), default)).Value!;
        var outcome = await Cards.ConfirmAsync(customer, started.PaymentId, card, default);

        Assert.Equal(stripeCustomer, (string)_stripe.Object(started.ProcessorPaymentId)["customer"]!);
        Assert.Equal(CardPaymentState.Succeeded, outcome.Value!.State);
    }

    private string Id(string what) => $"{what}-{_run}";

    private async Task<Payment> PaymentAsync(int id)
    {
        await using var db = await _core.DbAsync();
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private async Task<(Actor Customer, Invoice Invoice)> InvoiceAsync(decimal amount)
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db, lastName: $"Customer {Guid.NewGuid():N}");
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, amount);
        return (TestActors.Customer(customer.Id), invoice);
    }
}
