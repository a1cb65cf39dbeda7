using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Invoices;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Payments;

public enum StatementLineKind
{
    Invoice,
    Payment,
    Refund,

    /// <summary>Account credit used for an invoice, or given back: money moving inside the account, so the balance stays.</summary>
    CreditApplied,

    /// <summary>A credit correction by staff.</summary>
    CreditAdjustment,
}

/// <summary>
/// One line of a statement. <see cref="Amount"/> is its effect on what the customer owes (an invoice or refund adds, a
/// payment takes off, credit used for an invoice is zero); <see cref="Balance"/> is the running balance after it.
/// </summary>
public sealed record StatementLine(
    DateOnly Date, StatementLineKind Kind, string Reference, string Description, decimal Amount, decimal Balance, int? InvoiceId, int? PaymentId);

/// <summary>
/// A customer's account over a date range (company-local days, both included). A positive balance is owed by the
/// customer; a negative one is money they have with the company (account credit, prepaid deposits).
/// </summary>
public sealed record AccountStatement(
    int CustomerId, string CustomerName, DateOnly From, DateOnly To, DateOnly Today, decimal OpeningBalance, IReadOnlyList<StatementLine> Lines,
    decimal ClosingBalance)
{
    public decimal Charges => Lines.Where(l => l.Amount > 0).Sum(l => l.Amount);
    public decimal Received => -Lines.Where(l => l.Amount < 0).Sum(l => l.Amount);
}

/// <summary>
/// Account statements: every sent invoice, received payment, refund and credit movement of a customer in date order
/// with a running balance, for the portal and staff (page and PDF). Derived from the same invoices, payments and credit
/// ledger as <see cref="AccountBalanceService"/>; nothing of it is stored.
/// </summary>
public sealed class StatementService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings)
{
    public const int MaxDays = 5 * 366;
    public const int DefaultDays = 90;

    /// <summary>The range a statement covers when none is chosen: the last 90 days up to the company's today.</summary>
    public async Task<(DateOnly From, DateOnly To)> DefaultRangeAsync(CancellationToken ct)
    {
        var today = (await companySettings.GetAsync(ct)).Today(clock.GetUtcNow().UtcDateTime);
        return (today.AddDays(-DefaultDays), today);
    }

    /// <summary>Whether the actor may see statements at all (both invoices and payments visible), for showing the link to them.</summary>
    public bool MayView(Actor actor) => access.Can(actor, Operation.ViewInvoice) && access.Can(actor, Operation.ViewPayment);

    /// <summary>The statement from <paramref name="from"/> to <paramref name="to"/>; the opening balance is everything before <paramref name="from"/>.</summary>
    public async Task<Result<AccountStatement>> StatementAsync(Actor actor, int customerId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (!access.CanReachCustomer(actor, Operation.ViewInvoice, customerId) || !access.CanReachCustomer(actor, Operation.ViewPayment, customerId))
            return Result<AccountStatement>.From(actor.IsCustomer ? Result.NotFound() : Result.Forbidden());
        if (from > to) return Result<AccountStatement>.From(Result.Invalid("From", "The start date must be on or before the end date."));
        if (to.DayNumber - from.DayNumber > MaxDays) return Result<AccountStatement>.From(Result.Invalid("From", "A statement covers at most five years."));

        var company = await companySettings.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customerName = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.DisplayName).SingleOrDefaultAsync(ct);
        if (customerName is null) return Result<AccountStatement>.From(Result.NotFound());

