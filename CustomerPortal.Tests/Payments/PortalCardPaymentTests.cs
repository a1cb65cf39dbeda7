using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Payments;

/// <summary>What the portal's pay pages need from Core: the simulated bank page, the outcome after coming back, and paying a balance with credit held.</summary>
public sealed class PortalCardPaymentTests : IAsyncLifetime
{
    private CoreServices _core = null!;
    private CardPaymentService Cards => _core.Get<CardPaymentService>();
    private SimulatedChallengeService Challenges => _core.Get<SimulatedChallengeService>();
    private SimulatedPaymentProcessor Simulated => _core.Get<SimulatedPaymentProcessor>();

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Challenge_Approved_ByTheOwner_RecordsThePaymentAndPaysTheInvoice()
    {
        var (actor, invoice, started) = await WaitingForChallengeAsync(99m);

        var shown = await Challenges.GetAsync(actor, started.ProcessorPaymentId, default);
        var outcome = await Challenges.CompleteAsync(actor, started.ProcessorPaymentId, approve: true, default);

        Assert.Equal((started.PaymentId, 99m), (shown.Value!.PaymentId, shown.Value.Amount));
        Assert.Equal(CardPaymentState.Succeeded, outcome.Value!.State);
        await using var db = await _core.DbAsync();
        Assert.Equal((InvoiceStatus.Paid, 0m), ((await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).Status, (await db.Invoices.SingleAsync()).AmountDue));
    }

    [Fact]
    public async Task Challenge_Failed_ChargesNothing_AndASecondAnswerChangesNothing()
    {
        var (actor, invoice, started) = await WaitingForChallengeAsync(40m);

        var failed = await Challenges.CompleteAsync(actor, started.ProcessorPaymentId, approve: false, default);
        var again = await Challenges.CompleteAsync(actor, started.ProcessorPaymentId, approve: true, default);

        Assert.Equal(CardPaymentState.Failed, failed.Value!.State);
        Assert.Contains("Nothing was charged", failed.Value.Message);
        Assert.Equal(CardPaymentState.Failed, again.Value!.State);
        await using var db = await _core.DbAsync();
        Assert.Equal(40m, (await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).AmountDue);
        Assert.Equal(PaymentStatus.Failed, (await db.Payments.SingleAsync()).Status);
    }

    [Fact]
    public async Task Challenge_AnotherCustomerOrAHiddenModuleOrUnknownIntent_IsNotFound_AndNothingIsAnswered()
    {
        var (actor, _, started) = await WaitingForChallengeAsync(25m);
        await using var db = await _core.DbAsync();
        var other = TestActors.Customer((await TestRecords.CustomerAsync(db, "Other")).Id);

        var byOther = await Challenges.CompleteAsync(other, started.ProcessorPaymentId, approve: true, default);
        var shownToOther = await Challenges.GetAsync(other, started.ProcessorPaymentId, default);
        var hidden = await Challenges.CompleteAsync(actor with { Modules = PortalModules.All & ~PortalModules.Invoices }, started.ProcessorPaymentId, true, default);
        var cannotPay = await Challenges.CompleteAsync(actor with { CanPay = false }, started.ProcessorPaymentId, true, default);
        var staff = await Challenges.CompleteAsync(CoreServices.Staff, started.ProcessorPaymentId, true, default);
        var unknown = await Challenges.CompleteAsync(actor, "pi_sim_nothing", true, default);

        Assert.All(new Result[] { byOther, shownToOther, hidden, cannotPay, staff, unknown }, r => Assert.Equal(ResultKind.NotFound, r.Kind));
        Assert.Equal(ProcessorIntentStatus.RequiresAction, (await Simulated.GetIntentAsync(started.ProcessorPaymentId, default)).Value!.Status);
        Assert.Equal(PaymentStatus.Pending, (await db.Payments.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task OutcomeAsync_OnlyForTheOwner_SaysWhatTheProcessorSays()
    {
        var (actor, _, started) = await WaitingForChallengeAsync(30m);
        await using var db = await _core.DbAsync();
        var other = TestActors.Customer((await TestRecords.CustomerAsync(db, "Other")).Id);
        Simulated.CompleteChallenge(started.ProcessorPaymentId, approve: true);

        var byOther = await Cards.OutcomeAsync(other, started.PaymentId, default);
        var own = await Cards.OutcomeAsync(actor, started.PaymentId, default);

        Assert.Equal(ResultKind.NotFound, byOther.Kind);
        Assert.Equal(CardPaymentState.Succeeded, own.Value!.State);
    }

    [Fact]
    public async Task PayBalance_WithCreditHeld_ChargesTheBalanceLessTheCredit_AndTheCreditPaysTheRest()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var older = await TestRecords.SentInvoiceAsync(db, customer.Id, 60m, due: new DateOnly(2026, 3, 1));
        var newer = await TestRecords.SentInvoiceAsync(db, customer.Id, 40m, due: new DateOnly(2026, 4, 1));
        await GiveCreditAsync(customer.Id, 30m);
        var actor = TestActors.Customer(customer.Id);

        var started = await Cards.StartAsync(actor, CardPaymentRequest.ForBalance("r1"), default);
        var outcome = await Cards.ConfirmAsync(actor, started.Value!.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);

        Assert.Equal(70m, started.Value.Amount);
        Assert.Equal(7000, started.Value.AmountMinor);
        Assert.Equal(CardPaymentState.Succeeded, outcome.Value!.State);
        await using var check = await _core.DbAsync();
        Assert.All(await check.Invoices.Where(i => i.Id == older.Id || i.Id == newer.Id).ToListAsync(),
            i => Assert.Equal((InvoiceStatus.Paid, 0m), (i.Status, i.AmountDue)));
        var balance = (await _core.Get<AccountBalanceService>().GetAsync(actor, customer.Id, default)).Value!;
        Assert.Equal((0m, 0m), (balance.AmountDue, balance.AvailableCredit));
        var creditPayment = await check.Payments.SingleAsync(p => p.Method == PaymentMethod.AccountCredit);
        Assert.Equal(30m, creditPayment.Amount);
        Assert.Equal(30m, creditPayment.Allocations.Sum(a => a.Amount));
        Assert.False((await check.Payments.SingleAsync(p => p.Id == started.Value.PaymentId)).NeedsReview);
        Assert.Equal(0m, (await check.CreditEntries.ToListAsync()).Sum(c => c.Amount));
    }

    [Fact]
    public async Task PayBalance_CreditCoversEverything_ChargesNothing()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        await TestRecords.SentInvoiceAsync(db, customer.Id, 20m);
        await GiveCreditAsync(customer.Id, 25m);

        var started = await Cards.StartAsync(TestActors.Customer(customer.Id), CardPaymentRequest.ForBalance("r1"), default);

        Assert.Equal(ResultKind.Conflict, started.Kind);
        Assert.Contains("covers everything", started.Message);
        Assert.Equal(0, Simulated.IntentCount);
    }

    [Fact]
    public async Task EstimateDeposit_MayBePaidWhileSentOrAccepted_UntilPaid_ByAUserWhoMayPay()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var estimate = await TestRecords.EstimateAsync(db, customer.Id, 1000m, deposit: 250m);
        var actor = TestActors.Customer(customer.Id);
        var estimates = _core.Get<CustomerPortal.Core.Estimates.EstimateService>();

        var sent = (await estimates.GetAsync(actor, estimate.Id, default)).Value!.Can;
        var cannotPay = (await estimates.GetAsync(actor with { CanPay = false }, estimate.Id, default)).Value!.Can;
        var started = await Cards.StartAsync(actor, CardPaymentRequest.ForDeposit(estimate.Id, "r1"), default);
        await Cards.ConfirmAsync(actor, started.Value!.PaymentId, Card(SimulatedPaymentProcessor.SuccessCard), default);
        var paid = (await estimates.GetAsync(actor, estimate.Id, default)).Value!.Can;

        Assert.True(sent.MayPayDeposit);
        Assert.False(cannotPay.MayPayDeposit);
        Assert.False(paid.MayPayDeposit);
    }

