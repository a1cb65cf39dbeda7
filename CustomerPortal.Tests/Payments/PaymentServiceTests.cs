using CustomerPortal.Core.Common;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Payments;

public sealed class PaymentServiceTests : IAsyncLifetime
{
    private readonly FailOnCreditEntry _failure = new();
    private CoreServices _core = null!;
    private PaymentService Payments => _core.Get<PaymentService>();
    private DateOnly Today => DateOnly.FromDateTime(_core.Clock.Now.UtcDateTime.AddHours(-5));

    public async Task InitializeAsync() =>
        _core = await CoreServices.StartAsync(services => services.ConfigureDbContext<Core.Data.PortalDbContext>(o => o.AddInterceptors(_failure)));

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task RecordAsync_PaysInvoiceInFull_MarksInvoicePaidAndNumbersPayment()
    {
        var (customerId, invoice) = await CustomerWithInvoiceAsync(250m);

        var result = await Payments.RecordAsync(CoreServices.Staff, Input(customerId, 250m, AllocationInput.ToInvoice(invoice.Id, 250m)), default);

        Assert.True(result.Succeeded, result.Message);
        await using var db = await _core.DbAsync();
        var payment = await db.Payments.SingleAsync(p => p.Id == result.Value);
        Assert.StartsWith("PAY-", payment.Number);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        var saved = await db.Invoices.SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal(InvoiceStatus.Paid, saved.Status);
        Assert.Equal(250m, saved.AmountPaid);
        Assert.Equal(0m, saved.AmountDue);
        Assert.Empty(await db.CreditEntries.ToListAsync());
    }

    [Fact]
    public async Task RecordAsync_PartOfInvoice_MarksInvoicePartiallyPaid()
    {
        var (customerId, invoice) = await CustomerWithInvoiceAsync(300m);

        var result = await Payments.RecordAsync(CoreServices.Staff, Input(customerId, 100m, AllocationInput.ToInvoice(invoice.Id, 100m)), default);

        Assert.True(result.Succeeded, result.Message);
        await using var db = await _core.DbAsync();
        var saved = await db.Invoices.SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal(InvoiceStatus.PartiallyPaid, saved.Status);
        Assert.Equal(200m, saved.AmountDue);
    }

    [Fact]
    public async Task RecordAsync_SecondPaymentSettlesRest_AmountPaidIsSumOfAllocations()
    {
        var (customerId, invoice) = await CustomerWithInvoiceAsync(300m);
        await Payments.RecordAsync(CoreServices.Staff, Input(customerId, 100m, AllocationInput.ToInvoice(invoice.Id, 100m)), default);

        var second = await Payments.RecordAsync(CoreServices.Staff, Input(customerId, 200m, AllocationInput.ToInvoice(invoice.Id, 200m)), default);

        Assert.True(second.Succeeded, second.Message);
        await using var db = await _core.DbAsync();
        var saved = await db.Invoices.SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal(300m, saved.AmountPaid);
        Assert.Equal(InvoiceStatus.Paid, saved.Status);
    }

    [Fact]
    public async Task RecordAsync_AllocationAboveAmountDue_IsRefusedAndWritesNothing()
    {
        var (customerId, invoice) = await CustomerWithInvoiceAsync(80m);

        var result = await Payments.RecordAsync(CoreServices.Staff, Input(customerId, 100m, AllocationInput.ToInvoice(invoice.Id, 100m)), default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Contains(invoice.Number, result.Message);
        await AssertNoPaymentWrittenAsync(invoice.Id);
    }

    [Fact]
    public async Task RecordAsync_AllocationsAddingUpToMoreThanPayment_IsRefused()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var first = await TestRecords.SentInvoiceAsync(db, customer.Id, 100m);
        var second = await TestRecords.SentInvoiceAsync(db, customer.Id, 100m);

        var result = await Payments.RecordAsync(CoreServices.Staff,
            Input(customer.Id, 150m, AllocationInput.ToInvoice(first.Id, 100m), AllocationInput.ToInvoice(second.Id, 60m)), default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Contains("more than the payment", result.Message);
        await AssertNoPaymentWrittenAsync(first.Id);
    }

    [Fact]
    public async Task RecordAsync_SplitOverTwoInvoices_PaysBoth()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var first = await TestRecords.SentInvoiceAsync(db, customer.Id, 100m);
        var second = await TestRecords.SentInvoiceAsync(db, customer.Id, 50m);

        var result = await Payments.RecordAsync(CoreServices.Staff,
            Input(customer.Id, 130m, AllocationInput.ToInvoice(first.Id, 100m), AllocationInput.ToInvoice(second.Id, 30m)), default);

        Assert.True(result.Succeeded, result.Message);
        await using var check = await _core.DbAsync();
        Assert.Equal(InvoiceStatus.Paid, (await check.Invoices.SingleAsync(i => i.Id == first.Id)).Status);
        Assert.Equal(20m, (await check.Invoices.SingleAsync(i => i.Id == second.Id)).AmountDue);
    }

