using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Insights;

/// <summary>The payment time figures rest on what the payment services write on the invoice they settle.</summary>
public sealed class InvoiceSettlementTests : IAsyncLifetime
{
    private CoreServices _core = null!;

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task ManualPayment_ThatSettlesTheInvoice_SetsPaidAtToItsReceivedTime_NotThroughPortal()
    {
        var (customerId, invoice) = await InvoiceAsync(300m);
        var payments = _core.Get<PaymentService>();
        // Today in the default company zone (New York) is Mar 10, 2026; a part payment yesterday, the rest today.
        var today = new DateOnly(2026, 3, 10);
        await payments.RecordAsync(CoreServices.Staff, Input(customerId, 100m, today.AddDays(-1), invoice.Id), default);
        await using (var db = await _core.DbAsync())
            Assert.Null((await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).PaidAtUtc);

        var settled = await payments.RecordAsync(CoreServices.Staff, Input(customerId, 200m, today, invoice.Id), default);

        Assert.True(settled.Succeeded, settled.Message);
        await using var check = await _core.DbAsync();
        var saved = await check.Invoices.SingleAsync(i => i.Id == invoice.Id);
        var payment = await check.Payments.SingleAsync(p => p.Id == settled.Value);
        Assert.Equal(InvoiceStatus.Paid, saved.Status);
        Assert.Equal(_core.Clock.Now.UtcDateTime, payment.ReceivedAtUtc);
        Assert.Equal(payment.ReceivedAtUtc, saved.PaidAtUtc);
        Assert.False(saved.PaidThroughPortal);
    }

    [Fact]
    public async Task PortalCardPayment_ThatSettlesTheInvoice_SetsPaidAtAndThroughPortal()
    {
        var (customerId, invoice) = await InvoiceAsync(120.50m);
        var cards = _core.Get<CardPaymentService>();
        var customer = TestActors.Customer(customerId);
        var card = _core.Get<SimulatedPaymentProcessor>().CreatePaymentMethod(SimulatedPaymentProcessor.SuccessCard, 12, 2030).Value!;

        var started = await cards.StartAsync(customer, CardPaymentRequest.ForInvoice(invoice.Id, "req-1"), default);
        var outcome = await cards.ConfirmAsync(customer, started.Value!.PaymentId, card, default);

        Assert.Equal(CardPaymentState.Succeeded, outcome.Value!.State);
        await using var db = await _core.DbAsync();
        var saved = await db.Invoices.SingleAsync(i => i.Id == invoice.Id);
        var payment = await db.Payments.SingleAsync(p => p.Id == started.Value.PaymentId);
        Assert.Equal(customer.PortalUserId, payment.PaidByPortalUserId);
        Assert.Equal(payment.ReceivedAtUtc, saved.PaidAtUtc);
        Assert.True(saved.PaidThroughPortal);
    }

    private static RecordPaymentInput Input(int customerId, decimal amount, DateOnly receivedOn, int invoiceId) =>
        new(customerId, PaymentMethod.Check, amount, receivedOn, "Check 1234", "", [AllocationInput.ToInvoice(invoiceId, amount)]);

    private async Task<(int CustomerId, Invoice Invoice)> InvoiceAsync(decimal amount)
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        return (customer.Id, await TestRecords.SentInvoiceAsync(db, customer.Id, amount));
    }
}
