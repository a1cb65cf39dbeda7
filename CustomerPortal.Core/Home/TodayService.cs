using System.Globalization;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Home;

/// <summary>
/// The staff home ("Today"). Each section asks the list service its "See all" link opens, with the same filter, so a
/// tile and its list can never disagree; what no list answers (visits of a day, the sums, invited portal users, how long
/// a thread has waited) is read here with the same rules (<see cref="InvoiceStatusRule"/>, <see cref="ThreadWaiting"/>,
/// <see cref="Payment.IsMoneyReceived"/>). Staff only.
/// </summary>
public sealed class TodayService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings,
    MessagingService messaging, RequestDecisionService requests, EstimateService estimates, InvoiceService invoices,
    PaymentService payments, OutboxService outbox)
{
    /// <summary>Rows a tile shows.</summary>
    public const int Rows = 5;

    /// <summary>Rows of the busier tiles (the day's visits, conversations waiting).</summary>
    public const int LongRows = 10;

    /// <summary>"Expiring this week": on one of the next seven days, today included.</summary>
    public const int ExpiringDays = 7;

    public async Task<Result<TodayBoard>> GetAsync(Actor actor, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.OpenBackOffice))
            return Result<TodayBoard>.From(Result.Forbidden());
        var company = await companySettings.GetAsync(ct);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var today = company.Today(nowUtc);
        var expiresBy = today.AddDays(ExpiringDays - 1);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visitsToday = await VisitsAsync(db, company, today, ct);
        var visitsTomorrow = await VisitsAsync(db, company, today.AddDays(1), ct);
        var waiting = await WaitingThreadsAsync(db, actor, company, nowUtc, ct);

        var newRequests = Value(await requests.ListAsync(actor,
            new RequestListQuery { Filter = RequestListFilter.New, Page = new PageRequest(0, Rows) }, ct)).Page;

        var waitingEstimates = Value(await estimates.ListAsync(actor,
            new EstimateListQuery { AwaitingAnswer = true, Sort = DocumentSort.Date, Descending = false, PageSize = Rows }, ct));
        var expiring = Value(await estimates.ListAsync(actor,
            new EstimateListQuery { AwaitingAnswer = true, ExpiresBy = expiresBy, Sort = DocumentSort.DueDate, Descending = false, PageSize = Rows }, ct));

        var overdue = Value(await invoices.ListAsync(actor,
            new InvoiceListQuery { Status = InvoiceStatus.Overdue, Sort = DocumentSort.DueDate, Descending = false, PageSize = Rows }, ct));
        var overdueTotal = (await db.Invoices.Where(InvoiceStatusRule.IsOverdueOn(today)).Select(i => i.AmountDue).ToListAsync(ct)).Sum();

        var received = Value(await payments.ListAsync(actor,
            new PaymentListQuery { ReceivedOnly = true, From = today, To = today, Page = new PageRequest(0, Rows) }, ct));
        var (dayStart, dayEnd) = (company.StartOfDayUtc(today), company.StartOfDayUtc(today.AddDays(1)));
        var receivedTotal = (await db.Payments.Where(Payment.IsMoneyReceived)
            .Where(p => p.ReceivedAtUtc >= dayStart && p.ReceivedAtUtc < dayEnd).Select(p => p.Amount).ToListAsync(ct)).Sum();

        var failed = Value(await outbox.ListAsync(actor, new OutboxFilter(OutboxStatus.Failed), 0, Rows, ct));
        var invited = await InvitedUsersAsync(db, company, ct);

        return new TodayBoard(today, company.ToLocal(nowUtc), company.Currency,
            Section(visitsToday.Rows, visitsToday.Count, JobsOn(today)),
            Section(visitsTomorrow.Rows, visitsTomorrow.Count, JobsOn(today.AddDays(1))),
            waiting,
            Section(newRequests.Items, newRequests.TotalCount, "/staff/requests?filter=new"),
            // The ones expiring soonest first, then the longest waiting.
            Section(expiring.Items.Concat(waitingEstimates.Items.Where(w => expiring.Items.All(e => e.Id != w.Id))).Take(Rows).ToList(),
                waitingEstimates.TotalCount, "/staff/estimates?status=waiting"),
            Section(expiring.Items, expiring.TotalCount, $"/staff/estimates?status=waiting&expiresBy={Iso(expiresBy)}"),
            Section(overdue.Items, overdue.TotalCount, "/staff/invoices?status=Overdue", overdueTotal),
            Section(received.Items, received.TotalCount, $"/staff/payments?received=true&from={Iso(today)}&to={Iso(today)}", receivedTotal),
            Section(failed.Items, failed.TotalCount, "/staff/outbox?status=Failed"),
            invited);
    }

    /// <summary>Visits (not cancelled) starting on the company-local day, earliest first.</summary>
    private static async Task<(int Count, IReadOnlyList<TodayVisit> Rows)> VisitsAsync(PortalDbContext db, CompanySettings company, DateOnly day, CancellationToken ct)
    {
        var (fromUtc, toUtc) = (company.StartOfDayUtc(day), company.StartOfDayUtc(day.AddDays(1)));
        var visits = db.Visits.AsNoTracking()
            .Where(v => v.ScheduledStartUtc >= fromUtc && v.ScheduledStartUtc < toUtc && v.Status != VisitStatus.Cancelled);
        var count = await visits.CountAsync(ct);
        var rows = await visits.OrderBy(v => v.ScheduledStartUtc).ThenBy(v => v.Id).Take(LongRows)
            .Join(db.Jobs, v => v.JobId, j => j.Id, (v, j) => new { Visit = v, Job = j })
            .Join(db.Customers, x => x.Job.CustomerId, c => c.Id, (x, c) => new
            {
                x.Visit.Id, x.Visit.JobId, x.Job.Number, x.Job.Title, c.DisplayName, x.Visit.ScheduledStartUtc, x.Visit.ScheduledEndUtc,
                x.Visit.TechnicianName, x.Visit.Status,
            })
            .ToListAsync(ct);
        return (count, rows.OrderBy(r => r.ScheduledStartUtc).ThenBy(r => r.Id)
            .Select(r => new TodayVisit(r.Id, r.JobId, r.Number, r.Title, r.DisplayName, company.ToLocal(r.ScheduledStartUtc),
                company.ToLocal(r.ScheduledEndUtc), r.TechnicianName, r.Status)).ToList());
    }

    /// <summary>The inbox's "Waiting" filter (oldest wait first), with how long each has waited.</summary>
    private async Task<TodaySection<TodayThread>> WaitingThreadsAsync(PortalDbContext db, Actor actor, CompanySettings company, DateTime nowUtc,
        CancellationToken ct)
    {
        var inbox = Value(await messaging.InboxAsync(actor, new InboxQuery(InboxFilter.Waiting, Page: new PageRequest(0, LongRows)), ct));
        var ids = inbox.Items.Select(t => t.Id).ToList();
        var since = await ThreadWaiting.Query(db.MessageThreads.AsNoTracking().Where(t => ids.Contains(t.Id)))
            .Select(w => new { w.Thread.Id, w.WaitingSinceUtc }).ToDictionaryAsync(w => w.Id, w => w.WaitingSinceUtc, ct);
        var rows = inbox.Items.Where(t => since.ContainsKey(t.Id))
            .Select(t => new TodayThread(t, company.ToLocal(since[t.Id]), nowUtc - since[t.Id] is var waited && waited > TimeSpan.Zero ? waited : TimeSpan.Zero))
            .ToList();
        return Section<TodayThread>(rows, inbox.TotalCount, "/staff/messages?filter=waiting");
    }

    /// <summary>
    /// Portal users invited but not registered, longest waiting first. Counted on the (Status, InvitedAtUtc) index alone:
    /// leaving out archived customers would read a customer row per invited user (tens of thousands at scale).
    /// </summary>
    private static async Task<TodaySection<TodayInvitedUser>> InvitedUsersAsync(PortalDbContext db, CompanySettings company, CancellationToken ct)
    {
        var count = await db.PortalUsers.CountAsync(u => u.Status == PortalUserStatus.Invited, ct);
        var rows = await db.PortalUsers.AsNoTracking().Where(u => u.Status == PortalUserStatus.Invited)
            .OrderBy(u => u.InvitedAtUtc).ThenBy(u => u.Id).Take(Rows)
            .Join(db.Customers, u => u.CustomerId, c => c.Id, (u, c) => new { User = u, CustomerName = c.DisplayName })
            .Select(x => new { x.User.Id, x.User.CustomerId, x.User.Name, x.User.Email, x.CustomerName, x.User.InvitedAtUtc })
            .ToListAsync(ct);
        return Section<TodayInvitedUser>(rows.OrderBy(r => r.InvitedAtUtc).ThenBy(r => r.Id).Select(r => new TodayInvitedUser(r.Id, r.CustomerId, r.Name, r.Email, r.CustomerName,
            company.ToLocal(r.InvitedAtUtc))).ToList(), count, "/staff/customers?portal=invited");
    }

    private static string JobsOn(DateOnly day) => $"/staff/jobs?status=any&from={Iso(day)}&to={Iso(day)}";

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TodaySection<T> Section<T>(IReadOnlyList<T> rows, int count, string href, decimal? total = null) => new(count, rows, href, total);

    /// <summary>A staff list the access check above already allowed; a refusal here is a bug, not an answer.</summary>
    private static T Value<T>(Result<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException($"A list of the staff home was refused: {result.Message}");
}