    [Fact]
    public async Task RecordAsync_Overpayment_BecomesAccountCredit()
    {
        var (customerId, invoice) = await CustomerWithInvoiceAsync(120m);

        var result = await Payments.RecordAsync(CoreServices.Staff, Input(customerId, 200m, AllocationInput.ToInvoice(invoice.Id, 120m)), default);

        Assert.True(result.Succeeded, result.Message);
        await using var db = await _core.DbAsync();
        var entry = await db.CreditEntries.SingleAsync();
        Assert.Equal(80m, entry.Amount);
        Assert.Equal(CreditReason.Overpayment, entry.Reason);
        Assert.Equal(result.Value, entry.PaymentId);
        Assert.Equal(80m, (await _core.Get<AccountBalanceService>().GetAsync(CoreServices.Staff, customerId, default)).Value!.AvailableCredit);
        var receipt = await Payments.GetAsync(CoreServices.Staff, result.Value, default);
        Assert.Equal(80m, receipt.Value!.CreditAdded);
    }

    [Fact]
    public async Task RecordAsync_WithoutAllocations_PutsWholeAmountOnCredit()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);

        var result = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 75m), default);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(75m, (await _core.Get<AccountBalanceService>().GetAsync(CoreServices.Staff, customer.Id, default)).Value!.AvailableCredit);
    }

    [Fact]
    public async Task RecordAsync_DepositAllocation_AddsToEstimateDepositPaid()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var estimate = await TestRecords.EstimateAsync(db, customer.Id, 1000m, deposit: 250m);

        var tooMuch = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 300m, AllocationInput.ToDeposit(estimate.Id, 300m)), default);
        var result = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 250m, AllocationInput.ToDeposit(estimate.Id, 250m)), default);

        Assert.Equal(ResultKind.Invalid, tooMuch.Kind);
        Assert.True(result.Succeeded, result.Message);
        await using var check = await _core.DbAsync();
        Assert.Equal(250m, (await check.Estimates.SingleAsync(e => e.Id == estimate.Id)).DepositPaid);
    }

    [Fact]
    public async Task RecordAsync_InvoiceOfAnotherCustomer_IsRefused()
    {
        var (_, invoice) = await CustomerWithInvoiceAsync(100m);
        await using var db = await _core.DbAsync();
        var other = await TestRecords.CustomerAsync(db, "Other");

        var result = await Payments.RecordAsync(CoreServices.Staff, Input(other.Id, 100m, AllocationInput.ToInvoice(invoice.Id, 100m)), default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        await AssertNoPaymentWrittenAsync(invoice.Id);
    }

    [Fact]
    public async Task RecordAsync_DraftInvoice_IsRefused()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var draft = await TestRecords.DraftInvoiceAsync(db, customer.Id, 100m);

        var result = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 100m, AllocationInput.ToInvoice(draft.Id, 100m)), default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10.001)]
    public async Task RecordAsync_AmountNotPositiveWholeCents_IsRefused(decimal amount)
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);

        var result = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, amount), default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
    }

    [Fact]
    public async Task RecordAsync_ByPortalUser_IsForbidden()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);

        var result = await Payments.RecordAsync(TestActors.Customer(customer.Id), Input(customer.Id, 10m), default);

        Assert.Equal(ResultKind.Forbidden, result.Kind);
    }

    [Fact]
    public async Task RecordAsync_FailureAfterPaymentIsSaved_RollsBackEverything()
    {
        var (customerId, invoice) = await CustomerWithInvoiceAsync(100m);
        _failure.Armed = true;

        // 100 allocated and 50 left over: the credit entry is written in the second save, which fails.
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Payments.RecordAsync(CoreServices.Staff, Input(customerId, 150m, AllocationInput.ToInvoice(invoice.Id, 100m)), default));

        Assert.True(_failure.Tripped);
        await AssertNoPaymentWrittenAsync(invoice.Id);
        _failure.Armed = false;
        var next = await Payments.RecordAsync(CoreServices.Staff, Input(customerId, 10m, AllocationInput.ToInvoice(invoice.Id, 10m)), default);
        await using var db = await _core.DbAsync();
        Assert.Equal("PAY-1001", (await db.Payments.SingleAsync(p => p.Id == next.Value)).Number);
    }

    [Fact]
    public async Task ApplyCreditAsync_UsesCreditToPayInvoice()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 100m), default);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 60m);

        var result = await Payments.ApplyCreditAsync(CoreServices.Staff, customer.Id, invoice.Id, 60m, default);

        Assert.True(result.Succeeded, result.Message);
        await using var check = await _core.DbAsync();
        var payment = await check.Payments.SingleAsync(p => p.Id == result.Value);
        Assert.Equal(PaymentMethod.AccountCredit, payment.Method);
        Assert.Equal(invoice.Id, Assert.Single(payment.Allocations).InvoiceId);
        var used = await check.CreditEntries.SingleAsync(c => c.Reason == CreditReason.AppliedToInvoice);
        Assert.Equal(-60m, used.Amount);
        Assert.Equal(invoice.Id, used.InvoiceId);
        Assert.Equal(40m, (await _core.Get<AccountBalanceService>().GetAsync(CoreServices.Staff, customer.Id, default)).Value!.AvailableCredit);
        Assert.Equal(InvoiceStatus.Paid, (await check.Invoices.SingleAsync(i => i.Id == invoice.Id)).Status);
    }

    [Fact]
    public async Task ApplyCreditAsync_MoreThanBalance_IsRefused()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 20m), default);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 60m);

        var result = await Payments.ApplyCreditAsync(CoreServices.Staff, customer.Id, invoice.Id, 30m, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Contains("20.00", result.Message);
        Assert.Equal(20m, (await _core.Get<AccountBalanceService>().GetAsync(CoreServices.Staff, customer.Id, default)).Value!.AvailableCredit);
    }

    [Fact]
    public async Task PortalListAsync_ShowsOwnPaymentsWithWhatTheyPaid()
    {
        var (customerId, invoice) = await CustomerWithInvoiceAsync(100m);
        await Payments.RecordAsync(CoreServices.Staff, Input(customerId, 130m, AllocationInput.ToInvoice(invoice.Id, 100m)), default);
        await using var db = await _core.DbAsync();
        var other = await TestRecords.CustomerAsync(db, "Other");
        await Payments.RecordAsync(CoreServices.Staff, Input(other.Id, 5m), default);

        var rows = (await Payments.PortalListAsync(TestActors.Customer(customerId), default)).Value!;

        var row = Assert.Single(rows);
        Assert.Equal(130m, row.Amount);
        Assert.Equal([invoice.Number, "Account credit"], row.Paid);
    }

    [Fact]
    public async Task GetAsync_AnotherCustomersPayment_IsNotFoundForPortalUser()
    {
        var (customerId, _) = await CustomerWithInvoiceAsync(100m);
        await using var db = await _core.DbAsync();
        var other = await TestRecords.CustomerAsync(db, "Other");
        var theirs = await Payments.RecordAsync(CoreServices.Staff, Input(other.Id, 5m), default);

        var result = await Payments.GetAsync(TestActors.Customer(customerId), theirs.Value, default);
        var withoutModule = await Payments.GetAsync(TestActors.Customer(other.Id, Core.Access.PortalModules.All & ~Core.Access.PortalModules.Payments), theirs.Value, default);
        var own = await Payments.GetAsync(TestActors.Customer(other.Id), theirs.Value, default);

        Assert.Equal(ResultKind.NotFound, result.Kind);
        Assert.Equal(ResultKind.NotFound, withoutModule.Kind);
        Assert.True(own.Succeeded);
        Assert.Null(own.Value!.Notes);
    }

    private RecordPaymentInput Input(int customerId, decimal amount, params AllocationInput[] allocations) =>
        new(customerId, PaymentMethod.Check, amount, Today, "Check 1234", "Paid at the door", allocations);

    private async Task<(int CustomerId, Invoice Invoice)> CustomerWithInvoiceAsync(decimal amount)
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, amount);
        return (customer.Id, invoice);
    }

    private async Task AssertNoPaymentWrittenAsync(int invoiceId)
    {
        await using var db = await _core.DbAsync();
        Assert.Empty(await db.Payments.ToListAsync());
        Assert.Empty(await db.PaymentAllocations.ToListAsync());
        Assert.Empty(await db.CreditEntries.ToListAsync());
        var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
        Assert.Equal(0m, invoice.AmountPaid);
        Assert.Equal(InvoiceStatus.Sent, invoice.Status);
        Assert.Equal(1001, await db.DocumentNumberSequences.Where(s => s.Prefix == DocumentPrefixes.Payment).Select(s => s.NextValue).SingleAsync());
    }

    /// <summary>Stands in for a failure between the two saves of a payment (disk full, lost connection).</summary>
    private sealed class FailOnCreditEntry : SaveChangesInterceptor
    {
        public bool Armed { get; set; }
        public bool Tripped { get; private set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (Armed && eventData.Context!.ChangeTracker.Entries<CreditEntry>().Any(e => e.State == EntityState.Added))
            {
                Tripped = true;
                throw new InvalidOperationException("Simulated failure while saving.");
            }
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
