using CustomerPortal.Core.Access;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Documents;

/// <summary>Makes sent estimates, invoices and payments in a running app through its own services.</summary>
public static class DocumentData
{
    public static readonly Actor Staff = Actor.Staff(1, "Test Staff", StaffRole.Staff);

    public static async Task<(int Id, string Number)> SentEstimateAsync(PortalAppFactory app, int customerId, string title = "Replace water heater",
        DateOnly? expiresOn = null, string terms = "Payment due on completion.")
    {
        await using var scope = app.CreateScope();
        var estimates = scope.ServiceProvider.GetRequiredService<EstimateService>();
        var input = await estimates.NewInputAsync(customerId, default);
        input.Title = title;
        input.Terms = terms;
        if (expiresOn is not null) input.ExpiresOn = expiresOn;
        input.Lines = [Line("Water heater 50 gal", 1, 1200m, 8.25m), Line("Labour (hours)", 4, 95m, 0)];
        var created = await estimates.CreateAsync(Staff, input, default);
        if (!created.Succeeded) throw new InvalidOperationException(created.Message);
        var sent = await estimates.SendAsync(Staff, created.Value, default);
        if (!sent.Succeeded) throw new InvalidOperationException(sent.Message);
        return (created.Value, (await estimates.GetAsync(Staff, created.Value, default)).Value!.Number);
    }

    public static async Task<(int Id, string Number)> SentInvoiceAsync(PortalAppFactory app, int customerId, string title = "Boiler service", int lines = 1)
    {
        await using var scope = app.CreateScope();
        var invoices = scope.ServiceProvider.GetRequiredService<InvoiceService>();
        var input = await invoices.NewInputAsync(customerId, default);
        input.Title = title;
        input.Lines = Enumerable.Range(1, lines).Select(i => Line(lines == 1 ? "Annual boiler service" : $"Service item {i}", 1, 150m, 10m)).ToList();
        var created = await invoices.CreateAsync(Staff, input, default);
        if (!created.Succeeded) throw new InvalidOperationException(created.Message);
        var sent = await invoices.SendAsync(Staff, created.Value, default);
        if (!sent.Succeeded) throw new InvalidOperationException(sent.Message);
        return (created.Value, (await invoices.GetAsync(Staff, created.Value, default)).Value!.Number);
    }

    /// <summary>A payment by check, all of it allocated to the invoice.</summary>
    public static async Task<int> PaymentAsync(PortalAppFactory app, int customerId, int invoiceId, decimal amount)
    {
        await using var db = await app.CreateDbContextAsync();
        var payment = new Payment($"PAY-T{Guid.NewGuid():N}"[..14], customerId, DateTime.UtcNow, PaymentMethod.Check, amount, "Check 77", PaymentStatus.Succeeded, null, null);
        payment.AllocateToInvoice(invoiceId, amount);
        db.Payments.Add(payment);
        var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
        invoice.ApplyPayments(new InvoicePayments(invoice.AmountPaid + amount, payment.ReceivedAtUtc, false), DateOnly.FromDateTime(DateTime.UtcNow));
        await db.SaveChangesAsync();
        return payment.Id;
    }

    private static LineItemInput Line(string description, decimal quantity, decimal price, decimal tax) =>
        new() { Description = description, Quantity = quantity, UnitPrice = price, TaxRatePercent = tax };
}
