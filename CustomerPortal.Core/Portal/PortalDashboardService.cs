using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Portal;

public sealed record PortalContact(string Name, string Email, string Phone, string Address);

public sealed record DashboardVisit(int JobId, string JobNumber, string JobTitle, DateTime StartLocal, DateTime EndLocal, string TechnicianName);

public sealed record WaitingEstimate(int Id, string Number, string Title, decimal Total, DateOnly? ExpiresOn);

/// <summary>Something that happened on the account. <see cref="What"/> reads like "Invoice sent".</summary>
public sealed record ActivityItem(DateTime AtLocal, string What, string Number, string Title, decimal? Amount, string Link);

/// <summary>
/// The portal's first page. A figure is null when its module is hidden from this user (the tile is not shown):
/// balance and overdue need Invoices, credit needs Payments, the next visit Jobs, waiting estimates Estimates.
/// </summary>
public sealed record PortalDashboard(
    PortalContact Contact,
    decimal? Balance, decimal? Overdue, int OverdueCount,
    decimal? Credit,
    bool ShowsVisits, DashboardVisit? NextVisit,
    IReadOnlyList<WaitingEstimate>? WaitingEstimates,
    IReadOnlyList<ActivityItem> Activity);

/// <summary>Gathers the customer's dashboard: contact details, money owed and held, the next visit, estimates to answer, recent activity.</summary>
public sealed class PortalDashboardService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings,
    AccountBalanceService balances)
{
    private const int ActivityCount = 6;

    public async Task<Result<PortalDashboard>> GetAsync(Actor actor, CancellationToken ct)
    {
        if (actor.CustomerId is not { } customerId || !access.CanReachCustomer(actor, Operation.ViewCustomer, customerId))
            return Result<PortalDashboard>.From(Result.NotFound());
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = company.Today(now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var customer = await db.Customers.AsNoTracking().Include(c => c.ServiceAddresses).SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return Result<PortalDashboard>.From(Result.NotFound());
        var contact = new PortalContact(customer.DisplayName, customer.Email, customer.Phone, customer.PrimaryAddress?.Address.SingleLine ?? "");
        var activity = new List<(DateTime AtUtc, ActivityItem Item)>();

        var account = (await balances.GetAsync(actor, customerId, ct)).Value ?? AccountBalance.Empty;
        decimal? balance = null, overdue = null;
        var overdueCount = 0;
        if (access.Can(actor, Operation.ViewInvoice) && account.IncludesInvoices)
        {
            var invoices = await db.Invoices.AsNoTracking()
                .Where(i => i.CustomerId == customerId && i.Status != InvoiceStatus.Draft).ToListAsync(ct);
            balance = account.AmountDue;
            overdue = account.Overdue;
            overdueCount = account.OverdueInvoices;
            activity.AddRange(invoices.Where(i => i.SentAtUtc is not null && access.Can(actor, Operation.ViewInvoice, i))
                .Select(i => (i.SentAtUtc!.Value, new ActivityItem(company.ToLocal(i.SentAtUtc.Value), "Invoice sent", i.Number, i.Title, i.Total, $"/portal/invoices/{i.Id}"))));
        }

        decimal? credit = null;
        if (access.Can(actor, Operation.ViewPayment) && account.IncludesCredit)
        {
            credit = account.AvailableCredit;
            var payments = await db.Payments.AsNoTracking().Where(p => p.CustomerId == customerId)
                .OrderByDescending(p => p.ReceivedAtUtc).Take(ActivityCount).ToListAsync(ct);
            activity.AddRange(payments.Where(p => access.Can(actor, Operation.ViewPayment, p))
                .Select(p => (p.ReceivedAtUtc, new ActivityItem(company.ToLocal(p.ReceivedAtUtc),
                    p.Method == PaymentMethod.AccountCredit ? "Credit applied" : "Payment received", p.Number, PaymentText.Of(p.Method), p.Amount,
                    $"/portal/payments/{p.Id}"))));
        }

        DashboardVisit? nextVisit = null;
        var showsVisits = access.Can(actor, Operation.ViewJob);
        if (showsVisits)
        {
            var visit = await db.Visits.AsNoTracking()
                .Join(db.Jobs.Where(j => j.CustomerId == customerId && j.Status != JobStatus.Cancelled && j.Status != JobStatus.Completed),
                    v => v.JobId, j => j.Id, (v, j) => new { Visit = v, Job = j })
                .Where(x => (x.Visit.Status == VisitStatus.Scheduled || x.Visit.Status == VisitStatus.InProgress) && x.Visit.ScheduledEndUtc >= now)
                .OrderBy(x => x.Visit.ScheduledStartUtc)
                .FirstOrDefaultAsync(ct);
            if (visit is not null)
                nextVisit = new DashboardVisit(visit.Job.Id, visit.Job.Number, visit.Job.Title, company.ToLocal(visit.Visit.ScheduledStartUtc),
                    company.ToLocal(visit.Visit.ScheduledEndUtc), visit.Visit.TechnicianName);

            var jobs = await db.Jobs.AsNoTracking().Where(j => j.CustomerId == customerId)
                .OrderByDescending(j => j.Id).Take(ActivityCount).ToListAsync(ct);
            foreach (var job in jobs.Where(j => access.Can(actor, Operation.ViewJob, j)))
            {
                activity.Add((job.CreatedAtUtc, new ActivityItem(company.ToLocal(job.CreatedAtUtc), "Job booked", job.Number, job.Title, null, $"/portal/jobs/{job.Id}")));
                if (job.CompletedAtUtc is { } done)
                    activity.Add((done, new ActivityItem(company.ToLocal(done), "Job completed", job.Number, job.Title, null, $"/portal/jobs/{job.Id}")));
            }
        }

        IReadOnlyList<WaitingEstimate>? waiting = null;
        if (access.Can(actor, Operation.ViewEstimate))
        {
            var estimates = await db.Estimates.AsNoTracking()
                .Where(e => e.CustomerId == customerId && e.Status != EstimateStatus.Draft).ToListAsync(ct);
            var visible = estimates.Where(e => access.Can(actor, Operation.ViewEstimate, e)).ToList();
            waiting = visible.Where(e => e.StatusOn(today) is EstimateStatus.Sent or EstimateStatus.Viewed)
                .OrderBy(e => e.ExpiresOn ?? DateOnly.MaxValue)
                .Select(e => new WaitingEstimate(e.Id, e.Number, e.Title, e.Total, e.ExpiresOn))
                .ToList();
            activity.AddRange(visible.Where(e => e.SentAtUtc is not null)
                .Select(e => (e.SentAtUtc!.Value, new ActivityItem(company.ToLocal(e.SentAtUtc.Value), "Estimate sent", e.Number, e.Title, e.Total, $"/portal/estimates/{e.Id}"))));
            activity.AddRange(visible.Where(e => e.Acceptance is not null)
                .Select(e => (e.Acceptance!.AcceptedAtUtc, new ActivityItem(company.ToLocal(e.Acceptance.AcceptedAtUtc), "Estimate accepted", e.Number, e.Title, e.Total, $"/portal/estimates/{e.Id}"))));
        }

        var recent = activity.Where(a => a.AtUtc <= now).OrderByDescending(a => a.AtUtc).Take(ActivityCount).Select(a => a.Item).ToList();
        return new PortalDashboard(contact, balance, overdue, overdueCount, credit, showsVisits, nextVisit, waiting, recent);
    }
}
