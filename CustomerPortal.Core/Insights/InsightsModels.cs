using System.Globalization;
using CustomerPortal.Core.Documents;

namespace CustomerPortal.Core.Insights;

public enum InsightUnit
{
    Days,
    Hours,
    Percent,
    Money,
    Count,
    Stars,
}

/// <summary>A figure for one period: its value, or (null) the reason it is not defined then, e.g. nothing was paid.</summary>
public sealed record InsightValue(double? Value, string? NotDefinedReason)
{
    public bool IsDefined => Value is not null;

    public static InsightValue Of(double value) => new(value, null);

    public static InsightValue Of(double? value, string reasonWhenNull) => value is { } v ? new(v, null) : new(null, reasonWhenNull);
}

/// <summary>One figure of the Insights page for the period and the previous one of the same length, with what it counts.</summary>
public sealed record InsightFigure(string Key, string Title, string Explanation, InsightUnit Unit, InsightValue Current, InsightValue Previous)
{
    /// <summary>Current less previous; null unless both are defined.</summary>
    public double? Change => Current.Value is { } now && Previous.Value is { } before ? now - before : null;
}

/// <summary>One line or bar set of a weekly chart: a value per week of the period.</summary>
public sealed record WeeklySeries(string Name, IReadOnlyList<double> Values);

/// <summary>How fast one staff member answered customers in the period (hours to their public reply).</summary>
public sealed record StaffResponseTime(int? StaffUserId, string Name, int Replies, double MedianHours, double P90Hours);

/// <summary>How many payments received in the period a customer made in the portal, and how many staff recorded.</summary>
public sealed record PaymentChannels(int Portal, int ByHand);

/// <summary>Everything the Insights page shows for a period.</summary>
public sealed record InsightsReport(
    InsightsPeriod Period,
    InsightsPeriod PreviousPeriod,
    string Currency,
    IReadOnlyList<InsightsPeriod> Weeks,
    InsightFigure PaymentTime,
    InsightFigure PaymentTimePortal,
    InsightFigure PaymentTimeManual,
    InsightFigure PaidOnTime,
    InsightFigure OverdueAtEnd,
    InsightFigure Collected,
    InsightFigure QuoteConversion,
    InsightFigure QuoteAnswerDays,
    InsightFigure PortalAdoption,
    InsightFigure PortalSignIns,
    InsightFigure PortalPaymentShare,
    InsightFigure FirstResponseMedian,
    InsightFigure FirstResponseP90,
    InsightFigure ReviewAverage,
    InsightFigure ReviewCount,
    WeeklySeries OverduePerWeek,
    WeeklySeries CollectedPerWeek,
    WeeklySeries SignInsPerWeek,
    PaymentChannels PaymentChannels,
    IReadOnlyList<int> ReviewDistribution,
    IReadOnlyList<StaffResponseTime> ResponseByStaff)
{
    /// <summary>The figures in the order the page shows them.</summary>
    public IReadOnlyList<InsightFigure> Figures =>
    [
        PaymentTime, PaymentTimePortal, PaymentTimeManual, PaidOnTime, OverdueAtEnd, Collected, QuoteConversion, QuoteAnswerDays,
        PortalAdoption, PortalSignIns, PortalPaymentShare, FirstResponseMedian, FirstResponseP90, ReviewAverage, ReviewCount,
    ];

    /// <summary>"Mar 2" for each week's first day, for chart labels.</summary>
    public IReadOnlyList<string> WeekLabels => [.. Weeks.Select(w => w.From.ToString("MMM d", CultureInfo.InvariantCulture))];
}

/// <summary>How a figure's value is written on the page.</summary>
public static class InsightFormat
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static string Value(InsightUnit unit, double value, string currency) => unit switch
    {
        InsightUnit.Days => $"{value.ToString("0.#", Culture)} {(Math.Round(value, 1) == 1 ? "day" : "days")}",
        InsightUnit.Hours => $"{value.ToString("0.#", Culture)} h",
        InsightUnit.Percent => $"{value.ToString("0", Culture)}%",
        InsightUnit.Money => MoneyFormat.Format((decimal)value, currency),
        InsightUnit.Stars => $"{value.ToString("0.0", Culture)} of 5",
        _ => value.ToString("#,##0", Culture),
    };

    /// <summary>"+1.5 days", "−3 points", "no change"; percentages change by points.</summary>
    public static string Change(InsightUnit unit, double change, string currency)
    {
        if (Math.Abs(change) < 0.05) return "no change";
        var sign = change > 0 ? "+" : "−";
        var size = Math.Abs(change);
        return unit == InsightUnit.Percent
            ? $"{sign}{size.ToString("0", Culture)} {(Math.Round(size) == 1 ? "point" : "points")}"
            : sign + Value(unit, size, currency);
    }
}
