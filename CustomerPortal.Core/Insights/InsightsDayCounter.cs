using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Insights;

/// <summary>
/// Works out <see cref="InsightsDay"/>s from the records, for a run of consecutive company-local days at once: each query
/// reads one range of an indexed time column (covering indexes, never the wide rows) and its rows are counted to the day
/// they fall on. The sections read different tables, each on its own connection, at the same time.
/// </summary>
public sealed class InsightsDayCounter(IDbContextFactory<PortalDbContext> dbFactory)
{
    private static readonly InvoiceStatus[] OpenOrVoid =
        [InvoiceStatus.Sent, InvoiceStatus.Viewed, InvoiceStatus.PartiallyPaid, InvoiceStatus.Overdue, InvoiceStatus.Void];

    private static readonly PaymentStatus[] Received = [PaymentStatus.Succeeded, PaymentStatus.Refunded];

    public async Task<IReadOnlyList<InsightsDay>> CountAsync(CompanySettings company, DateOnly first, DateOnly last, DateTime nowUtc,
        CancellationToken ct)
    {
        var run = new Run(company, first, last, nowUtc);
        var sections = new Func<PortalDbContext, Run, CancellationToken, Task>[]
        {
            InvoicesPaidAsync, PaymentsAsync, EstimatesAsync, SignInsAsync, WaitsAsync, ReviewsAsync, OverdueAsync,
        };
        await Task.WhenAll(sections.Select(async section =>
        {
            await Task.Yield();
                await using var db = await dbFactory.CreateDbContextAsync(ct);
            await section(db, run, ct);
        }));
        return run.Days;
    }

    /// <summary>The days being counted, their UTC bounds, and the rows being filled (each section sets its own fields).</summary>
    private sealed class Run
    {
        private readonly DateTime[] _starts;

        public Run(CompanySettings company, DateOnly first, DateOnly last, DateTime nowUtc)
        {
            Company = company;
            First = first;
            var count = last.DayNumber - first.DayNumber + 1;
            Days = [.. Enumerable.Range(0, count).Select(i => new InsightsDay(first.AddDays(i), company.TimeZoneId))];
            _starts = [.. Enumerable.Range(0, count + 1).Select(i => company.StartOfDayUtc(first.AddDays(i)))];
            // The end of a day that has not ended yet is now.
            Ends = [.. Enumerable.Range(1, count).Select(i => _starts[i] < nowUtc ? _starts[i] : nowUtc)];
        }

        public CompanySettings Company { get; }
        public DateOnly First { get; }
        public InsightsDay[] Days { get; }
        public DateTime StartUtc => _starts[0];
        public DateTime EndUtc => _starts[^1];
        public DateTime[] Ends { get; }
        public DateOnly Last => Days[^1].Day;

        /// <summary>The index of the day an instant falls on, or -1 outside the run.</summary>
        public int IndexOf(DateTime atUtc) => atUtc >= StartUtc && atUtc < EndUtc ? Company.Today(atUtc).DayNumber - First.DayNumber : -1;

        /// <summary>Rows grouped by the day of a time, each group handed to <paramref name="count"/> with its day.</summary>
        public void CountBy<T>(IEnumerable<T> rows, Func<T, DateTime> at, Action<InsightsDay, List<T>> count)
        {
            var byDay = new List<T>[Days.Length];
            foreach (var row in rows)
                if (IndexOf(at(row)) is var i and >= 0) (byDay[i] ??= []).Add(row);
            for (var i = 0; i < Days.Length; i++) count(Days[i], byDay[i] ?? []);
        }
    }

    private static async Task InvoicesPaidAsync(PortalDbContext db, Run run, CancellationToken ct)
    {
        var paid = await db.Invoices.AsNoTracking()
            .Where(i => i.PaidAtUtc >= run.StartUtc && i.PaidAtUtc < run.EndUtc && i.SentAtUtc != null)
            .Select(i => new { PaidAtUtc = i.PaidAtUtc!.Value, SentAtUtc = i.SentAtUtc!.Value, i.DueDate, i.PaidThroughPortal })
            .ToListAsync(ct);
        run.CountBy(paid, i => i.PaidAtUtc, (day, rows) => day.CountedInvoicesPaid(
            rows.Where(i => i.PaidThroughPortal).Select(i => (i.PaidAtUtc - i.SentAtUtc).TotalDays),
            rows.Where(i => !i.PaidThroughPortal).Select(i => (i.PaidAtUtc - i.SentAtUtc).TotalDays),
            rows.Count(i => day.Day <= i.DueDate)));
    }

