using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Invoices;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Payments;

/// <summary>
/// What a customer owes and holds. <see cref="AmountDue"/>: what their sent, unvoided invoices still owe after the
/// succeeded payments allocated to them; <see cref="Overdue"/>: the part of it past its due date; <see cref="AvailableCredit"/>:
/// the sum of their credit ledger. <see cref="IncludesInvoices"/> and <see cref="IncludesCredit"/> say which figures the
/// actor may see (the others are zero).
/// </summary>
public sealed record AccountBalance(
    decimal AmountDue, decimal Overdue, decimal AvailableCredit, int UnpaidInvoices, int OverdueInvoices,
    bool IncludesInvoices = true, bool IncludesCredit = true)
{
    public static readonly AccountBalance Empty = new(0, 0, 0, 0, 0);
}

/// <summary>
/// The one calculation of a customer's balance and credit, used by the portal dashboard and invoice pages, the staff
/// profile and payments. Derived each time from invoices, payment allocations and the append-only credit ledger;
/// nothing about it is stored twice.
/// </summary>
public sealed class AccountBalanceService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings)
{
    /// <summary>The customer's balance as the actor may see it: invoice figures need ViewInvoice, credit needs ViewPayment.</summary>
    public async Task<Result<AccountBalance>> GetAsync(Actor actor, int customerId, CancellationToken ct)
    {
        var invoices = access.CanReachCustomer(actor, Operation.ViewInvoice, customerId);
        var credit = access.CanReachCustomer(actor, Operation.ViewPayment, customerId);
        if (!invoices && !credit) return Result<AccountBalance>.From(actor.IsCustomer ? Result.NotFound() : Result.Forbidden());
        var company = await companySettings.GetAsync(ct);
        var today = company.Today(clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var balance = await ForCustomerAsync(db, customerId, today, ct);
        return balance with
        {
            AmountDue = invoices ? balance.AmountDue : 0,
            Overdue = invoices ? balance.Overdue : 0,
            UnpaidInvoices = invoices ? balance.UnpaidInvoices : 0,
            OverdueInvoices = invoices ? balance.OverdueInvoices : 0,
            IncludesInvoices = invoices,
            AvailableCredit = credit ? balance.AvailableCredit : 0,
            IncludesCredit = credit,
        };
    }

    /// <summary>The whole balance, read in the caller's context (and transaction), with no access check.</summary>
    internal static async Task<AccountBalance> ForCustomerAsync(PortalDbContext db, int customerId, DateOnly today, CancellationToken ct)
    {
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void)
            .Select(i => new { i.Id, i.Total, i.DueDate })
            .ToListAsync(ct);
        var ids = invoices.Select(i => i.Id).ToList();
        // Money columns are summed here rather than in SQL so the value converter applies to every row.
        var allocations = await db.PaymentAllocations.AsNoTracking()
            .Where(a => a.InvoiceId != null && ids.Contains(a.InvoiceId.Value))
            .Join(db.Payments.Where(p => p.Status == PaymentStatus.Succeeded), a => a.PaymentId, p => p.Id, (a, p) => new { InvoiceId = a.InvoiceId!.Value, a.Amount })
            .ToListAsync(ct);
        var paid = allocations.GroupBy(a => a.InvoiceId).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount));
        var unpaid = invoices
            .Select(i => (i.DueDate, Due: Math.Max(0, i.Total - paid.GetValueOrDefault(i.Id))))
            .Where(i => i.Due > 0)
            .ToList();
        var overdue = unpaid.Where(i => i.DueDate < today).ToList();
        return new AccountBalance(unpaid.Sum(i => i.Due), overdue.Sum(i => i.Due), await CreditAsync(db, customerId, ct), unpaid.Count, overdue.Count);
    }

    /// <summary>The customer's account credit: the sum of their ledger.</summary>
    internal static async Task<decimal> CreditAsync(PortalDbContext db, int customerId, CancellationToken ct) =>
        (await db.CreditEntries.AsNoTracking().Where(c => c.CustomerId == customerId).Select(c => c.Amount).ToListAsync(ct)).Sum();
}
