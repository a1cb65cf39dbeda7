using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Documents.Pdf;
using CustomerPortal.Core.Payments;

namespace CustomerPortal.Tests.Payments;

public sealed class StatementServiceTests : IAsyncLifetime
{
    private static readonly DateOnly March1 = new(2026, 3, 1);
    private static readonly DateOnly March31 = new(2026, 3, 31);
    private CoreServices _core = null!;
    private StatementService Statements => _core.Get<StatementService>();

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task StatementAsync_OpeningIsEverythingBefore_LinesRunToTheClosingBalance_WhichMatchesTheAccountBalance()
    {
        var customer = await AccountWithHistoryAsync("Refund <b>not bold</b>");

        var statement = (await Statements.StatementAsync(CoreServices.Staff, customer, March1, March31, default)).Value!;

        // Before March: invoices of 100 and 200, 60 paid in February.
        Assert.Equal(240m, statement.OpeningBalance);
        Assert.Equal(
            [(StatementLineKind.Payment, -250m, -10m), (StatementLineKind.Payment, -30m, -40m), (StatementLineKind.Refund, 20m, -20m)],
            statement.Lines.Select(l => (l.Kind, l.Amount, l.Balance)));
        Assert.Contains("Account credit added", statement.Lines[1].Description);
        Assert.Contains("Refund <b>not bold</b>", statement.Lines[2].Description);
        Assert.Equal(statement.OpeningBalance + statement.Lines.Sum(l => l.Amount), statement.ClosingBalance);
        Assert.Equal(statement.Lines[^1].Balance, statement.ClosingBalance);
        var balance = (await _core.Get<AccountBalanceService>().GetAsync(CoreServices.Staff, customer, default)).Value!;
        Assert.Equal(balance.AmountDue - balance.AvailableCredit, statement.ClosingBalance);

        var whole = (await Statements.StatementAsync(CoreServices.Staff, customer, new DateOnly(2025, 12, 1), March31, default)).Value!;
        Assert.Equal((0m, statement.ClosingBalance), (whole.OpeningBalance, whole.ClosingBalance));
        Assert.Equal([StatementLineKind.Invoice, StatementLineKind.Invoice, StatementLineKind.Payment], whole.Lines.Take(3).Select(l => l.Kind));
        var february = (await Statements.StatementAsync(CoreServices.Staff, customer, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), default)).Value!;
        Assert.Equal((300m, 240m), (february.OpeningBalance, february.ClosingBalance));
    }

    [Fact]
    public async Task StatementAsync_CreditUsedForAnInvoice_IsShownButLeavesTheBalance()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 80m);
        var payments = _core.Get<PaymentService>();
        await payments.RecordAsync(CoreServices.Staff, new RecordPaymentInput(customer.Id, PaymentMethod.Cash, 50m, new DateOnly(2026, 3, 10), "", "", []), default);
        await payments.ApplyCreditAsync(CoreServices.Staff, customer.Id, invoice.Id, 50m, default);

        var statement = (await Statements.StatementAsync(CoreServices.Staff, customer.Id, March1, March31, default)).Value!;

        Assert.Equal(80m, statement.OpeningBalance);
        Assert.Equal([(StatementLineKind.Payment, -50m, 30m), (StatementLineKind.CreditApplied, 0m, 30m)],
            statement.Lines.Select(l => (l.Kind, l.Amount, l.Balance)));
        Assert.Contains(invoice.Number, statement.Lines[1].Description);
    }

    [Fact]
    public async Task StatementAsync_PortalUsers_SeeOnlyTheirOwnAndNeedInvoicesAndPayments()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var other = await TestRecords.CustomerAsync(db, "Other");

        Assert.True((await Statements.StatementAsync(TestActors.Customer(customer.Id), customer.Id, March1, March31, default)).Succeeded);
        Assert.Equal(ResultKind.NotFound, (await Statements.StatementAsync(TestActors.Customer(other.Id), customer.Id, March1, March31, default)).Kind);
        Assert.Equal(ResultKind.NotFound,
            (await Statements.StatementAsync(TestActors.Customer(customer.Id, PortalModules.All & ~PortalModules.Payments), customer.Id, March1, March31, default)).Kind);
        Assert.Equal(ResultKind.NotFound,
            (await Statements.StatementAsync(TestActors.Customer(customer.Id, PortalModules.All & ~PortalModules.Invoices), customer.Id, March1, March31, default)).Kind);
        Assert.Equal(ResultKind.Invalid, (await Statements.StatementAsync(CoreServices.Staff, customer.Id, March31, March1, default)).Kind);
    }

    [Fact]
    public async Task StatementPdfAsync_ShowsTheLinesAndBalances_AndUserTextAsPlainText()
    {
        var customer = await AccountWithHistoryAsync("Refund <b>not bold</b> %PDF");

        var pdf = await _core.Get<DocumentPdfService>().StatementPdfAsync(TestActors.Customer(customer), customer, March1, March31, default);

        Assert.True(pdf.Succeeded, pdf.Message);
        var text = PdfTools.Text(pdf.Value!.Content);
        Assert.Contains("STATEMENT", text);
        Assert.Contains("Mar 1, 2026 to Mar 31", text);
        Assert.Contains("Statement date", text);
        Assert.Contains("Opening balance", text);
        Assert.Contains("$240.00", text);
        Assert.Contains("Refund <b>not bold</b> %PDF", text);
        Assert.Contains("Closing balance (in your favour)", text);
        Assert.Contains("-$20.00", text);
        Assert.Equal(ResultKind.NotFound,
            (await _core.Get<DocumentPdfService>().StatementPdfAsync(TestActors.Customer(customer + 1), customer, March1, March31, default)).Kind);
    }

    /// <summary>
    /// Invoices of 100 and 200 in January, 60 paid in February; in March (today is March 10) a check of 250 (200 to the
    /// second invoice, 50 to credit), a card top-up of 30 and a refund of 20 of the check.
    /// </summary>
    private async Task<int> AccountWithHistoryAsync(string refundReason)
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var first = await TestRecords.SentInvoiceAsync(db, customer.Id, 100m);
        var second = await TestRecords.SentInvoiceAsync(db, customer.Id, 200m);
        var payments = _core.Get<PaymentService>();
        await payments.RecordAsync(CoreServices.Staff, new RecordPaymentInput(customer.Id, PaymentMethod.Check, 60m, new DateOnly(2026, 2, 3), "Check 1", "",
            [AllocationInput.ToInvoice(first.Id, 60m)]), default);
        var check = await payments.RecordAsync(CoreServices.Staff, new RecordPaymentInput(customer.Id, PaymentMethod.Check, 250m, new DateOnly(2026, 3, 10),
            "Check 2", "", [AllocationInput.ToInvoice(second.Id, 200m)]), default);

        var cards = _core.Get<CardPaymentService>();
        var simulated = _core.Get<SimulatedPaymentProcessor>();
        var portalUser = TestActors.Customer(customer.Id);
        var topUp = (await cards.StartAsync(portalUser, CardPaymentRequest.TopUp(30m, "top-up-1"), default)).Value!;
        var confirmed = await cards.ConfirmAsync(portalUser, topUp.PaymentId,
            simulated.CreatePaymentMethod(SimulatedPaymentProcessor.SuccessCard, 12, 2030).Value!, default);
        Assert.Equal(CardPaymentState.Succeeded, confirmed.Value!.State);
        _core.Clock.Now = _core.Clock.Now.AddHours(1);
        var refund = await payments.RefundAsync(CoreServices.Admin, check.Value, 20m, refundReason, "dialog-1", default);
        Assert.True(refund.Succeeded, refund.Message);
        return customer.Id;
    }
}