    private static async Task PaymentsAsync(PortalDbContext db, Run run, CancellationToken ct)
    {
        // Account credit used is money received earlier, not new money. The status is checked here, not in SQL: SQLite
        // would otherwise walk the status index (nearly every payment succeeded) instead of the received-at range.
        var rows = (await db.Payments.AsNoTracking()
                .Where(p => p.ReceivedAtUtc >= run.StartUtc && p.ReceivedAtUtc < run.EndUtc && p.Method != PaymentMethod.AccountCredit)
                .Select(p => new { p.Id, p.ReceivedAtUtc, p.Amount, ThroughPortal = p.PaidByPortalUserId != null, p.Status })
                .ToListAsync(ct))
            .Where(p => Received.Contains(p.Status)).ToList();
        var refunds = await (
                from refund in db.PaymentRefunds
                join payment in db.Payments on refund.PaymentId equals payment.Id
                where payment.ReceivedAtUtc >= run.StartUtc && payment.ReceivedAtUtc < run.EndUtc
                select new { refund.PaymentId, refund.Amount })
            .AsNoTracking().ToListAsync(ct);
        var refunded = refunds.GroupBy(r => r.PaymentId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
        run.CountBy(rows, p => p.ReceivedAtUtc, (day, payments) => day.CountedPayments(
            payments.Sum(p => p.Amount - refunded.GetValueOrDefault(p.Id)), payments.Count(p => p.ThroughPortal), payments.Count(p => !p.ThroughPortal)));
    }

    private static async Task EstimatesAsync(PortalDbContext db, Run run, CancellationToken ct)
    {
        var rows = await db.Estimates.AsNoTracking()
            .Where(e => e.SentAtUtc >= run.StartUtc && e.SentAtUtc < run.EndUtc)
            .Select(e => new
            {
                SentAtUtc = e.SentAtUtc!.Value,
                AcceptedAtUtc = e.Acceptance == null ? (DateTime?)null : e.Acceptance.AcceptedAtUtc,
                e.DeclinedAtUtc,
            })
            .ToListAsync(ct);
        run.CountBy(rows, e => e.SentAtUtc, (day, sent) => day.CountedEstimates(sent.Count, sent.Count(e => e.AcceptedAtUtc is not null),
            sent.Where(e => (e.AcceptedAtUtc ?? e.DeclinedAtUtc) is not null)
                .Select(e => ((e.AcceptedAtUtc ?? e.DeclinedAtUtc)!.Value - e.SentAtUtc).TotalDays)));
    }

    private static async Task SignInsAsync(PortalDbContext db, Run run, CancellationToken ct)
    {
        var times = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Action == AuditActions.SignedIn && a.AtUtc >= run.StartUtc && a.AtUtc < run.EndUtc
                && a.EntityType == nameof(PortalUser))
            .Select(a => a.AtUtc)
            .ToListAsync(ct);
        run.CountBy(times, t => t, (day, signIns) => day.CountedSignIns(signIns.Count));
    }

    private static async Task WaitsAsync(PortalDbContext db, Run run, CancellationToken ct)
    {
        // A staff reply that ended a wait carries when the wait began (Message.AnsweredWaitSinceUtc), so only the replies
        // to waits that began in the run are read; the reply itself may come later.
        var replies = await db.Messages.AsNoTracking()
            .Where(m => m.AnsweredWaitSinceUtc >= run.StartUtc && m.AnsweredWaitSinceUtc < run.EndUtc)
            .Select(m => new { StartedAtUtc = m.AnsweredWaitSinceUtc!.Value, m.SentAtUtc, m.StaffUserId })
            .ToListAsync(ct);
        var waiting = await db.MessageThreads.AsNoTracking()
            .Where(t => t.WaitingSinceUtc >= run.StartUtc && t.WaitingSinceUtc < run.EndUtc)
            .Select(t => t.WaitingSinceUtc!.Value)
            .ToListAsync(ct);
        var waitingByDay = new int[run.Days.Length];
        foreach (var since in waiting)
            if (run.IndexOf(since) is var i and >= 0) waitingByDay[i]++;
        run.CountBy(replies, r => r.StartedAtUtc, (day, answered) => day.CountedWaits(
            [.. answered.Select(r => ((r.SentAtUtc - r.StartedAtUtc).TotalHours, r.StaffUserId))],
            waitingByDay[day.Day.DayNumber - run.First.DayNumber]));
    }

    private static async Task ReviewsAsync(PortalDbContext db, Run run, CancellationToken ct)
    {
        var rows = await db.Reviews.AsNoTracking()
            .Where(r => r.CreatedAtUtc >= run.StartUtc && r.CreatedAtUtc < run.EndUtc)
            .Select(r => new { r.CreatedAtUtc, r.Rating })
            .ToListAsync(ct);
        run.CountBy(rows, r => r.CreatedAtUtc, (day, reviews) =>
            day.CountedReviews([.. Enumerable.Range(1, 5).Select(star => reviews.Count(r => r.Rating == star))]));
    }

    private sealed record InvoiceRow(int Id, decimal Total, DateOnly DueDate, DateTime? SentAtUtc, DateTime? PaidAtUtc, DateTime? VoidedAtUtc);