        var endUtc = company.StartOfDayUtc(to.AddDays(1));
        var entries = await EntriesAsync(db, company, customerId, endUtc, ct);
        var opening = entries.Where(e => e.Date < from).Sum(e => e.Amount);
        var balance = opening;
        var lines = new List<StatementLine>();
        foreach (var entry in entries.Where(e => e.Date >= from))
        {
            balance += entry.Amount;
            lines.Add(new StatementLine(entry.Date, entry.Kind, entry.Reference, entry.Description, entry.Amount, balance, entry.InvoiceId, entry.PaymentId));
        }
        return new AccountStatement(customerId, customerName, from, to, company.Today(clock.GetUtcNow().UtcDateTime), opening, lines, balance);
    }

    private sealed record Entry(DateOnly Date, DateTime SortUtc, StatementLineKind Kind, string Reference, string Description, decimal Amount,
        int? InvoiceId, int? PaymentId);

    /// <summary>Everything up to <paramref name="endUtc"/>, in date order.</summary>
    private static async Task<List<Entry>> EntriesAsync(PortalDbContext db, CompanySettings company, int customerId, DateTime endUtc, CancellationToken ct)
    {
        string Money(decimal amount) => MoneyFormat.Format(amount, company.Currency);
        DateOnly Day(DateTime utc) => DateOnly.FromDateTime(company.ToLocal(utc));
        var entries = new List<Entry>();

        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void)
            .Select(i => new { i.Id, i.Number, i.Title, i.IssueDate, i.Total })
            .ToListAsync(ct);
        var invoiceNumbers = invoices.ToDictionary(i => i.Id, i => i.Number);
        foreach (var invoice in invoices)
        {
            var startUtc = company.StartOfDayUtc(invoice.IssueDate);
            if (startUtc >= endUtc) continue;
            entries.Add(new Entry(invoice.IssueDate, startUtc, StatementLineKind.Invoice, invoice.Number,
                invoice.Title.Length > 0 ? $"Invoice · {invoice.Title}" : "Invoice", invoice.Total, invoice.Id, null));
        }

        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.CustomerId == customerId && (p.Status == PaymentStatus.Succeeded || p.Status == PaymentStatus.Refunded) && p.ReceivedAtUtc < endUtc)
            .ToListAsync(ct);
        foreach (var payment in payments)
        {
            var paidInvoices = string.Join(", ", payment.Allocations.Where(a => a.InvoiceId is not null)
                .Select(a => invoiceNumbers.GetValueOrDefault(a.InvoiceId!.Value, "")).Where(n => n.Length > 0));
            if (payment.Method == PaymentMethod.AccountCredit)
            {
                entries.Add(new Entry(Day(payment.ReceivedAtUtc), payment.ReceivedAtUtc, StatementLineKind.CreditApplied, payment.Number,
                    $"{Money(payment.Amount)} of account credit used{(paidInvoices.Length > 0 ? $" for {paidInvoices}" : "")}", 0, null, payment.Id));
            }
            else
            {
                var what = payment.Purpose == PaymentPurpose.CreditTopUp ? "Account credit added"
                    : paidInvoices.Length > 0 ? $"Paid {paidInvoices}"
                    : payment.Allocations.Any(a => a.EstimateId is not null) ? "Estimate deposit"
                    : "Added to account credit";
                entries.Add(new Entry(Day(payment.ReceivedAtUtc), payment.ReceivedAtUtc, StatementLineKind.Payment, payment.Number,
                    $"{PaymentText.Of(payment.Method)} payment · {what}", -payment.Amount, null, payment.Id));
            }
            foreach (var refund in payment.Refunds.Where(r => r.AtUtc < endUtc))
            {
                var why = refund.Reason.Length > 0 ? $" · {refund.Reason}" : "";
                entries.Add(payment.Method == PaymentMethod.AccountCredit
                    ? new Entry(Day(refund.AtUtc), refund.AtUtc, StatementLineKind.CreditApplied, payment.Number,
                        $"{Money(refund.Amount)} of account credit given back{why}", 0, null, payment.Id)
                    : new Entry(Day(refund.AtUtc), refund.AtUtc, StatementLineKind.Refund, payment.Number, $"Refund{why}", refund.Amount, null, payment.Id));
            }
        }

        var adjustments = await db.CreditEntries.AsNoTracking()
            .Where(c => c.CustomerId == customerId && c.Reason == CreditReason.Adjustment && c.AtUtc < endUtc)
            .ToListAsync(ct);
        entries.AddRange(adjustments.Select(c => new Entry(Day(c.AtUtc), c.AtUtc, StatementLineKind.CreditAdjustment, "",
            c.Note.Length > 0 ? $"Account credit adjustment · {c.Note}" : "Account credit adjustment", -c.Amount, c.InvoiceId, c.PaymentId)));

        return entries.OrderBy(e => e.Date).ThenBy(e => e.SortUtc).ThenBy(e => e.Kind).ToList();
    }
}
