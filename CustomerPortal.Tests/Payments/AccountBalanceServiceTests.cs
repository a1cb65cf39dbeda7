using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Payments;

namespace CustomerPortal.Tests.Payments;

public sealed class AccountBalanceServiceTests : IAsyncLifetime
{
    private static readonly DateOnly PastDue = new(2026, 3, 1);
    private CoreServices _core = null!;
    private AccountBalanceService Balances => _core.Get<AccountBalanceService>();
    private PaymentService Payments => _core.Get<PaymentService>();

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task GetAsync_InvoicesPartialPaymentsAndCredit_AddsUpFromAllocationsAndLedger()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var other = await TestRecords.CustomerAsync(db, "Other");
        var current = await TestRecords.SentInvoiceAsync(db, customer.Id, 300m);
        var late = await TestRecords.SentInvoiceAsync(db, customer.Id, 200m, due: PastDue);
        await TestRecords.DraftInvoiceAsync(db, customer.Id, 999m);
        await TestRecords.SentInvoiceAsync(db, other.Id, 500m, due: PastDue);

        // 100 toward the current invoice, 50 toward the late one, 30 left over as credit.
        Assert.True((await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 180m,
            AllocationInput.ToInvoice(current.Id, 100m), AllocationInput.ToInvoice(late.Id, 50m)), default)).Succeeded);
        // 20 of that credit then pays more of the late invoice.
        Assert.True((await Payments.ApplyCreditAsync(CoreServices.Staff, customer.Id, late.Id, 20m, default)).Succeeded);

        var balance = (await Balances.GetAsync(CoreServices.Staff, customer.Id, default)).Value!;

        Assert.Equal(new AccountBalance(AmountDue: 200m + 130m, Overdue: 130m, AvailableCredit: 10m, UnpaidInvoices: 2, OverdueInvoices: 1), balance);
    }

    [Fact]
    public async Task GetAsync_RefundOfCredit_ReducesAvailableCredit()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var payment = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 75m), default);
        db.CreditEntries.Add(new CreditEntry(customer.Id, DateTime.UtcNow, -45m, CreditReason.Refund, payment.Value, null, "Refunded by check"));
        await db.SaveChangesAsync();

        var balance = (await Balances.GetAsync(CoreServices.Staff, customer.Id, default)).Value!;

        Assert.Equal(30m, balance.AvailableCredit);
        Assert.Equal(0m, balance.AmountDue);
    }

    [Fact]
    public async Task GetAsync_FailedPaymentAllocation_DoesNotReduceWhatIsDue()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 120m);
        var failed = new Payment("PAY-F1", customer.Id, DateTime.UtcNow, PaymentMethod.Card, 120m, "Visa 4242", PaymentStatus.Pending, null, null);
        failed.AllocateToInvoice(invoice.Id, 120m);
        failed.MarkFailed();
        db.Payments.Add(failed);
        await db.SaveChangesAsync();

        var balance = (await Balances.GetAsync(CoreServices.Staff, customer.Id, default)).Value!;

        Assert.Equal(120m, balance.AmountDue);
        Assert.Equal(1, balance.UnpaidInvoices);
    }

    [Theory]
    [InlineData(PortalModules.All, true, true)]
    [InlineData(PortalModules.Invoices, true, false)]
    [InlineData(PortalModules.Payments, false, true)]
    public async Task GetAsync_Customer_SeesOnlyTheFiguresOfTheirModules(PortalModules modules, bool invoices, bool credit)
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        await TestRecords.SentInvoiceAsync(db, customer.Id, 80m);
        await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 15m), default);

        var balance = (await Balances.GetAsync(TestActors.Customer(customer.Id, modules), customer.Id, default)).Value!;

        Assert.Equal(invoices ? 80m : 0m, balance.AmountDue);
        Assert.Equal(credit ? 15m : 0m, balance.AvailableCredit);
        Assert.Equal(invoices, balance.IncludesInvoices);
        Assert.Equal(credit, balance.IncludesCredit);
    }

    [Fact]
    public async Task GetAsync_AnotherCustomersAccount_IsNotFound()
    {
        await using var db = await _core.DbAsync();
        var mine = await TestRecords.CustomerAsync(db);
        var theirs = await TestRecords.CustomerAsync(db, "Other");

        var result = await Balances.GetAsync(TestActors.Customer(mine.Id), theirs.Id, default);

        Assert.Equal(ResultKind.NotFound, result.Kind);
    }

    private static RecordPaymentInput Input(int customerId, decimal amount, params AllocationInput[] allocations) =>
        new(customerId, PaymentMethod.Check, amount, new DateOnly(2026, 3, 9), "Check 100", "", allocations);
}