    private sealed record EarlierPayment(long AllocationId, int InvoiceId, decimal Amount, DateTime ReceivedAtUtc, PaymentStatus Status);

    /// <summary>What was owed on overdue invoices at the end of each day: sent, past due, not yet paid or voided then, less part payments received by then.</summary>
    private static async Task OverdueAsync(PortalDbContext db, Run run, CancellationToken ct)
    {
        var last = run.Last;
        // Still open, or voided during the run (Invoices(Status, DueDate)), due before the run's last day.
        var open = await db.Invoices.AsNoTracking()
            .Where(i => OpenOrVoid.Contains(i.Status) && i.DueDate < last && (i.VoidedAtUtc == null || i.VoidedAtUtc >= run.StartUtc))
            .Select(i => new InvoiceRow(i.Id, i.Total, i.DueDate, i.SentAtUtc, i.PaidAtUtc, i.VoidedAtUtc))
            .ToListAsync(ct);
        // Paid during the run (Invoices.PaidAtUtc): an invoice paid on or before its due day was never overdue.
        var paid = await db.Invoices.AsNoTracking()
            .Where(i => i.PaidAtUtc >= run.StartUtc && i.SentAtUtc != null && i.DueDate < last)
            .Select(i => new InvoiceRow(i.Id, i.Total, i.DueDate, i.SentAtUtc, i.PaidAtUtc, i.VoidedAtUtc))
            .ToListAsync(ct);
        var company = run.Company;
        var candidates = open.Where(i => i.SentAtUtc is not null)
            .Concat(paid.Where(i => company.Today(i.PaidAtUtc!.Value) > i.DueDate))
            .DistinctBy(i => i.Id).ToList();

        // Payments an overdue invoice had before it was settled (most have none): for the still open or voided ones from the
        // status index, for the ones paid late by their ids.
        var earlierOfOpen = await (
                from invoice in db.Invoices
                where OpenOrVoid.Contains(invoice.Status) && invoice.DueDate < last && invoice.AmountPaid > 0
                join allocation in db.PaymentAllocations on (int?)invoice.Id equals allocation.InvoiceId
                join payment in db.Payments on allocation.PaymentId equals payment.Id
                select new EarlierPayment(allocation.Id, invoice.Id, allocation.Amount, payment.ReceivedAtUtc, payment.Status))
            .AsNoTracking().ToListAsync(ct);
        var paidLate = candidates.Where(i => i.PaidAtUtc is not null).Select(i => i.Id).ToList();
        var earlierOfPaidLate = paidLate.Count == 0 ? [] : await (
                from allocation in db.PaymentAllocations
                where allocation.InvoiceId != null && EF.Parameter(paidLate).Contains(allocation.InvoiceId.Value)
                join invoice in db.Invoices on allocation.InvoiceId equals (int?)invoice.Id
                join payment in db.Payments on allocation.PaymentId equals payment.Id
                where payment.ReceivedAtUtc < invoice.PaidAtUtc
                select new EarlierPayment(allocation.Id, invoice.Id, allocation.Amount, payment.ReceivedAtUtc, payment.Status))
            .AsNoTracking().ToListAsync(ct);
        var candidateIds = candidates.Select(i => i.Id).ToHashSet();
        var paymentsOf = earlierOfOpen.Concat(earlierOfPaidLate)
            .Where(a => a.Status == PaymentStatus.Succeeded && candidateIds.Contains(a.InvoiceId))
            .DistinctBy(a => a.AllocationId) // an invoice voided after it was paid late is in both
            .ToLookup(a => a.InvoiceId, a => (a.Amount, a.ReceivedAtUtc));

        decimal Outstanding(InvoiceRow invoice, DateTime momentUtc) => !paymentsOf.Contains(invoice.Id) ? invoice.Total
            : Math.Max(0, invoice.Total - paymentsOf[invoice.Id].Where(p => p.ReceivedAtUtc < momentUtc).Sum(p => p.Amount));
        bool IsOverdue(InvoiceRow i, DateTime momentUtc, DateOnly day) =>
            i.SentAtUtc < momentUtc && i.DueDate < day && !(i.PaidAtUtc < momentUtc) && !(i.VoidedAtUtc < momentUtc);

        // Day ends only move forward, so an invoice is overdue over one run of days: from the first day end after it was
        // sent and fell due to the last before it was paid or voided.
        var ends = run.Ends;
        var owed = new decimal[ends.Length];
        foreach (var invoice in candidates)
        {
            var first = 0;
            while (first < ends.Length && !(invoice.SentAtUtc < ends[first] && invoice.DueDate < run.Days[first].Day)) first++;
            for (var k = first; k < ends.Length && IsOverdue(invoice, ends[k], run.Days[k].Day); k++)
                owed[k] += Outstanding(invoice, ends[k]);
        }
        for (var k = 0; k < ends.Length; k++) run.Days[k].CountedOverdue(owed[k]);
    }
}