    [Fact]
    public async Task OptionsAsync_FollowTheCompanySettingsAndTheUsersPermissions()
    {
        var actor = TestActors.Customer(1);

        var all = await Cards.OptionsAsync(actor, default);
        var cannotPay = await Cards.OptionsAsync(actor with { CanPay = false }, default);
        var noPaymentsModule = await Cards.OptionsAsync(actor with { Modules = PortalModules.All & ~PortalModules.Payments }, default);
        await _core.UpdateCompanyAsync(c => c.ChangePaymentSettings(true, false, 0m, false, 10m, 500m));
        var noTopUps = await Cards.OptionsAsync(actor, default);
        await _core.UpdateCompanyAsync(c => c.ChangePaymentSettings(false, false, 0m, true, 10m, 500m));
        var noCards = await Cards.OptionsAsync(actor, default);

        Assert.Equal(new PortalPayOptions(true, true, true, 10m, 5000m), all);
        Assert.Equal((false, false, false), (cannotPay.MayPayInvoices, cannotPay.MayAddCredit, cannotPay.MayManageCards));
        Assert.Equal((true, false), (noPaymentsModule.MayPayInvoices, noPaymentsModule.MayAddCredit));
        Assert.Equal((true, false), (noTopUps.MayPayInvoices, noTopUps.MayAddCredit));
        Assert.Equal((false, false), (noCards.MayPayInvoices, noCards.MayAddCredit));
        Assert.Equal(ResultKind.Forbidden, (await Cards.StartAsync(actor with { CanPay = false }, CardPaymentRequest.TopUp(20m, "r"), default)).Kind);
    }

    private async Task GiveCreditAsync(int customerId, decimal amount)
    {
        var recorded = await _core.Get<PaymentService>().RecordAsync(CoreServices.Staff,
            new RecordPaymentInput(customerId, PaymentMethod.Cash, amount, new DateOnly(2026, 3, 10), "", "", []), default);
        Assert.True(recorded.Succeeded, recorded.Message);
    }

    private string Card(string number) => Simulated.CreatePaymentMethod(number, 12, 2030).Value!;

    private async Task<(Actor Actor, Invoice Invoice, CardPaymentStarted Started)> WaitingForChallengeAsync(decimal amount)
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, amount);
        var actor = TestActors.Customer(customer.Id);
        var started = (await Cards.StartAsync(actor, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default)).Value!;
        var outcome = await Cards.ConfirmAsync(actor, started.PaymentId, Card(SimulatedPaymentProcessor.ThreeDSecureCard), default);
        Assert.Equal(CardPaymentState.RequiresAction, outcome.Value!.State);
        return (actor, invoice, started);
    }
}
