using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Insights;

public enum InsightsPreset
{
    Last7Days,
    Last30Days,
    ThisMonth,
    LastMonth,
    ThisQuarter,
    ThisYear,
    Custom,
}

/// <summary>The period a person chose: a preset, or their own first and last day (company-local, both included).</summary>
public sealed record InsightsPeriodChoice(InsightsPreset Preset, DateOnly? From = null, DateOnly? To = null)
{
    public static InsightsPeriodChoice Default { get; } = new(InsightsPreset.Last30Days);
}

/// <summary>Company-local days, first and last included.</summary>
public sealed record InsightsPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest custom period: the weekly charts stay readable and the queries bounded.</summary>
    public const int MaxDays = 731;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period of the same length that ends the day before this one starts.</summary>
    public InsightsPeriod Previous => new(From.AddDays(-Days), From.AddDays(-1));

    /// <summary>The weeks of the period from its first day (the last one may be shorter).</summary>
    public IReadOnlyList<InsightsPeriod> Weeks()
    {
        var weeks = new List<InsightsPeriod>();
        for (var start = From; start <= To; start = start.AddDays(7))
        {
            var end = start.AddDays(6);
            weeks.Add(new(start, end < To ? end : To));
        }
        return weeks;
    }

    public static string Name(InsightsPreset preset) => preset switch
    {
        InsightsPreset.Last7Days => "Last 7 days",
        InsightsPreset.Last30Days => "Last 30 days",
        InsightsPreset.ThisMonth => "This month",
        InsightsPreset.LastMonth => "Last month",
        InsightsPreset.ThisQuarter => "This quarter",
        InsightsPreset.ThisYear => "This year",
        _ => "Custom",
    };

    /// <summary>
    /// The days a choice means on <paramref name="today"/>. "This month", "this quarter" and "this year" run to today, so
    /// they are compared with the same number of days just before them.
    /// </summary>
    public static Result<InsightsPeriod> Resolve(InsightsPeriodChoice choice, DateOnly today)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        switch (choice.Preset)
        {
            case InsightsPreset.Last7Days: return new InsightsPeriod(today.AddDays(-6), today);
            case InsightsPreset.Last30Days: return new InsightsPeriod(today.AddDays(-29), today);
            case InsightsPreset.ThisMonth: return new InsightsPeriod(monthStart, today);
            case InsightsPreset.LastMonth: return new InsightsPeriod(monthStart.AddMonths(-1), monthStart.AddDays(-1));
            case InsightsPreset.ThisQuarter: return new InsightsPeriod(new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1), today);
            case InsightsPreset.ThisYear: return new InsightsPeriod(new DateOnly(today.Year, 1, 1), today);
        }

        if (choice.From is not { } from || choice.To is not { } to)
            return Result<InsightsPeriod>.From(Result.Invalid("From", "Choose the first and the last day."));
        if (from > to) return Result<InsightsPeriod>.From(Result.Invalid("To", "The last day is before the first day."));
        if (to > today) return Result<InsightsPeriod>.From(Result.Invalid("To", "The last day is in the future."));
        var period = new InsightsPeriod(from, to);
        if (period.Days > MaxDays)
            return Result<InsightsPeriod>.From(Result.Invalid("From", $"Choose at most {MaxDays} days."));
        return period;
    }
}
