using CustomerPortal.Core.Common;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Payments;

public sealed class PaymentRefundTests : IAsyncLifetime
{
    private CoreServices _core = null!;
    private PaymentService Payments => _core.Get<PaymentService>();
    private DateOnly Today => DateOnly.FromDateTime(_core.Clock.Now.UtcDateTime.AddHours(-5));

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task RefundAsync_Full_RestoresInvoiceExactlyAndMarksPaymentRefunded()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 250.37m);
        var paid = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 250.37m, AllocationInput.ToInvoice(invoice.Id, 250.37m)), default);

        var refund = await Payments.RefundAsync(CoreServices.Admin, paid.Value, 250.37m, "Wrong customer", Guid.NewGuid().ToString("N"), default);

        Assert.True(refund.Succeeded, refund.Message);
        await using var check = await _core.DbAsync();
        var saved = await check.Invoices.SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal((250.37m, 0m, InvoiceStatus.Sent), (saved.AmountDue, saved.AmountPaid, saved.Status));
        var payment = await check.Payments.SingleAsync(p => p.Id == paid.Value);
        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        Assert.Empty(payment.Allocations);
        Assert.Equal(250.37m, Assert.Single(payment.Refunds).Amount);
        Assert.Equal(invoice.Id, Assert.Single(payment.Refunds[0].Lines).InvoiceId);
        Assert.Contains(await check.AuditEvents.Select(a => a.Action).ToListAsync(), a => a == "payment.refunded");
        Assert.Equal(250.37m, (await _core.Get<AccountBalanceService>().GetAsync(CoreServices.Staff, customer.Id, default)).Value!.AmountDue);
    }

    [Fact]
    public async Task RefundAsync_Partial_TakesCreditPartFirstThenNewestAllocation()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var older = await TestRecords.SentInvoiceAsync(db, customer.Id, 100m);
        var newer = await TestRecords.SentInvoiceAsync(db, customer.Id, 50m);
        var paid = await Payments.RecordAsync(CoreServices.Staff,
            Input(customer.Id, 180m, AllocationInput.ToInvoice(older.Id, 100m), AllocationInput.ToInvoice(newer.Id, 50m)), default);

        var first = await Payments.RefundAsync(CoreServices.Admin, paid.Value, 40m, "", Guid.NewGuid().ToString("N"), default);

        Assert.True(first.Succeeded, first.Message);
        await using (var check = await _core.DbAsync())
        {
            Assert.Equal(0m, (await check.Invoices.SingleAsync(i => i.Id == older.Id)).AmountDue);
            var newerSaved = await check.Invoices.SingleAsync(i => i.Id == newer.Id);
            Assert.Equal((10m, InvoiceStatus.PartiallyPaid), (newerSaved.AmountDue, newerSaved.Status));
            var payment = await check.Payments.SingleAsync(p => p.Id == paid.Value);
            Assert.True(payment.IsPartlyRefunded);
            Assert.Equal(PaymentStatus.Succeeded, payment.Status);
            Assert.Equal(140m, payment.NetAmount);
            var entries = await check.CreditEntries.OrderBy(c => c.Id).Select(c => new { c.Amount, c.Reason }).ToListAsync();
            Assert.Equal([(30m, CreditReason.Overpayment), (-30m, CreditReason.Refund)], entries.Select(e => (e.Amount, e.Reason)));
        }

        var rest = await Payments.RefundAsync(CoreServices.Admin, paid.Value, 140m, "", Guid.NewGuid().ToString("N"), default);
        var more = await Payments.RefundAsync(CoreServices.Admin, paid.Value, 0.01m, "", Guid.NewGuid().ToString("N"), default);

        Assert.True(rest.Succeeded, rest.Message);
        Assert.Equal(ResultKind.Conflict, more.Kind);
        await using var final = await _core.DbAsync();
        Assert.Equal([100m, 50m], await final.Invoices.OrderBy(i => i.Id).Select(i => i.AmountDue).ToListAsync());
        Assert.All(await final.Invoices.ToListAsync(), i => Assert.Equal(InvoiceStatus.Sent, i.Status));
        Assert.Equal(PaymentStatus.Refunded, (await final.Payments.SingleAsync()).Status);
        Assert.Equal(180m, await final.PaymentRefunds.SumAsync(r => r.Amount));
    }

    [Theory]
    [InlineData(100.01)]
    [InlineData(1000)]
    public async Task RefundAsync_MoreThanWasPaid_IsRefusedAndChangesNothing(decimal amount)
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 100m);
        var paid = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 100m, AllocationInput.ToInvoice(invoice.Id, 100m)), default);

        var refund = await Payments.RefundAsync(CoreServices.Admin, paid.Value, amount, "", Guid.NewGuid().ToString("N"), default);

        Assert.Equal(ResultKind.Invalid, refund.Kind);
        await using var check = await _core.DbAsync();
        Assert.Empty(await check.PaymentRefunds.ToListAsync());
        Assert.Equal(InvoiceStatus.Paid, (await check.Invoices.SingleAsync()).Status);
    }

    [Fact]
    public async Task RefundAsync_SeveralParts_NeverAddUpToMoreThanThePayment()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 100m);
        var paid = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 100m, AllocationInput.ToInvoice(invoice.Id, 100m)), default);

        var results = new List<Result<int>>();
        foreach (var part in new[] { 30m, 30m, 30m, 30m, 10m, 10m })
            results.Add(await Payments.RefundAsync(CoreServices.Admin, paid.Value, part, "", Guid.NewGuid().ToString("N"), default));

        Assert.Equal([true, true, true, false, true, false], results.Select(r => r.Succeeded));
        await using var check = await _core.DbAsync();
        Assert.Equal(100m, await check.PaymentRefunds.SumAsync(r => r.Amount));
        Assert.Equal(100m, (await check.Invoices.SingleAsync()).AmountDue);
    }

    [Fact]
    public async Task RefundAsync_CreditAlreadyUsed_RefundsOnlyWhatCanBeTakenBackUntilTheCreditPaymentIsRefunded()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var topUp = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 100m), default);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 60m);
        var applied = await Payments.ApplyCreditAsync(CoreServices.Staff, customer.Id, invoice.Id, 60m, default);

        var tooMuch = await Payments.RefundAsync(CoreServices.Admin, topUp.Value, 100m, "", Guid.NewGuid().ToString("N"), default);
        var creditBack = await Payments.RefundAsync(CoreServices.Admin, applied.Value, 60m, "Applied by mistake", Guid.NewGuid().ToString("N"), default);
        var all = await Payments.RefundAsync(CoreServices.Admin, topUp.Value, 100m, "", Guid.NewGuid().ToString("N"), default);

        Assert.Equal(ResultKind.Conflict, tooMuch.Kind);
        Assert.Contains("40.00", tooMuch.Message);
        Assert.True(creditBack.Succeeded, creditBack.Message);
        Assert.True(all.Succeeded, all.Message);
        await using var check = await _core.DbAsync();
        Assert.Equal((60m, InvoiceStatus.Sent), await check.Invoices.Select(i => new ValueTuple<decimal, InvoiceStatus>(i.AmountDue, i.Status)).SingleAsync());
        var ledger = await check.CreditEntries.Select(c => c.Amount).ToListAsync();
        Assert.Equal([100m, -60m, 60m, -100m], ledger);
        Assert.Equal(0m, (await _core.Get<AccountBalanceService>().GetAsync(CoreServices.Staff, customer.Id, default)).Value!.AvailableCredit);
    }

    [Fact]
    public async Task RefundAsync_DepositPayment_LowersDepositPaidAgain()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var estimate = await TestRecords.EstimateAsync(db, customer.Id, 1000m, deposit: 250m);
        var paid = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 250m, AllocationInput.ToDeposit(estimate.Id, 250m)), default);

        var refund = await Payments.RefundAsync(CoreServices.Admin, paid.Value, 100m, "", Guid.NewGuid().ToString("N"), default);

        Assert.True(refund.Succeeded, refund.Message);
        await using var check = await _core.DbAsync();
        Assert.Equal(150m, (await check.Estimates.SingleAsync()).DepositPaid);
    }

    [Fact]
    public async Task RefundAsync_ByPortalUser_IsForbidden()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var paid = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 10m), default);

        var refund = await Payments.RefundAsync(TestActors.Customer(customer.Id), paid.Value, 10m, "", "dialog-1", default);
        var byStaff = await Payments.RefundAsync(CoreServices.Staff, paid.Value, 10m, "", "dialog-2", default);

        Assert.Equal(ResultKind.Forbidden, refund.Kind);
        // Any staff member records payments; only admins (owner, office manager) give money back.
        Assert.Equal(ResultKind.Forbidden, byStaff.Kind);
        await using var check = await _core.DbAsync();
        Assert.Empty(await check.PaymentRefunds.ToListAsync());
    }

    [Fact]
    public async Task RefundAsync_SameRequestIdAgain_ReturnsTheSameRefundAndGivesBackOnce()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 100m);
        var paid = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 100m, AllocationInput.ToInvoice(invoice.Id, 100m)), default);

        var first = await Payments.RefundAsync(CoreServices.Admin, paid.Value, 40m, "Double click", "dialog-1", default);
        var second = await Payments.RefundAsync(CoreServices.Admin, paid.Value, 40m, "Double click", "dialog-1", default);
        var other = await Payments.RefundAsync(CoreServices.Admin, paid.Value, 10m, "A second refund", "dialog-2", default);

        Assert.True(first.Succeeded, first.Message);
        Assert.Equal(first.Value, second.Value);
        Assert.NotEqual(first.Value, other.Value);
        await using var check = await _core.DbAsync();
        Assert.Equal([("dialog-1", 40m), ("dialog-2", 10m)],
            (await check.PaymentRefunds.OrderBy(r => r.Id).ToListAsync()).Select(r => (r.RequestId, r.Amount)));
        Assert.Equal(50m, (await check.Invoices.SingleAsync()).AmountDue);
    }

    [Fact]
    public async Task MarkReviewedAsync_FlaggedPayment_ClearsTheFlagKeepsTheNoteAndAudits()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var paid = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 10m), default);
        await db.Payments.Where(p => p.Id == paid.Value).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.NeedsReview, true).SetProperty(p => p.ReviewNote, "10.00 more than was owed went to account credit."));

        var reviewed = await Payments.MarkReviewedAsync(CoreServices.Staff, paid.Value, default);
        var again = await Payments.MarkReviewedAsync(CoreServices.Staff, paid.Value, default);

        Assert.True(reviewed.Succeeded, reviewed.Message);
        Assert.Equal(ResultKind.Conflict, again.Kind);
        Assert.Equal(ResultKind.Forbidden, (await Payments.MarkReviewedAsync(TestActors.Customer(customer.Id), paid.Value, default)).Kind);
        await using var check = await _core.DbAsync();
        var payment = await check.Payments.SingleAsync();
        Assert.Equal((false, "10.00 more than was owed went to account credit."), (payment.NeedsReview, payment.ReviewNote));
        Assert.Contains("payment.reviewed", await check.AuditEvents.Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task GetAndList_PartlyRefundedPayment_ShowItsRefundsAndStatus()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 100m);
        var paid = await Payments.RecordAsync(CoreServices.Staff, Input(customer.Id, 100m, AllocationInput.ToInvoice(invoice.Id, 100m)), default);
        await Payments.RefundAsync(CoreServices.Admin, paid.Value, 25m, "Goodwill", Guid.NewGuid().ToString("N"), default);

        var staffView = (await Payments.GetAsync(CoreServices.Staff, paid.Value, default)).Value!;
        var customerView = (await Payments.GetAsync(TestActors.Customer(customer.Id), paid.Value, default)).Value!;
        var listed = Assert.Single((await Payments.ListAsync(CoreServices.Staff, new PaymentListQuery(), default)).Value!.Items);
        var flagged = (await Payments.ListAsync(CoreServices.Staff, new PaymentListQuery { NeedsReviewOnly = true }, default)).Value!;

        Assert.Equal(("Partly refunded", 25m), (staffView.StatusText, staffView.RefundedAmount));
        Assert.Equal("Goodwill", Assert.Single(staffView.Refunds!).Reason);
        Assert.NotNull(staffView.Staff);
        Assert.Null(customerView.Staff);
        Assert.Equal("Partly refunded", customerView.StatusText);
        Assert.Equal(75m, customerView.AllocatedAmount);
        Assert.Equal("Partly refunded", listed.StatusText);
        Assert.Empty(flagged.Items);
    }

    private RecordPaymentInput Input(int customerId, decimal amount, params AllocationInput[] allocations) =>
        new(customerId, PaymentMethod.Check, amount, Today, "Check 77", "", allocations);
}
