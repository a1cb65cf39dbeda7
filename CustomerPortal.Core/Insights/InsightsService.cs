using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Insights;

/// <summary>
/// The figures of the Insights page (admins only). Each query reads only the columns it needs in a range of an indexed time
/// column covering the period and the previous one; medians, percentiles and money sums are worked out here on those rows.
/// Every day boundary is midnight in the company's time zone.
/// </summary>
public sealed class InsightsService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    CompanySettingsService companySettings,
    TimeProvider clock)
{
    private static readonly InvoiceStatus[] OpenOrVoid =
        [InvoiceStatus.Sent, InvoiceStatus.Viewed, InvoiceStatus.PartiallyPaid, InvoiceStatus.Overdue, InvoiceStatus.Void];

    private static readonly PaymentStatus[] Received = [PaymentStatus.Succeeded, PaymentStatus.Refunded];

    public async Task<Result<InsightsReport>> GetAsync(Actor actor, InsightsPeriodChoice choice, CancellationToken ct)
    {
        if (actor.IsCustomer || !access.Can(actor, Operation.ViewInsights)) return Result<InsightsReport>.From(Result.Forbidden());
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var resolved = InsightsPeriod.Resolve(choice, company.Today(now));
        if (!resolved.Succeeded) return Result<InsightsReport>.From(resolved);

        var window = new Window(company, resolved.Value!, now);
        // The sections read different tables, each on its own connection, at the same time.
        var invoicesReading = ReadAsync(InvoiceFiguresAsync);
        var paymentsReading = ReadAsync(PaymentFiguresAsync);
        var quotesReading = ReadAsync(QuoteFiguresAsync);
        var adoptionReading = ReadAsync(AdoptionAsync);
        var signInsReading = ReadAsync(SignInsAsync);
        var responsesReading = ReadAsync(ResponsesAsync);
        var reviewsReading = ReadAsync(ReviewsAsync);
        await Task.WhenAll(invoicesReading, paymentsReading, quotesReading, adoptionReading, signInsReading, responsesReading, reviewsReading);
        var (invoices, payments, quotes, adoption) = (invoicesReading.Result, paymentsReading.Result, quotesReading.Result, adoptionReading.Result);
        var (signIns, responses, reviews) = (signInsReading.Result, responsesReading.Result, reviewsReading.Result);

        return new InsightsReport(window.Period, window.Period.Previous, company.Currency, window.Weeks,
            invoices.PaymentTime, invoices.PaymentTimePortal, invoices.PaymentTimeManual, invoices.OnTime, invoices.OverdueAtEnd,
            payments.Collected, quotes.Conversion, quotes.AnswerDays, adoption, signIns.Figure, payments.PortalShare,
            responses.Median, responses.P90, reviews.Average, reviews.Count,
            invoices.OverduePerWeek, payments.PerWeek, signIns.PerWeek, payments.Channels, reviews.Distribution, responses.ByStaff);

        async Task<T> ReadAsync<T>(Func<PortalDbContext, Window, CancellationToken, Task<T>> read)
        {
            await Task.Yield();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await read(db, window, ct);
        }
    }

    /// <summary>The UTC instants of the period, the previous period and each week's end.</summary>
    private sealed class Window
    {
        public Window(CompanySettings company, InsightsPeriod period, DateTime now)
        {
            Company = company;
            Period = period;
            Weeks = period.Weeks();
            StartUtc = company.StartOfDayUtc(period.From);
            EndUtc = company.StartOfDayUtc(period.To.AddDays(1));
            PreviousStartUtc = company.StartOfDayUtc(period.Previous.From);
            WeekStartsUtc = [.. Weeks.Select(w => company.StartOfDayUtc(w.From))];
            // The end of a week that has not ended yet is now.
            WeekEndsUtc = [.. Weeks.Select(w => Min(company.StartOfDayUtc(w.To.AddDays(1)), now))];
        }

        public CompanySettings Company { get; }
        public InsightsPeriod Period { get; }
        public IReadOnlyList<InsightsPeriod> Weeks { get; }
        public DateTime StartUtc { get; }
        public DateTime EndUtc { get; }
        public DateTime PreviousStartUtc { get; }
        public DateTime[] WeekStartsUtc { get; }
        public DateTime[] WeekEndsUtc { get; }

        public bool InCurrent(DateTime atUtc) => atUtc >= StartUtc && atUtc < EndUtc;

        public bool InPrevious(DateTime atUtc) => atUtc >= PreviousStartUtc && atUtc < StartUtc;

        /// <summary>The week of the period an instant falls in, or -1.</summary>
        public int WeekOf(DateTime atUtc)
        {
            if (!InCurrent(atUtc)) return -1;
            for (var i = WeekStartsUtc.Length - 1; i >= 0; i--)
                if (atUtc >= WeekStartsUtc[i]) return i;
            return -1;
        }

        public InsightFigure Figure(string key, string title, string explanation, InsightUnit unit,
            Func<bool, InsightValue> valueOf) => new(key, title, explanation, unit, valueOf(true), valueOf(false));

        private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    }

    private sealed record InvoiceRow(int Id, decimal Total, decimal AmountPaid, DateOnly DueDate, DateTime? SentAtUtc, DateTime? PaidAtUtc,
        bool PaidThroughPortal, DateTime? VoidedAtUtc);

    private sealed record EarlierPayment(long AllocationId, int InvoiceId, decimal Amount, DateTime ReceivedAtUtc, PaymentStatus Status);

    private sealed record InvoiceFigures(InsightFigure PaymentTime, InsightFigure PaymentTimePortal, InsightFigure PaymentTimeManual,
        InsightFigure OnTime, InsightFigure OverdueAtEnd, WeeklySeries OverduePerWeek);

    private static async Task<InvoiceFigures> InvoiceFiguresAsync(PortalDbContext db, Window window, CancellationToken ct)
    {
        var lastDay = window.Period.To;
        // Paid since the previous period began (Invoices.PaidAtUtc): payment times, and invoices that were overdue before they were paid.
        var paid = await db.Invoices.AsNoTracking()
            .Where(i => i.PaidAtUtc >= window.PreviousStartUtc)
            .Select(i => new InvoiceRow(i.Id, i.Total, i.AmountPaid, i.DueDate, i.SentAtUtc, i.PaidAtUtc, i.PaidThroughPortal, i.VoidedAtUtc))
            .ToListAsync(ct);
        // Still open, or voided (Invoices(Status, DueDate)): due before the period's last day, so overdue at some week's end.
        var open = await db.Invoices.AsNoTracking()
            .Where(i => OpenOrVoid.Contains(i.Status) && i.DueDate < lastDay && (i.VoidedAtUtc == null || i.VoidedAtUtc >= window.StartUtc))
            .Select(i => new InvoiceRow(i.Id, i.Total, i.AmountPaid, i.DueDate, i.SentAtUtc, i.PaidAtUtc, i.PaidThroughPortal, i.VoidedAtUtc))
            .ToListAsync(ct);

        var company = window.Company;
        var paidWithTimes = paid.Where(i => i.SentAtUtc is not null && i.PaidAtUtc is not null).ToList();
        InsightValue MedianDays(bool current, Func<InvoiceRow, bool> which, string reason) => InsightValue.Of(InsightsStatistics.Median(
            paidWithTimes.Where(i => (current ? window.InCurrent(i.PaidAtUtc!.Value) : window.InPrevious(i.PaidAtUtc!.Value)) && which(i))
                .Select(i => (i.PaidAtUtc!.Value - i.SentAtUtc!.Value).TotalDays)), reason);

        var paymentTime = window.Figure("payment-time", "Invoice payment time",
            "Median days from sending an invoice to its payment in full, of invoices paid in full in the period.", InsightUnit.Days,
            current => MedianDays(current, _ => true, "No invoice was paid in full in this period."));
        var portal = window.Figure("payment-time-portal", "Paid by card in the portal",
            "The same median, of invoices settled by a customer's card payment in the portal.", InsightUnit.Days,
            current => MedianDays(current, i => i.PaidThroughPortal, "No invoice was paid in full by card in the portal in this period."));
        var manual = window.Figure("payment-time-manual", "Paid by hand",
            "The same median, of invoices settled by a payment staff recorded (cash, check, transfer, credit).", InsightUnit.Days,
            current => MedianDays(current, i => !i.PaidThroughPortal, "No invoice was settled by a payment staff recorded in this period."));
        var onTime = window.Figure("paid-on-time", "Invoices paid on time",
            "Of invoices paid in full in the period, the share paid on or before their due date.", InsightUnit.Percent, current =>
            {
                var rows = paidWithTimes.Where(i => current ? window.InCurrent(i.PaidAtUtc!.Value) : window.InPrevious(i.PaidAtUtc!.Value)).ToList();
                return InsightValue.Of(InsightsStatistics.Percent(rows.Count(i => company.Today(i.PaidAtUtc!.Value) <= i.DueDate), rows.Count),
                    "No invoice was paid in full in this period.");
            });

        // An invoice paid on or before its due day was never overdue, so only the late ones can count.
        var candidates = open.Where(i => i.SentAtUtc is not null)
            .Concat(paid.Where(i => i.SentAtUtc is not null && i.DueDate < lastDay && company.Today(i.PaidAtUtc!.Value) > i.DueDate))
            .DistinctBy(i => i.Id).ToList();
        // Payments an overdue invoice had before it was settled (most have none): for the still open or voided ones from the
        // status index, for the ones paid late (known from the rows above) by their ids.
        var earlierOfOpen = await (
                from invoice in db.Invoices
                where OpenOrVoid.Contains(invoice.Status) && invoice.DueDate < lastDay && invoice.AmountPaid > 0
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
        var allocations = earlierOfOpen.Concat(earlierOfPaidLate)
            .Where(a => a.Status == PaymentStatus.Succeeded && candidateIds.Contains(a.InvoiceId))
            .DistinctBy(a => a.AllocationId) // an invoice voided after it was paid late is in both
            .ToList();
        var paymentsOf = allocations.ToLookup(a => a.InvoiceId, a => (a.Amount, a.ReceivedAtUtc));

        decimal Outstanding(InvoiceRow invoice, DateTime momentUtc) => !paymentsOf.Contains(invoice.Id) ? invoice.Total
            : Math.Max(0, invoice.Total - paymentsOf[invoice.Id].Where(p => p.ReceivedAtUtc < momentUtc).Sum(p => p.Amount));
        bool IsOverdue(InvoiceRow i, DateTime momentUtc, DateOnly day) =>
            i.SentAtUtc < momentUtc && i.DueDate < day && !(i.PaidAtUtc < momentUtc) && !(i.VoidedAtUtc < momentUtc);
        decimal OverdueAt(DateTime momentUtc, DateOnly day) =>
            candidates.Where(i => IsOverdue(i, momentUtc, day)).Sum(i => Outstanding(i, momentUtc));

        // Week ends only move forward, so an invoice is overdue over one run of weeks: from the first week end after it was
        // sent and fell due to the last before it was paid or voided.
        var ends = window.WeekEndsUtc;
        var lastDays = window.Weeks.Select(w => w.To).ToArray();
        var overdueByWeek = new decimal[ends.Length];
        foreach (var invoice in candidates)
        {
            var first = 0;
            while (first < ends.Length && !(invoice.SentAtUtc < ends[first] && invoice.DueDate < lastDays[first])) first++;
            for (var k = first; k < ends.Length && IsOverdue(invoice, ends[k], lastDays[k]); k++)
                overdueByWeek[k] += Outstanding(invoice, ends[k]);
        }
        var perWeek = overdueByWeek.Select(v => (double)v).ToList();
        var overdue = window.Figure("overdue", "Overdue at the end",
            "What customers owed on invoices past their due date at the end of the period (sent, not void, not yet paid).", InsightUnit.Money,
            current => InsightValue.Of(current ? perWeek[^1] : (double)OverdueAt(window.StartUtc, window.Period.From.AddDays(-1))));

        return new InvoiceFigures(paymentTime, portal, manual, onTime, overdue, new WeeklySeries("Overdue", perWeek));
    }

    private sealed record PaymentFigures(InsightFigure Collected, InsightFigure PortalShare, WeeklySeries PerWeek, PaymentChannels Channels);

    private static async Task<PaymentFigures> PaymentFiguresAsync(PortalDbContext db, Window window, CancellationToken ct)
    {
        // Account credit used is money received earlier, not new money.
        // The status is checked here, not in SQL: SQLite would otherwise walk the status index (nearly every payment succeeded)
        // instead of the received-at range.
        var rows = (await db.Payments.AsNoTracking()
                .Where(p => p.ReceivedAtUtc >= window.PreviousStartUtc && p.ReceivedAtUtc < window.EndUtc && p.Method != PaymentMethod.AccountCredit)
                .Select(p => new { p.Id, p.ReceivedAtUtc, p.Amount, ThroughPortal = p.PaidByPortalUserId != null, p.Status })
                .ToListAsync(ct))
            .Where(p => Received.Contains(p.Status)).ToList();
        var refunds = await (
                from refund in db.PaymentRefunds
                join payment in db.Payments on refund.PaymentId equals payment.Id
                where payment.ReceivedAtUtc >= window.PreviousStartUtc && payment.ReceivedAtUtc < window.EndUtc
                select new { refund.PaymentId, refund.Amount })
            .AsNoTracking().ToListAsync(ct);
        var refunded = refunds.GroupBy(r => r.PaymentId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
        decimal Net(int id, decimal amount) => amount - refunded.GetValueOrDefault(id);

        var perWeek = new decimal[window.Weeks.Count];
        foreach (var row in rows)
            if (window.WeekOf(row.ReceivedAtUtc) is var week and >= 0) perWeek[week] += Net(row.Id, row.Amount);

        var collected = window.Figure("collected", "Money collected",
            "Payments received in the period (cash, check, transfer, card; not account credit used), less what was refunded of them.",
            InsightUnit.Money, current => InsightValue.Of((double)rows
                .Where(r => current ? window.InCurrent(r.ReceivedAtUtc) : window.InPrevious(r.ReceivedAtUtc)).Sum(r => Net(r.Id, r.Amount))));
        var share = window.Figure("portal-payments", "Payments made in the portal",
            "Of payments received in the period (not account credit used), the share a customer made in the portal.", InsightUnit.Percent,
            current =>
            {
                var inPeriod = rows.Where(r => current ? window.InCurrent(r.ReceivedAtUtc) : window.InPrevious(r.ReceivedAtUtc)).ToList();
                return InsightValue.Of(InsightsStatistics.Percent(inPeriod.Count(r => r.ThroughPortal), inPeriod.Count), "No payment was received in this period.");
            });
        var current = rows.Where(r => window.InCurrent(r.ReceivedAtUtc)).ToList();
        return new PaymentFigures(collected, share, new WeeklySeries("Collected", [.. perWeek.Select(v => (double)v)]),
            new PaymentChannels(current.Count(r => r.ThroughPortal), current.Count(r => !r.ThroughPortal)));
    }

    private sealed record QuoteFigures(InsightFigure Conversion, InsightFigure AnswerDays);

    private static async Task<QuoteFigures> QuoteFiguresAsync(PortalDbContext db, Window window, CancellationToken ct)
    {
        var rows = await db.Estimates.AsNoTracking()
            .Where(e => e.SentAtUtc >= window.PreviousStartUtc && e.SentAtUtc < window.EndUtc)
            .Select(e => new
            {
                SentAtUtc = e.SentAtUtc!.Value,
                AcceptedAtUtc = e.Acceptance == null ? (DateTime?)null : e.Acceptance.AcceptedAtUtc,
                e.DeclinedAtUtc,
            })
            .ToListAsync(ct);
        var conversion = window.Figure("quote-conversion", "Quote conversion",
            "Of estimates sent in the period, the share the customer has accepted.", InsightUnit.Percent, current =>
            {
                var sent = rows.Where(r => current ? window.InCurrent(r.SentAtUtc) : window.InPrevious(r.SentAtUtc)).ToList();
                return InsightValue.Of(InsightsStatistics.Percent(sent.Count(r => r.AcceptedAtUtc is not null), sent.Count), "No estimate was sent in this period.");
            });
        var answer = window.Figure("quote-answer", "Time to answer a quote",
            "Median days from sending an estimate to the customer accepting or declining it, of estimates sent in the period.", InsightUnit.Days,
            current => InsightValue.Of(InsightsStatistics.Median(rows
                    .Where(r => current ? window.InCurrent(r.SentAtUtc) : window.InPrevious(r.SentAtUtc))
                    .Where(r => (r.AcceptedAtUtc ?? r.DeclinedAtUtc) is not null)
                    .Select(r => ((r.AcceptedAtUtc ?? r.DeclinedAtUtc)!.Value - r.SentAtUtc).TotalDays)),
                "No estimate sent in this period has been answered."));
        return new QuoteFigures(conversion, answer);
    }

    private static async Task<InsightFigure> AdoptionAsync(PortalDbContext db, Window window, CancellationToken ct)
    {
        // One pass over one index for both period ends (Customers.PortalJoinedAtUtc is kept by registration).
        var counts = await db.Customers.AsNoTracking()
            .Where(c => !c.IsArchived && !c.IsPendingReview && c.CreatedAtUtc < window.EndUtc)
            .GroupBy(c => 1)
            .Select(g => new
            {
                All = g.Count(),
                AllBefore = g.Count(c => c.CreatedAtUtc < window.StartUtc),
                Registered = g.Count(c => c.PortalJoinedAtUtc < window.EndUtc),
                RegisteredBefore = g.Count(c => c.PortalJoinedAtUtc < window.StartUtc),
            })
            .SingleOrDefaultAsync(ct);
        const string none = "There were no customers yet.";
        return new InsightFigure("portal-adoption", "Customers using the portal",
            "Customers (not archived, not waiting for review) with at least one registered portal user, of all such customers, at the end of the period.",
            InsightUnit.Percent,
            InsightValue.Of(InsightsStatistics.Percent(counts?.Registered ?? 0, counts?.All ?? 0), none),
            InsightValue.Of(InsightsStatistics.Percent(counts?.RegisteredBefore ?? 0, counts?.AllBefore ?? 0), none));
    }

    private sealed record SignInFigures(InsightFigure Figure, WeeklySeries PerWeek);

    private static async Task<SignInFigures> SignInsAsync(PortalDbContext db, Window window, CancellationToken ct)
    {
        var times = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Action == AuditActions.SignedIn && a.AtUtc >= window.PreviousStartUtc && a.AtUtc < window.EndUtc
                && a.EntityType == nameof(PortalUser))
            .Select(a => a.AtUtc)
            .ToListAsync(ct);
        var perWeek = new double[window.Weeks.Count];
        foreach (var at in times)
            if (window.WeekOf(at) is var week and >= 0) perWeek[week]++;
        var figure = window.Figure("portal-sign-ins", "Portal sign-ins",
            "Times a customer's portal user signed in during the period.", InsightUnit.Count,
            current => InsightValue.Of(times.Count(t => current ? window.InCurrent(t) : window.InPrevious(t))));
        return new SignInFigures(figure, new WeeklySeries("Sign-ins", perWeek));
    }

    private sealed record ResponseFigures(InsightFigure Median, InsightFigure P90, IReadOnlyList<StaffResponseTime> ByStaff);

    private sealed record Wait(DateTime StartedAtUtc, double Hours, int? StaffUserId);

    private static async Task<ResponseFigures> ResponsesAsync(PortalDbContext db, Window window, CancellationToken ct)
    {
        // A staff reply that ended a wait carries when the wait began (Message.AnsweredWaitSinceUtc), so only the replies
        // to waits that began in either period are read; the reply itself may come after the period.
        var replies = await db.Messages.AsNoTracking()
            .Where(m => m.AnsweredWaitSinceUtc >= window.PreviousStartUtc && m.AnsweredWaitSinceUtc < window.EndUtc)
            .Select(m => new { StartedAtUtc = m.AnsweredWaitSinceUtc!.Value, m.SentAtUtc, m.StaffUserId })
            .ToListAsync(ct);
        var waits = replies.Select(m => new Wait(m.StartedAtUtc, (m.SentAtUtc - m.StartedAtUtc).TotalHours, m.StaffUserId)).ToList();
        var unanswered = await db.MessageThreads.AsNoTracking()
            .Where(t => t.WaitingSinceUtc >= window.PreviousStartUtc && t.WaitingSinceUtc < window.EndUtc)
            .Select(t => t.WaitingSinceUtc!.Value)
            .ToListAsync(ct);

        string Reason(bool current)
        {
            var waiting = unanswered.Count(u => current ? window.InCurrent(u) : window.InPrevious(u));
            return waiting == 0
                ? "No customer message in this period waited for a reply."
                : $"No customer message in this period has been answered yet ({waiting} still waiting).";
        }
        IEnumerable<double> HoursOf(bool current) =>
            waits.Where(w => current ? window.InCurrent(w.StartedAtUtc) : window.InPrevious(w.StartedAtUtc)).Select(w => w.Hours);

        var median = window.Figure("first-response", "First response time",
            "Median hours from a customer's message that starts a wait (after a staff reply, or opening a conversation) to the next public staff reply; internal notes are not replies.",
            InsightUnit.Hours, current => InsightValue.Of(InsightsStatistics.Median(HoursOf(current)), Reason(current)));
        var p90 = window.Figure("first-response-p90", "First response time, slowest 10%",
            "Nine in ten of those waits were answered within this many hours (90th percentile).", InsightUnit.Hours,
            current => InsightValue.Of(InsightsStatistics.Percentile(HoursOf(current), 90), Reason(current)));

        var current = waits.Where(w => window.InCurrent(w.StartedAtUtc)).ToList();
        var staffIds = current.Where(w => w.StaffUserId is not null).Select(w => w.StaffUserId!.Value).Distinct().ToList();
        var names = staffIds.Count == 0 ? new Dictionary<int, string>() : await db.StaffUsers.AsNoTracking()
            .Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var byStaff = current.GroupBy(w => w.StaffUserId)
            .Select(g => new StaffResponseTime(g.Key, g.Key is { } id && names.TryGetValue(id, out var name) ? name : "Former staff member", g.Count(),
                InsightsStatistics.Median(g.Select(w => w.Hours))!.Value, InsightsStatistics.Percentile(g.Select(w => w.Hours), 90)!.Value))
            .OrderBy(s => s.MedianHours).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return new ResponseFigures(median, p90, byStaff);
    }

    private sealed record ReviewFigures(InsightFigure Average, InsightFigure Count, IReadOnlyList<int> Distribution);

    private static async Task<ReviewFigures> ReviewsAsync(PortalDbContext db, Window window, CancellationToken ct)
    {
        var rows = await db.Reviews.AsNoTracking()
            .Where(r => r.CreatedAtUtc >= window.PreviousStartUtc && r.CreatedAtUtc < window.EndUtc)
            .Select(r => new { r.CreatedAtUtc, r.Rating })
            .ToListAsync(ct);
        IEnumerable<int> Ratings(bool current) =>
            rows.Where(r => current ? window.InCurrent(r.CreatedAtUtc) : window.InPrevious(r.CreatedAtUtc)).Select(r => r.Rating);

        var average = window.Figure("review-average", "Average rating",
            "The mean of the star ratings (1 to 5) customers gave in the period.", InsightUnit.Stars,
            current => Ratings(current).ToList() is { Count: > 0 } ratings ? InsightValue.Of(ratings.Average()) : new(null, "No review was left in this period."));
        var count = window.Figure("review-count", "Reviews",
            "Reviews customers left in the period.", InsightUnit.Count, current => InsightValue.Of(Ratings(current).Count()));
        var current = Ratings(true).ToList();
        return new ReviewFigures(average, count, [.. Enumerable.Range(1, 5).Select(star => current.Count(r => r == star))]);
    }
}

public static class InsightsServiceCollectionExtensions
{
    /// <summary>The Insights page's figures.</summary>
    public static IServiceCollection AddInsights(this IServiceCollection services) => services.AddSingleton<InsightsService>();
}
