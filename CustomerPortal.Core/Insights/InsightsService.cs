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
/// The figures of the Insights page (admins only), added up from the days of the period and the previous one of the same
/// length (<see cref="InsightsDays"/>: kept for days that have ended, counted afresh for today). Medians and percentiles
/// are worked out on the durations the days keep. Every day boundary is midnight in the company's time zone.
/// </summary>
public sealed class InsightsService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    CompanySettingsService companySettings,
    InsightsDays days,
    TimeProvider clock)
{
    public async Task<Result<InsightsReport>> GetAsync(Actor actor, InsightsPeriodChoice choice, CancellationToken ct)
    {
        if (actor.IsCustomer || !access.Can(actor, Operation.ViewInsights)) return Result<InsightsReport>.From(Result.Forbidden());
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var resolved = InsightsPeriod.Resolve(choice, company.Today(now));
        if (!resolved.Succeeded) return Result<InsightsReport>.From(resolved);
        var period = resolved.Value!;

        var adoptionReading = AdoptionAsync(company, period, ct);
        var daysReading = days.GetAsync(company, period.Previous.From, period.To, now, ct);
        await Task.WhenAll(adoptionReading, daysReading);
        var window = new Window(period, daysReading.Result);
        var weeks = period.Weeks();

        var paymentTime = window.Figure("payment-time", "Invoice payment time",
            "Median days from sending an invoice to its payment in full, of invoices paid in full in the period.", InsightUnit.Days,
            current => InsightValue.Of(InsightsStatistics.Median(window.Of(current).SelectMany(d => d.PaymentDaysInPortal.Concat(d.PaymentDaysRecordedByHand))),
                "No invoice was paid in full in this period."));
        var portal = window.Figure("payment-time-portal", "Paid by card in the portal",
            "The same median, of invoices settled by a customer's card payment in the portal.", InsightUnit.Days,
            current => InsightValue.Of(InsightsStatistics.Median(window.Of(current).SelectMany(d => d.PaymentDaysInPortal)),
                "No invoice was paid in full by card in the portal in this period."));
        var manual = window.Figure("payment-time-manual", "Paid by hand",
            "The same median, of invoices settled by a payment staff recorded (cash, check, transfer, credit).", InsightUnit.Days,
            current => InsightValue.Of(InsightsStatistics.Median(window.Of(current).SelectMany(d => d.PaymentDaysRecordedByHand)),
                "No invoice was settled by a payment staff recorded in this period."));
        var onTime = window.Figure("paid-on-time", "Invoices paid on time",
            "Of invoices paid in full in the period, the share paid on or before their due date.", InsightUnit.Percent,
            current => InsightValue.Of(InsightsStatistics.Percent(window.Of(current).Sum(d => d.PaidOnTime), window.Of(current).Sum(d => d.PaidInFull)),
                "No invoice was paid in full in this period."));

        var overduePerWeek = weeks.Select(w => (double)window.Day(w.To).OverdueAtEnd).ToList();
        var overdue = window.Figure("overdue", "Overdue at the end",
            "What customers owed on invoices past their due date at the end of the period (sent, not void, not yet paid).", InsightUnit.Money,
            current => InsightValue.Of((double)window.Day(current ? period.To : period.Previous.To).OverdueAtEnd));

        var collectedPerWeek = weeks.Select(w => (double)window.Between(w).Sum(d => d.Collected)).ToList();
        var collected = window.Figure("collected", "Money collected",
            "Payments received in the period (cash, check, transfer, card; not account credit used), less what was refunded of them.",
            InsightUnit.Money, current => InsightValue.Of((double)window.Of(current).Sum(d => d.Collected)));
        var share = window.Figure("portal-payments", "Payments made in the portal",
            "Of payments received in the period (not account credit used), the share a customer made in the portal.", InsightUnit.Percent,
            current => InsightValue.Of(InsightsStatistics.Percent(window.Of(current).Sum(d => d.PaymentsInPortal),
                window.Of(current).Sum(d => d.PaymentsInPortal + d.PaymentsByHand)), "No payment was received in this period."));
        var channels = new PaymentChannels(window.Of(true).Sum(d => d.PaymentsInPortal), window.Of(true).Sum(d => d.PaymentsByHand));

        var conversion = window.Figure("quote-conversion", "Quote conversion",
            "Of estimates sent in the period, the share the customer has accepted.", InsightUnit.Percent,
            current => InsightValue.Of(InsightsStatistics.Percent(window.Of(current).Sum(d => d.EstimatesAccepted), window.Of(current).Sum(d => d.EstimatesSent)),
                "No estimate was sent in this period."));
        var answer = window.Figure("quote-answer", "Time to answer a quote",
            "Median days from sending an estimate to the customer accepting or declining it, of estimates sent in the period.", InsightUnit.Days,
            current => InsightValue.Of(InsightsStatistics.Median(window.Of(current).SelectMany(d => d.DaysToAnswer)),
                "No estimate sent in this period has been answered."));

        var signInsPerWeek = weeks.Select(w => (double)window.Between(w).Sum(d => d.PortalSignIns)).ToList();
        var signIns = window.Figure("portal-sign-ins", "Portal sign-ins",
            "Times a customer's portal user signed in during the period.", InsightUnit.Count,
            current => InsightValue.Of(window.Of(current).Sum(d => d.PortalSignIns)));

        var (responseMedian, responseP90, byStaff) = await ResponsesAsync(window, ct);
        var (reviewAverage, reviewCount, distribution) = Reviews(window);

        return new InsightsReport(period, period.Previous, company.Currency, weeks,
            paymentTime, portal, manual, onTime, overdue, collected, conversion, answer, await adoptionReading, signIns, share,
            responseMedian, responseP90, reviewAverage, reviewCount,
            new WeeklySeries("Overdue", overduePerWeek), new WeeklySeries("Collected", collectedPerWeek),
            new WeeklySeries("Sign-ins", signInsPerWeek), channels, distribution, byStaff);
    }

    /// <summary>The period's days and the previous period's, by day.</summary>
    private sealed class Window(InsightsPeriod period, IReadOnlyList<InsightsDay> days)
    {
        private readonly Dictionary<DateOnly, InsightsDay> _byDay = days.ToDictionary(d => d.Day);

        public IEnumerable<InsightsDay> Of(bool current) => Between(current ? period : period.Previous);

        public IEnumerable<InsightsDay> Between(InsightsPeriod range) => days.Where(d => d.Day >= range.From && d.Day <= range.To);

        public InsightsDay Day(DateOnly day) => _byDay[day];

        public InsightFigure Figure(string key, string title, string explanation, InsightUnit unit,
            Func<bool, InsightValue> valueOf) => new(key, title, explanation, unit, valueOf(true), valueOf(false));
    }

    private async Task<(InsightFigure Median, InsightFigure P90, IReadOnlyList<StaffResponseTime> ByStaff)> ResponsesAsync(Window window,
        CancellationToken ct)
    {
        string Reason(bool current)
        {
            var waiting = window.Of(current).Sum(d => d.WaitsUnanswered);
            return waiting == 0
                ? "No customer message in this period waited for a reply."
                : $"No customer message in this period has been answered yet ({waiting} still waiting).";
        }
        IEnumerable<double> HoursOf(bool current) => window.Of(current).SelectMany(d => d.HoursToReply);

        var median = window.Figure("first-response", "First response time",
            "Median hours from a customer's message that starts a wait (after a staff reply, or opening a conversation) to the next public staff reply; internal notes are not replies.",
            InsightUnit.Hours, current => InsightValue.Of(InsightsStatistics.Median(HoursOf(current)), Reason(current)));
        var p90 = window.Figure("first-response-p90", "First response time, slowest 10%",
            "Nine in ten of those waits were answered within this many hours (90th percentile).", InsightUnit.Hours,
            current => InsightValue.Of(InsightsStatistics.Percentile(HoursOf(current), 90), Reason(current)));

        var current = window.Of(true).SelectMany(d => d.HoursToReply.Zip(d.RepliedBy, (hours, staff) => (Hours: hours, StaffUserId: staff == 0 ? (int?)null : staff)))
            .ToList();
        var staffIds = current.Where(w => w.StaffUserId is not null).Select(w => w.StaffUserId!.Value).Distinct().ToList();
        var names = new Dictionary<int, string>();
        if (staffIds.Count > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            names = await db.StaffUsers.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        }
        var byStaff = current.GroupBy(w => w.StaffUserId)
            .Select(g => new StaffResponseTime(g.Key, g.Key is { } id && names.TryGetValue(id, out var name) ? name : "Former staff member", g.Count(),
                InsightsStatistics.Median(g.Select(w => w.Hours))!.Value, InsightsStatistics.Percentile(g.Select(w => w.Hours), 90)!.Value))
            .OrderBy(s => s.MedianHours).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return (median, p90, byStaff);
    }

    private static (InsightFigure Average, InsightFigure Count, IReadOnlyList<int> Distribution) Reviews(Window window)
    {
        int[] Stars(bool current) =>
            [.. Enumerable.Range(0, 5).Select(star => window.Of(current).Sum(d => d.ReviewsByStars[star]))];
        var average = window.Figure("review-average", "Average rating",
            "The mean of the star ratings (1 to 5) customers gave in the period.", InsightUnit.Stars, current =>
            {
                var stars = Stars(current);
                var count = stars.Sum();
                return count > 0 ? InsightValue.Of(stars.Select((n, i) => n * (i + 1.0)).Sum() / count) : new(null, "No review was left in this period.");
            });
        var count = window.Figure("review-count", "Reviews",
            "Reviews customers left in the period.", InsightUnit.Count, current => InsightValue.Of(Stars(current).Sum()));
        return (average, count, Stars(true));
    }

    private async Task<InsightFigure> AdoptionAsync(CompanySettings company, InsightsPeriod period, CancellationToken ct)
    {
        await Task.Yield();
        var startUtc = company.StartOfDayUtc(period.From);
        var endUtc = company.StartOfDayUtc(period.To.AddDays(1));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One pass over one index for both period ends (Customers.PortalJoinedAtUtc is kept by registration).
        var counts = await db.Customers.AsNoTracking()
            .Where(c => !c.IsArchived && !c.IsPendingReview && c.CreatedAtUtc < endUtc)
            .GroupBy(c => 1)
            .Select(g => new
            {
                All = g.Count(),
                AllBefore = g.Count(c => c.CreatedAtUtc < startUtc),
                Registered = g.Count(c => c.PortalJoinedAtUtc < endUtc),
                RegisteredBefore = g.Count(c => c.PortalJoinedAtUtc < startUtc),
            })
            .SingleOrDefaultAsync(ct);
        const string none = "There were no customers yet.";
        return new InsightFigure("portal-adoption", "Customers using the portal",
            "Customers (not archived, not waiting for review) with at least one registered portal user, of all such customers, at the end of the period.",
            InsightUnit.Percent,
            InsightValue.Of(InsightsStatistics.Percent(counts?.Registered ?? 0, counts?.All ?? 0), none),
            InsightValue.Of(InsightsStatistics.Percent(counts?.RegisteredBefore ?? 0, counts?.AllBefore ?? 0), none));
    }
}

public static class InsightsServiceCollectionExtensions
{
    /// <summary>The Insights page's figures.</summary>
    public static IServiceCollection AddInsights(this IServiceCollection services) => services
        .AddSingleton<InsightsService>()
        .AddSingleton<InsightsDays>()
        .AddSingleton<InsightsDayCounter>();
}
