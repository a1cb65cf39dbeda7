using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Customers;

public sealed record CustomerJobRow(int Id, string Number, string Title, JobStatus Status, DateTime CreatedAtUtc, DateTime? CompletedAtUtc);

public sealed record CustomerEstimateRow(int Id, string Number, string Title, EstimateStatus Status, DateTime CreatedAtUtc, DateOnly? ExpiresOn, decimal Total);

public sealed record CustomerInvoiceRow(int Id, string Number, string Title, InvoiceStatus Status, DateOnly IssueDate, DateOnly DueDate, decimal Total, decimal AmountDue);

public sealed record CustomerPaymentRow(int Id, string Number, DateTime ReceivedAtUtc, PaymentMethod Method, PaymentStatus Status, decimal Amount, string Reference);

public sealed record CustomerCreditRow(long Id, DateTime AtUtc, decimal Amount, CreditReason Reason, string Note);

/// <summary>The payments tab: payments, the credit ledger and the credit balance (the sum of the ledger).</summary>
public sealed record CustomerPaymentsAndCredit(PagedList<CustomerPaymentRow> Payments, PagedList<CustomerCreditRow> Credit, decimal CreditBalance);

/// <summary>
/// Read-only lists for the tabs of a customer's staff profile: jobs, estimates, invoices, payments and credit. Staff see
/// drafts too, so a customer actor gets "not found" here; the portal has its own pages.
/// </summary>
public sealed class CustomerActivity(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, Company.CompanySettingsService companySettings)
{
    /// <summary>How many of the newest rows a tab shows.</summary>
    public const int RowLimit = 100;

    public async Task<Result<PagedList<CustomerJobRow>>> JobsAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!MayView(actor, Operation.ViewJob, customerId)) return Result<PagedList<CustomerJobRow>>.From(NotFound());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = db.Jobs.AsNoTracking().Where(j => j.CustomerId == customerId);
        var rows = await jobs.OrderByDescending(j => j.CreatedAtUtc).ThenByDescending(j => j.Id).Take(RowLimit)
            .Select(j => new CustomerJobRow(j.Id, j.Number, j.Title, j.Status, j.CreatedAtUtc, j.CompletedAtUtc))
            .ToListAsync(ct);
        return new PagedList<CustomerJobRow>(rows, await jobs.CountAsync(ct));
    }

    public async Task<Result<PagedList<CustomerEstimateRow>>> EstimatesAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!MayView(actor, Operation.ViewEstimate, customerId)) return Result<PagedList<CustomerEstimateRow>>.From(NotFound());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = await TodayAsync(ct);
        var estimates = db.Estimates.AsNoTracking().Where(e => e.CustomerId == customerId);
        var rows = await estimates.OrderByDescending(e => e.CreatedAtUtc).ThenByDescending(e => e.Id).Take(RowLimit)
            .Select(e => new CustomerEstimateRow(e.Id, e.Number, e.Title, EstimateStatusRule.Effective(e.Status, e.ExpiresOn, today), e.CreatedAtUtc, e.ExpiresOn, e.Total))
            .ToListAsync(ct);
        return new PagedList<CustomerEstimateRow>(rows, await estimates.CountAsync(ct));
    }

    public async Task<Result<PagedList<CustomerInvoiceRow>>> InvoicesAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!MayView(actor, Operation.ViewInvoice, customerId)) return Result<PagedList<CustomerInvoiceRow>>.From(NotFound());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = await TodayAsync(ct);
        var invoices = db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId);
        var rows = await invoices.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id).Take(RowLimit)
            .Select(i => new CustomerInvoiceRow(i.Id, i.Number, i.Title, InvoiceStatusRule.Effective(i.Status, i.DueDate, i.AmountDue, today), i.IssueDate, i.DueDate, i.Total, i.AmountDue))
            .ToListAsync(ct);
        return new PagedList<CustomerInvoiceRow>(rows, await invoices.CountAsync(ct));
    }

    public async Task<Result<CustomerPaymentsAndCredit>> PaymentsAndCreditAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!MayView(actor, Operation.ViewPayment, customerId)) return Result<CustomerPaymentsAndCredit>.From(NotFound());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payments = db.Payments.AsNoTracking().Where(p => p.CustomerId == customerId);
        var paymentRows = await payments.OrderByDescending(p => p.ReceivedAtUtc).ThenByDescending(p => p.Id).Take(RowLimit)
            .Select(p => new CustomerPaymentRow(p.Id, p.Number, p.ReceivedAtUtc, p.Method, p.Status, p.Amount, p.Reference))
            .ToListAsync(ct);
        var credit = db.CreditEntries.AsNoTracking().Where(e => e.CustomerId == customerId);
        var creditRows = await credit.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(RowLimit)
            .Select(e => new CustomerCreditRow(e.Id, e.AtUtc, e.Amount, e.Reason, e.Note))
            .ToListAsync(ct);
        var balance = await Payments.AccountBalanceService.CreditAsync(db, customerId, ct);
        return new CustomerPaymentsAndCredit(
            new PagedList<CustomerPaymentRow>(paymentRows, await payments.CountAsync(ct)),
            new PagedList<CustomerCreditRow>(creditRows, await credit.CountAsync(ct)),
            balance);
    }

    private bool MayView(Actor actor, Operation operation, int customerId) =>
        !actor.IsCustomer && access.CanReachCustomer(actor, operation, customerId);

    private async Task<DateOnly> TodayAsync(CancellationToken ct) =>
        (await companySettings.GetAsync(ct)).Today(clock.GetUtcNow().UtcDateTime);

    private static Result NotFound() => Result.NotFound("That customer was not found.");
}
