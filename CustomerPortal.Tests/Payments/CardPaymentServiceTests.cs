using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Payments;

public sealed class CardPaymentServiceTests : IAsyncLifetime
{
    private readonly LosingProcessor.Switches _lose = new();
    private CoreServices _core = null!;
    private CardPaymentService Cards => _core.Get<CardPaymentService>();
    private SimulatedPaymentProcessor Simulated => _core.Get<SimulatedPaymentProcessor>();

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync(services =>
        services.AddSingleton<IPaymentProcessor>(provider => new LosingProcessor(provider.GetRequiredService<SimulatedPaymentProcessor>(), _lose)));

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task PayInvoice_SuccessCard_RecordsPaymentAndMarksInvoicePaid()
    {
        var (customer, invoice) = await InvoiceAsync(120.50m);

        var started = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default);
        var outcome = await Cards.ConfirmAsync(customer, started.Value!.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);

        Assert.True(started.Succeeded, started.Message);
        Assert.Equal(12050, started.Value.AmountMinor);
        Assert.True(started.Value.IsTestMode);
        Assert.Equal(CardPaymentState.Succeeded, outcome.Value!.State);
        await using var db = await _core.DbAsync();
        var payment = await db.Payments.SingleAsync();
        Assert.Equal((PaymentStatus.Succeeded, PaymentMethod.Card, "Visa ending 4242"), (payment.Status, payment.Method, payment.Reference));
        Assert.Equal(invoice.Id, Assert.Single(payment.Allocations).InvoiceId);
        Assert.False(payment.NeedsReview);
        var saved = await db.Invoices.SingleAsync();
        Assert.Equal((0m, InvoiceStatus.Paid), (saved.AmountDue, saved.Status));
        Assert.Empty(await db.CreditEntries.ToListAsync());
        Assert.Single(await db.AuditEvents.Where(a => a.Action == "payment.received").ToListAsync());
    }

    [Fact]
    public async Task PayInvoice_DeclinedCard_LeavesInvoiceUnpaidWithAClearMessage_AndAnotherTryIsAllowed()
    {
        var (customer, invoice) = await InvoiceAsync(80m);
        var started = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default);

        var outcome = await Cards.ConfirmAsync(customer, started.Value!.PaymentId, Card(SimulatedPaymentProcessor.DeclinedCard), default);

        Assert.Equal(CardPaymentState.Failed, outcome.Value!.State);
        Assert.Contains("declined", outcome.Value.Message);
        Assert.Contains("Nothing was charged", outcome.Value.Message);
        await using (var db = await _core.DbAsync())
        {
            var saved = await db.Invoices.SingleAsync();
            Assert.Equal((80m, 0m, InvoiceStatus.Sent), (saved.AmountDue, saved.AmountPaid, saved.Status));
            var payment = await db.Payments.SingleAsync();
            Assert.Equal(PaymentStatus.Failed, payment.Status);
            Assert.Empty(payment.Allocations);
            Assert.Empty(await db.CreditEntries.ToListAsync());
        }

        var again = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-2"), default);
        var paid = await Cards.ConfirmAsync(customer, again.Value!.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);
        Assert.Equal(CardPaymentState.Succeeded, paid.Value!.State);
    }

    [Fact]
    public async Task PayInvoice_ThreeDSecureCard_WaitsForTheChallengeThenIsRecordedFromTheProcessor()
    {
        var (customer, invoice) = await InvoiceAsync(99m);
        var started = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default);

        var outcome = await Cards.ConfirmAsync(customer, started.Value!.PaymentId, Card(SimulatedPaymentProcessor.ThreeDSecureCard), default);

        Assert.Equal(CardPaymentState.RequiresAction, outcome.Value!.State);
        Assert.Equal($"/payments/simulated/challenge/{started.Value.ProcessorPaymentId}", outcome.Value.NextActionUrl);
        await using (var db = await _core.DbAsync())
            Assert.Equal(InvoiceStatus.Sent, (await db.Invoices.SingleAsync()).Status);

        Assert.True(Simulated.CompleteChallenge(started.Value.ProcessorPaymentId, approve: true).Succeeded);
        var confirmed = await Cards.ConfirmFromProcessorAsync(started.Value.PaymentId, default);

        Assert.Equal(CardPaymentState.Succeeded, confirmed.Value!.State);
        await using var check = await _core.DbAsync();
        Assert.Equal(InvoiceStatus.Paid, (await check.Invoices.SingleAsync()).Status);
    }

    [Fact]
    public async Task PayInvoice_ThreeDSecureChallengeFailed_ChargesNothing()
    {
        var (customer, invoice) = await InvoiceAsync(99m);
        var started = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default);
        await Cards.ConfirmAsync(customer, started.Value!.PaymentId, Card(SimulatedPaymentProcessor.ThreeDSecureCard), default);

        Simulated.CompleteChallenge(started.Value.ProcessorPaymentId, approve: false);
        var confirmed = await Cards.ConfirmFromProcessorAsync(started.Value.PaymentId, default);

        Assert.Equal(CardPaymentState.Failed, confirmed.Value!.State);
        await using var db = await _core.DbAsync();
        Assert.Equal(99m, (await db.Invoices.SingleAsync()).AmountDue);
    }

    [Fact]
    public async Task StartAsync_SameRequestTwice_GivesOnePaymentAndOneIntent()
    {
        var (customer, invoice) = await InvoiceAsync(50m);

        var first = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default);
        var second = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default);

        Assert.True(second.Succeeded, second.Message);
        Assert.Equal(first.Value!.PaymentId, second.Value!.PaymentId);
        Assert.Equal(first.Value.ProcessorPaymentId, second.Value.ProcessorPaymentId);
        Assert.Equal(1, Simulated.IntentCount);
        await using var db = await _core.DbAsync();
        Assert.Single(await db.Payments.ToListAsync());
    }

    [Fact]
    public async Task StartAsync_DoubleClick_BothGetTheSamePaymentAndIntent()
    {
        var (customer, invoice) = await InvoiceAsync(50m);

        var results = await Task.WhenAll(
            Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default),
            Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(results[0].Value!.PaymentId, results[1].Value!.PaymentId);
        Assert.Equal(1, Simulated.IntentCount);
    }

    [Fact]
    public async Task StartAsync_CreateAnswerLostThenRetried_GivesOneIntentAndOnePayment()
    {
        var (customer, invoice) = await InvoiceAsync(50m);
        _lose.NextCreateIntent = true;

        var lost = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default);

        Assert.Equal(ResultKind.Conflict, lost.Kind);
        Assert.Equal(CardPaymentService.NoAnswerMessage, lost.Message);
        Assert.Equal(1, Simulated.IntentCount);
        await using (var db = await _core.DbAsync())
        {
            var pending = await db.Payments.SingleAsync();
            Assert.Equal(PaymentStatus.Pending, pending.Status);
            Assert.Null(pending.ProcessorPaymentId);
            Assert.NotNull(pending.IdempotencyKey);
        }

        var retried = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default);
        var outcome = await Cards.ConfirmAsync(customer, retried.Value!.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);

        Assert.True(retried.Succeeded, retried.Message);
        Assert.Equal(1, Simulated.IntentCount);
        Assert.Equal(CardPaymentState.Succeeded, outcome.Value!.State);
        await using var check = await _core.DbAsync();
        Assert.Single(await check.Payments.ToListAsync());
        Assert.Equal(InvoiceStatus.Paid, (await check.Invoices.SingleAsync()).Status);
    }

    [Fact]
    public async Task RecordProcessorEventAsync_SameEventFiveTimes_RecordsOnce()
    {
        var (customer, invoice) = await InvoiceAsync(75m);
        var started = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default);
        // The browser confirmed with the processor directly (as with Stripe's Payment Element); only the event tells us.
        var intent = (await Simulated.ConfirmIntentAsync(started.Value!.ProcessorPaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default)).Value!;

        for (var i = 0; i < 5; i++)
        {
            var applied = await Cards.RecordProcessorEventAsync(new ProcessorEvent("evt_1", "payment_intent.succeeded", intent), default);
            Assert.Equal(CardPaymentState.Succeeded, applied.Value!.State);
        }

        await using var db = await _core.DbAsync();
        Assert.Single(await db.ProcessorEventReceipts.ToListAsync());
        Assert.Single(await db.PaymentAllocations.ToListAsync());
        Assert.Empty(await db.CreditEntries.ToListAsync());
        Assert.Single(await db.AuditEvents.Where(a => a.Action == "payment.received").ToListAsync());
        Assert.Equal(75m, (await db.Invoices.SingleAsync()).AmountPaid);
    }

    [Fact]
    public async Task RecordProcessorEventAsync_ForAnIntentWhoseCreateAnswerWasLost_FindsThePaymentByItsMetadata()
    {
        var (customer, invoice) = await InvoiceAsync(60m);
        _lose.NextCreateIntent = true;
        await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default);
        string key;
        await using (var db = await _core.DbAsync())
            key = (await db.Payments.SingleAsync()).IdempotencyKey!;
        // The processor has the intent; the same create call again is how we, or a test, learn its id.
        var created = (await Simulated.CreateIntentAsync(new CreateIntentRequest(6000, "USD", null, new Dictionary<string, string>(), key), default)).Value!;
        var paid = (await Simulated.ConfirmIntentAsync(created.Id, Card(SimulatedPaymentProcessor.SuccessCard), default)).Value!;

        var applied = await Cards.RecordProcessorEventAsync(new ProcessorEvent("evt_1", "payment_intent.succeeded", paid), default);

        Assert.Equal(CardPaymentState.Succeeded, applied.Value!.State);
        await using var check = await _core.DbAsync();
        Assert.Equal(created.Id, (await check.Payments.SingleAsync()).ProcessorPaymentId);
        Assert.Equal(InvoiceStatus.Paid, (await check.Invoices.SingleAsync()).Status);
        Assert.Equal(1, Simulated.IntentCount);
    }

    [Fact]
    public async Task ConfirmAsync_AnswerLost_ConfirmFromProcessorRecordsTheMoneyOnce()
    {
        var (customer, invoice) = await InvoiceAsync(60m);
        var started = (await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default)).Value!;
        _lose.NextConfirm = true;

        var lost = await Cards.ConfirmAsync(customer, started.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);
        await using (var db = await _core.DbAsync())
            Assert.Equal(InvoiceStatus.Sent, (await db.Invoices.SingleAsync()).Status);
        var fetched = await Cards.ConfirmFromProcessorAsync(started.PaymentId, default);
        var again = await Cards.ConfirmFromProcessorAsync(started.PaymentId, default);

        Assert.Equal(ResultKind.Conflict, lost.Kind);
        Assert.Equal(CardPaymentState.Succeeded, fetched.Value!.State);
        Assert.Equal(CardPaymentState.Succeeded, again.Value!.State);
        await using var check = await _core.DbAsync();
        Assert.Equal(60m, (await check.Invoices.SingleAsync()).AmountPaid);
        Assert.Single(await check.PaymentAllocations.ToListAsync());
    }

    [Fact]
    public async Task RecordProcessorEventAsync_EventsInAnyOrder_EndInTheSameState()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var actor = TestActors.Customer(customer.Id);
        var kinds = new[]
        {
            ("payment_intent.requires_action", ProcessorIntentStatus.RequiresAction),
            ("payment_intent.payment_failed", ProcessorIntentStatus.RequiresPaymentMethod),
            ("payment_intent.processing", ProcessorIntentStatus.Processing),
            ("payment_intent.succeeded", ProcessorIntentStatus.Succeeded),
        };
        var endStates = new List<string>();
        var run = 0;
        foreach (var order in Permutations(kinds))
        {
            run++;
            var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 40m);
            var started = (await Cards.StartAsync(actor, CardPaymentRequest.ForInvoice(invoice.Id, $"req-{run}"), default)).Value!;
            foreach (var (type, status) in order)
            {
                var intent = new ProcessorIntent(started.ProcessorPaymentId, 4000, "usd", status, "", null,
                    status == ProcessorIntentStatus.RequiresPaymentMethod ? SimulatedPaymentProcessor.DeclineMessage : "", null,
                    new Dictionary<string, string>());
                await Cards.RecordProcessorEventAsync(new ProcessorEvent($"evt_{run}_{type}", type, intent), default);
            }
            await using var check = await _core.DbAsync();
            var payment = await check.Payments.SingleAsync(p => p.Id == started.PaymentId);
            var saved = await check.Invoices.SingleAsync(i => i.Id == invoice.Id);
            var credit = await check.CreditEntries.Where(c => c.PaymentId == payment.Id).SumAsync(c => c.Amount);
            endStates.Add($"{payment.Status} {payment.AllocatedAmount} {saved.Status} {saved.AmountDue} {credit}");
        }

        Assert.Equal(24, endStates.Count);
        Assert.All(endStates, s => Assert.Equal("Succeeded 40 Paid 0 0", s));
    }

    [Fact]
    public async Task StartAsync_SecondTabWhileFirstIsPending_IsRefusedBeforeAnyCharge()
    {
        var (customer, invoice) = await InvoiceAsync(200m);
        await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "tab-1"), default);

        var second = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "tab-2"), default);
        var balance = await Cards.StartAsync(customer, CardPaymentRequest.ForBalance("tab-3"), default);

        Assert.Equal(ResultKind.Conflict, second.Kind);
        Assert.Contains("already in progress", second.Message);
        Assert.Equal(ResultKind.Conflict, balance.Kind);
        Assert.Equal(1, Simulated.IntentCount);
    }

    [Fact]
    public async Task StartAsync_TwoTabsAtOnce_OnlyOneStarts()
    {
        var (customer, invoice) = await InvoiceAsync(200m);

        var results = await Task.WhenAll(
            Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "tab-1"), default),
            Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "tab-2"), default));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Kind == ResultKind.Conflict);
        Assert.Equal(1, Simulated.IntentCount);
    }

    [Fact]
    public async Task TwoChargesForOneInvoiceBothSucceed_SurplusBecomesCreditAndIsFlagged()
    {
        var (customer, invoice) = await InvoiceAsync(200m);
        var first = (await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "tab-1"), default)).Value!;
        // The first tab was left open longer than a pending payment blocks another; then both are paid at once.
        _core.Clock.Now = _core.Clock.Now.AddMinutes(31);
        var second = (await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "tab-2"), default)).Value!;

        var outcomes = await Task.WhenAll(
            Cards.ConfirmAsync(customer, first.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default),
            Cards.ConfirmAsync(customer, second.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default));

        Assert.All(outcomes, o => Assert.Equal(CardPaymentState.Succeeded, o.Value!.State));
        await using var db = await _core.DbAsync();
        var saved = await db.Invoices.SingleAsync();
        Assert.Equal((200m, 0m, InvoiceStatus.Paid), (saved.AmountPaid, saved.AmountDue, saved.Status));
        var payments = await db.Payments.ToListAsync();
        Assert.Equal(200m, payments.Sum(p => p.AllocatedAmount));
        var flagged = Assert.Single(payments, p => p.NeedsReview);
        Assert.Equal(200m, flagged.UnallocatedAmount);
        Assert.Contains("account credit", flagged.ReviewNote);
        var entry = await db.CreditEntries.SingleAsync();
        Assert.Equal((200m, CreditReason.Overpayment, flagged.Id), (entry.Amount, entry.Reason, entry.PaymentId));
    }

    [Fact]
    public async Task PartPayment_RefusedUnlessAllowed_AndAtLeastTheMinimum()
    {
        var (customer, invoice) = await InvoiceAsync(300m);

        var refused = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "r1", 100m), default);
        await _core.UpdateCompanyAsync(c => c.ChangePaymentSettings(true, true, 50m, true, 10m, 500m));
        var tooSmall = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "r2", 49.99m), default);
        var tooMuch = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "r3", 300.01m), default);
        var part = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "r4", 100m), default);
        await Cards.ConfirmAsync(customer, part.Value!.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);

        Assert.Equal(ResultKind.Invalid, refused.Kind);
        Assert.Contains("full 300.00", refused.Message);
        Assert.Equal(ResultKind.Invalid, tooSmall.Kind);
        Assert.Equal(ResultKind.Invalid, tooMuch.Kind);
        await using var db = await _core.DbAsync();
        var saved = await db.Invoices.SingleAsync();
        Assert.Equal((200m, InvoiceStatus.PartiallyPaid), (saved.AmountDue, saved.Status));
    }

    [Fact]
    public async Task PayBalance_PaysOpenInvoicesOldestDueFirst()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var later = await TestRecords.SentInvoiceAsync(db, customer.Id, 30m, due: new DateOnly(2026, 6, 1));
        var sooner = await TestRecords.SentInvoiceAsync(db, customer.Id, 20m, due: new DateOnly(2026, 4, 1));
        var actor = TestActors.Customer(customer.Id);

        var started = await Cards.StartAsync(actor, CardPaymentRequest.ForBalance("r1"), default);
        await Cards.ConfirmAsync(actor, started.Value!.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);

        Assert.Equal(50m, started.Value.Amount);
        await using var check = await _core.DbAsync();
        var payment = await check.Payments.SingleAsync();
        Assert.Equal([sooner.Id, later.Id], payment.Allocations.OrderBy(a => a.Id).Select(a => a.InvoiceId!.Value));
        Assert.All(await check.Invoices.ToListAsync(), i => Assert.Equal(InvoiceStatus.Paid, i.Status));
        Assert.Equal(0m, (await _core.Get<AccountBalanceService>().GetAsync(actor, customer.Id, default)).Value!.AmountDue);
    }

    [Fact]
    public async Task PayDeposit_RecordsTheDepositOnTheEstimate()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var estimate = await TestRecords.EstimateAsync(db, customer.Id, 1000m, deposit: 250m);
        var actor = TestActors.Customer(customer.Id);

        var started = await Cards.StartAsync(actor, CardPaymentRequest.ForDeposit(estimate.Id, "r1"), default);
        await Cards.ConfirmAsync(actor, started.Value!.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);
        var again = await Cards.StartAsync(actor, CardPaymentRequest.ForDeposit(estimate.Id, "r2"), default);

        Assert.Equal(250m, started.Value.Amount);
        Assert.Equal(ResultKind.Conflict, again.Kind);
        await using var check = await _core.DbAsync();
        Assert.Equal(250m, (await check.Estimates.SingleAsync()).DepositPaid);
    }

    [Theory]
    [InlineData(9.99, false)]
    [InlineData(10, true)]
    [InlineData(500, true)]
    [InlineData(500.01, false)]
    public async Task TopUp_WithinTheCompanyLimits_AddsCreditToTheLedger(decimal amount, bool allowed)
    {
        await _core.UpdateCompanyAsync(c => c.ChangePaymentSettings(true, false, 0m, true, 10m, 500m));
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var actor = TestActors.Customer(customer.Id);

        var started = await Cards.StartAsync(actor, CardPaymentRequest.TopUp(amount, "r1"), default);

        Assert.Equal(allowed, started.Succeeded);
        if (!allowed) return;
        await Cards.ConfirmAsync(actor, started.Value!.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);
        await using var check = await _core.DbAsync();
        var entry = await check.CreditEntries.SingleAsync();
        Assert.Equal((amount, CreditReason.TopUp), (entry.Amount, entry.Reason));
        Assert.False((await check.Payments.SingleAsync()).NeedsReview);
    }

    [Fact]
    public async Task StartAsync_WhoMayPay()
    {
        var (customer, invoice) = await InvoiceAsync(10m);
        await using var db = await _core.DbAsync();
        var other = await TestRecords.CustomerAsync(db, "Other");

        var cannotPay = await Cards.StartAsync(customer with { CanPay = false }, CardPaymentRequest.ForInvoice(invoice.Id, "r1"), default);
        var viewAs = await Cards.StartAsync(customer with { ViewingStaffUserId = 1 }, CardPaymentRequest.ForInvoice(invoice.Id, "r2"), default);
        var otherCustomer = await Cards.StartAsync(TestActors.Customer(other.Id), CardPaymentRequest.ForInvoice(invoice.Id, "r3"), default);
        var staff = await Cards.StartAsync(CoreServices.Staff, CardPaymentRequest.ForInvoice(invoice.Id, "r4"), default);

        Assert.Equal(ResultKind.Forbidden, cannotPay.Kind);
        Assert.Equal(ResultKind.Forbidden, viewAs.Kind);
        Assert.Equal(ResultKind.NotFound, otherCustomer.Kind);
        Assert.Equal(ResultKind.Forbidden, staff.Kind);
        Assert.Equal(0, Simulated.IntentCount);
    }

    [Fact]
    public async Task StartAsync_CardPaymentsSwitchedOff_IsRefused()
    {
        var (customer, invoice) = await InvoiceAsync(10m);
        await _core.UpdateCompanyAsync(c => c.ChangePaymentSettings(false, false, 0m, true, 10m, 500m));

        var started = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "r1"), default);

        Assert.Equal(ResultKind.Conflict, started.Kind);
    }

    [Fact]
    public async Task StartAsync_ZeroDecimalCurrency_RefusesAnAmountWithCents()
    {
        await _core.UpdateCompanyAsync(c => c.ChangeCurrencyAndTimeZone("JPY", "Asia/Tokyo"));
        var (customer, invoice) = await InvoiceAsync(1500.50m);

        var started = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "r1"), default);

        Assert.Equal(ResultKind.Invalid, started.Kind);
        Assert.Contains("no decimals", started.Message);
        Assert.Equal(0, Simulated.IntentCount);
    }

    [Fact]
    public async Task RefundAsync_CardPayment_GoesBackThroughTheProcessorOnceEvenWhenItsAnswerIsLost()
    {
        var (customer, invoice) = await InvoiceAsync(100m);
        var started = await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "r1"), default);
        await Cards.ConfirmAsync(customer, started.Value!.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);
        var payments = _core.Get<PaymentService>();
        _lose.NextRefund = true;

        var lost = await payments.RefundAsync(CoreServices.Admin, started.Value.PaymentId, 60m, "Part of the work was cancelled", "dialog-1", default);
        var retried = await payments.RefundAsync(CoreServices.Admin, started.Value.PaymentId, 60m, "Part of the work was cancelled", "dialog-1", default);
        var rest = await payments.RefundAsync(CoreServices.Admin, started.Value.PaymentId, 40m, "", Guid.NewGuid().ToString("N"), default);

        Assert.Equal(ResultKind.Conflict, lost.Kind);
        Assert.True(retried.Succeeded, retried.Message);
        // Had the lost refund been made twice at the processor, it would have refused the last 40.
        Assert.True(rest.Succeeded, rest.Message);
        await using var db = await _core.DbAsync();
        var payment = await db.Payments.SingleAsync();
        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        Assert.All(payment.Refunds, r => Assert.StartsWith("re_sim_", r.ProcessorRefundId));
        Assert.Equal((100m, InvoiceStatus.Sent), await db.Invoices.Select(i => new ValueTuple<decimal, InvoiceStatus>(i.AmountDue, i.Status)).SingleAsync());
    }

    [Fact]
    public async Task RefundAsync_CardPaymentDoubleClicked_RefundsOnceAtTheProcessorAndReturnsTheSameRefund()
    {
        var (customer, invoice) = await InvoiceAsync(100m);
        var started = (await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "r1"), default)).Value!;
        await Cards.ConfirmAsync(customer, started.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);
        var payments = _core.Get<PaymentService>();

        var clicks = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            payments.RefundAsync(CoreServices.Admin, started.PaymentId, 70m, "Double click", "dialog-7", default)));
        var again = await payments.RefundAsync(CoreServices.Admin, started.PaymentId, 70m, "Double click", "dialog-7", default);
        // 30 is all the processor has left to give back if it refunded 70 only once.
        var rest = await payments.RefundAsync(CoreServices.Admin, started.PaymentId, 30m, "", "dialog-8", default);

        Assert.All(clicks, c => Assert.True(c.Succeeded, c.Message));
        Assert.Equal(clicks[0].Value, clicks[1].Value);
        Assert.Equal(clicks[0].Value, again.Value);
        Assert.True(rest.Succeeded, rest.Message);
        await using var db = await _core.DbAsync();
        Assert.Equal([70m, 30m], await db.PaymentRefunds.OrderBy(r => r.Id).Select(r => r.Amount).ToListAsync());
        Assert.Equal(PaymentStatus.Refunded, (await db.Payments.SingleAsync()).Status);
    }

    [Fact]
    public async Task HistoryAsync_CardPayment_ShowsProcessorCardStatusEventsAndRefunds()
    {
        var (customer, invoice) = await InvoiceAsync(100m);
        var started = (await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "r1"), default)).Value!;
        await Cards.ConfirmAsync(customer, started.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);
        var intent = (await Simulated.GetIntentAsync(started.ProcessorPaymentId, default)).Value!;
        await Cards.RecordProcessorEventAsync(new ProcessorEvent("evt_ok_1", "payment_intent.succeeded", intent), default);
        var payments = _core.Get<PaymentService>();
        Actor admin;
        await using (var db = await _core.DbAsync())
        {
            var email = TestAccounts.UniqueEmail("owner");
            var account = new AppUser { UserName = email, Email = email, Kind = AccountKind.Staff, SecurityStamp = Guid.NewGuid().ToString() };
            db.Users.Add(account);
            var user = new StaffUser(account.Id, "Olive Owner", email, StaffRole.Admin, DateTime.UtcNow);
            db.StaffUsers.Add(user);
            await db.SaveChangesAsync();
            admin = user.ToActor();
        }
        await payments.RefundAsync(admin, started.PaymentId, 25m, "Scratched door", "dialog-1", default);

        var history = (await payments.HistoryAsync(CoreServices.Staff, started.PaymentId, default)).Value!;

        Assert.Equal(("Simulated", started.ProcessorPaymentId, "succeeded", true), (history.Processor, history.ProcessorPaymentId, history.ProcessorStatus, history.StatusIsCurrent));
        Assert.Equal(("Visa", "4242"), (history.Card!.Brand, history.Card.Last4));
        Assert.Equal("payment_intent.succeeded", Assert.Single(history.Events).Type);
        var refund = Assert.Single(history.Refunds);
        Assert.Equal((25m, "Scratched door", "Olive Owner"), (refund.Amount, refund.Reason, refund.By));
        Assert.Equal((75m, false), (history.Refundable, history.MayRefund));
        Assert.True((await payments.HistoryAsync(admin, started.PaymentId, default)).Value!.MayRefund);
        Assert.Equal(ResultKind.Forbidden, (await payments.HistoryAsync(customer, started.PaymentId, default)).Kind);
    }

    [Fact]
    public async Task RecordProcessorEventAsync_RefundMadeAtTheProcessor_IsRecordedOnce_AndAStaffRefundIsNotRecordedTwice()
    {
        var (customer, invoice) = await InvoiceAsync(100m);
        var started = (await Cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "r1"), default)).Value!;
        await Cards.ConfirmAsync(customer, started.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);
        var intent = (await Simulated.GetIntentAsync(started.ProcessorPaymentId, default)).Value!;
        var dashboard = (await Simulated.RefundAsync(started.ProcessorPaymentId, 3000, "dashboard-1", default)).Value!;

        for (var i = 0; i < 3; i++)
            await Cards.RecordProcessorEventAsync(new ProcessorEvent("evt_refund_1", "charge.refunded", intent, dashboard), default);
        var staffRefund = await _core.Get<PaymentService>().RefundAsync(CoreServices.Admin, started.PaymentId, 20m, "", Guid.NewGuid().ToString("N"), default);
        string staffRefundId;
        await using (var db = await _core.DbAsync())
            staffRefundId = (await db.PaymentRefunds.SingleAsync(r => r.Id == staffRefund.Value)).ProcessorRefundId!;
        await Cards.RecordProcessorEventAsync(new ProcessorEvent("evt_refund_2", "charge.refunded", intent,
            new ProcessorRefund(staffRefundId, intent.Id, 2000, true, "")), default);

        await using var check = await _core.DbAsync();
        Assert.Equal([30m, 20m], await check.PaymentRefunds.OrderBy(r => r.Id).Select(r => r.Amount).ToListAsync());
        Assert.Equal((50m, InvoiceStatus.PartiallyPaid), await check.Invoices.Select(i => new ValueTuple<decimal, InvoiceStatus>(i.AmountDue, i.Status)).SingleAsync());
        Assert.Equal(2, await check.ProcessorEventReceipts.CountAsync());
    }

    [Fact]
    public async Task CardsOnFile_AddMakeDefaultAndRemove_ShowOnlyBrandLastFourAndExpiry()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var actor = TestActors.Customer(customer.Id);

        foreach (var (number, request) in new[] { (SimulatedPaymentProcessor.SuccessCard, "a"), ("5555 5555 5555 4444", "b") })
        {
            var setup = await Cards.StartAddingCardAsync(actor, request, default);
            Assert.True(setup.Succeeded, setup.Message);
            Assert.True(Simulated.ConfirmSetup(setup.Value!.SetupId, Simulated.CreatePaymentMethod(number, 12, 2030).Value!).Succeeded);
        }
        var cards = (await Cards.CardsAsync(actor, default)).Value!;
        var mastercard = cards.Single(c => c.Brand == "Mastercard");
        await Cards.MakeDefaultCardAsync(actor, mastercard.Id, default);
        await Cards.RemoveCardAsync(actor, cards.Single(c => c.Brand == "Visa").Id, default);

        Assert.Equal([("Visa", "4242", true), ("Mastercard", "4444", false)], cards.Select(c => (c.Brand, c.Last4, c.IsDefault)));
        var left = Assert.Single((await Cards.CardsAsync(actor, default)).Value!);
        Assert.Equal(("4444", 12, 2030, true), (left.Last4, left.ExpMonth, left.ExpYear, left.IsDefault));
        Assert.Equal(ResultKind.Forbidden, (await Cards.CardsAsync(actor with { CanPay = false }, default)).Kind);
        Assert.Single(await db.ProcessorCustomers.ToListAsync());
    }

    private string Card(string number) => Simulated.CreatePaymentMethod(number, 12, 2030).Value!;

    private async Task<(Actor Customer, Invoice Invoice)> InvoiceAsync(decimal amount)
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, amount);
        return (TestActors.Customer(customer.Id), invoice);
    }

    private static IEnumerable<T[]> Permutations<T>(T[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations(items.Where((_, j) => j != i).ToArray()).Select(rest => (T[])[item, .. rest]));

    /// <summary>The simulated processor behind a connection that can lose an answer: the call is made, its answer never arrives.</summary>
    private sealed class LosingProcessor(SimulatedPaymentProcessor inner, LosingProcessor.Switches lose) : IPaymentProcessor
    {
        public sealed class Switches
        {
            public bool NextCreateIntent { get; set; }
            public bool NextRefund { get; set; }
            public bool NextConfirm { get; set; }
        }

        public string Name => inner.Name;
        public bool IsTestMode => inner.IsTestMode;

        public async Task<Result<ProcessorIntent>> CreateIntentAsync(CreateIntentRequest request, CancellationToken ct)
        {
            var result = await inner.CreateIntentAsync(request, ct);
            if (lose.NextCreateIntent)
            {
                lose.NextCreateIntent = false;
                throw new TimeoutException("The answer was lost.");
            }
            return result;
        }

        public async Task<Result<ProcessorRefund>> RefundAsync(string intentId, long amountMinor, string idempotencyKey, CancellationToken ct)
        {
            var result = await inner.RefundAsync(intentId, amountMinor, idempotencyKey, ct);
            if (lose.NextRefund)
            {
                lose.NextRefund = false;
                throw new HttpRequestException("The answer was lost.");
            }
            return result;
        }

        public Task<Result<ProcessorIntent>> GetIntentAsync(string intentId, CancellationToken ct) => inner.GetIntentAsync(intentId, ct);
        public async Task<Result<ProcessorIntent>> ConfirmIntentAsync(string intentId, string paymentMethodId, CancellationToken ct)
        {
            var result = await inner.ConfirmIntentAsync(intentId, paymentMethodId, ct);
            if (lose.NextConfirm)
            {
                lose.NextConfirm = false;
                throw new IOException("The answer was lost.");
            }
            return result;
        }
        public Task<Result<string>> CreateCustomerAsync(string name, string email, string idempotencyKey, CancellationToken ct) =>
            inner.CreateCustomerAsync(name, email, idempotencyKey, ct);
        public Task<Result<ProcessorSetup>> CreateSetupAsync(string processorCustomerId, string idempotencyKey, CancellationToken ct) =>
            inner.CreateSetupAsync(processorCustomerId, idempotencyKey, ct);
        public Task<Result<IReadOnlyList<SavedCard>>> ListCardsAsync(string processorCustomerId, CancellationToken ct) =>
            inner.ListCardsAsync(processorCustomerId, ct);
        public Task<Result> DetachCardAsync(string processorCustomerId, string cardId, CancellationToken ct) =>
            inner.DetachCardAsync(processorCustomerId, cardId, ct);
        public Task<Result> SetDefaultCardAsync(string processorCustomerId, string cardId, CancellationToken ct) =>
            inner.SetDefaultCardAsync(processorCustomerId, cardId, ct);
    }
}
