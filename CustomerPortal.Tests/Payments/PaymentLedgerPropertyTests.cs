using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Payments;

/// <summary>
/// Random manual payments, card payments, credit applied and refunds against one customer on the real database: after
/// every step the stored figures agree with the allocations and the ledger.
/// </summary>
public sealed class PaymentLedgerPropertyTests : IAsyncLifetime
{
    private CoreServices _core = null!;

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task RandomPaymentsCreditAndRefunds_KeepDueCreditAndAllocationsConsistent()
    {
        var random = new Random(31);
        var payments = _core.Get<PaymentService>();
        var cards = _core.Get<CardPaymentService>();
        var simulated = _core.Get<SimulatedPaymentProcessor>();
        await using var setup = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(setup);
        var actor = TestActors.Customer(customer.Id);
        var today = DateOnly.FromDateTime(_core.Clock.Now.UtcDateTime.AddHours(-5));
        for (var i = 0; i < 4; i++) await TestRecords.SentInvoiceAsync(setup, customer.Id, random.Next(1_000, 50_000) / 100m);

        for (var step = 0; step < 40; step++)
        {
            var open = (await payments.OpenItemsAsync(CoreServices.Staff, customer.Id, default)).Value!;
            var amount = random.Next(100, 30_000) / 100m;
            switch (random.Next(5))
            {
                case 0:
                    var plan = AllocationPlan.OldestFirst(amount, open);
                    await payments.RecordAsync(CoreServices.Staff,
                        new RecordPaymentInput(customer.Id, PaymentMethod.Cash, amount, today, "", "", plan), default);
                    break;
                case 1 when open.Invoices.Count > 0 && open.CreditBalance > 0:
                    var invoice = open.Invoices[random.Next(open.Invoices.Count)];
                    await payments.ApplyCreditAsync(CoreServices.Staff, customer.Id, invoice.Id,
                        Math.Min(Math.Min(amount, open.CreditBalance), invoice.AmountDue), default);
                    break;
                case 2 when open.Invoices.Count > 0:
                    var started = await cards.StartAsync(actor, CardPaymentRequest.ForBalance($"r{step}"), default);
                    if (started.Succeeded)
                        await cards.ConfirmAsync(actor, started.Value!.PaymentId, simulated.CreatePaymentMethod(SimulatedPaymentProcessor.SuccessCard, 1, 2031).Value!, default);
                    break;
                case 3:
                    var started2 = await cards.StartAsync(actor, CardPaymentRequest.TopUp(Math.Max(10m, Math.Min(amount, 5000m)), $"t{step}"), default);
                    await cards.ConfirmAsync(actor, started2.Value!.PaymentId, simulated.CreatePaymentMethod(SimulatedPaymentProcessor.SuccessCard, 1, 2031).Value!, default);
                    break;
                default:
                    await using (var db = await _core.DbAsync())
                    {
                        var refundable = await db.Payments.Where(p => p.Status == PaymentStatus.Succeeded).Select(p => p.Id).ToListAsync();
                        if (refundable.Count == 0) break;
                        // Some of these are refused (more than is left, credit already spent); a refusal must change nothing.
                        await payments.RefundAsync(CoreServices.Admin, refundable[random.Next(refundable.Count)], amount, "", Guid.NewGuid().ToString("N"), default);
                    }
                    break;
            }
            await AssertConsistentAsync(customer.Id, $"step {step}");
        }
    }

    private async Task AssertConsistentAsync(int customerId, string context)
    {
        await using var db = await _core.DbAsync();
        var all = await db.Payments.Where(p => p.CustomerId == customerId).ToListAsync();
        var succeeded = all.Where(p => p.Status == PaymentStatus.Succeeded).ToList();
        var ledger = await db.CreditEntries.Where(c => c.CustomerId == customerId).Select(c => c.Amount).ToListAsync();
        foreach (var payment in all)
        {
            Assert.True(payment.AllocatedAmount <= payment.NetAmount, $"{context}: {payment.Number} allocates more than it keeps");
            Assert.True(payment.RefundedAmount <= payment.Amount, $"{context}: {payment.Number} refunded more than paid");
        }
        foreach (var invoice in await db.Invoices.Where(i => i.CustomerId == customerId).ToListAsync())
        {
            var allocated = succeeded.SelectMany(p => p.Allocations).Where(a => a.InvoiceId == invoice.Id).Sum(a => a.Amount);
            Assert.True(invoice.AmountPaid == allocated, $"{context}: {invoice.Number} paid {invoice.AmountPaid}, allocations {allocated}");
            Assert.True(invoice.AmountDue == invoice.Total - allocated, $"{context}: {invoice.Number} due");
            Assert.True(invoice.AmountDue >= 0, context);
        }
        // The ledger holds what money payments did not allocate, less the credit used to pay invoices.
        var unallocated = succeeded.Where(p => p.Method != PaymentMethod.AccountCredit).Sum(p => p.UnallocatedAmount);
        var creditUsed = succeeded.Where(p => p.Method == PaymentMethod.AccountCredit).Sum(p => p.NetAmount);
        Assert.True(ledger.Sum() == unallocated - creditUsed, $"{context}: ledger {ledger.Sum()}, expected {unallocated - creditUsed}");
        var balance = (await _core.Get<AccountBalanceService>().GetAsync(CoreServices.Staff, customerId, default)).Value!;
        Assert.Equal(ledger.Sum(), balance.AvailableCredit);
        Assert.True(balance.AvailableCredit >= 0, context);
    }
}
