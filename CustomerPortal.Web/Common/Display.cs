using System.Globalization;

namespace CustomerPortal.Web.Common;

/// <summary>How dates and times read on screen (money: <see cref="CustomerPortal.Core.Documents.MoneyFormat"/>). Times passed in are already in the company's time zone.</summary>
public static class Display
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static string Date(DateTime local) => local.ToString("MMM d, yyyy", Culture);

    public static string Date(DateOnly date) => date.ToString("MMM d, yyyy", Culture);

    public static string Date(DateOnly? date, string none = "—") => date is { } d ? Date(d) : none;

    public static string DayAndDate(DateTime local) => local.ToString("ddd, MMM d, yyyy", Culture);

    public static string Time(DateTime local) => local.ToString("h:mm tt", Culture);

    public static string DateTime(DateTime local) => local.ToString("MMM d, yyyy h:mm tt", Culture);

    /// <summary>How long something has lasted, roughly: "under a minute", "25 min", "3 h", "4 days".</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "under a minute",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes} min",
        { TotalHours: < 48 } => $"{(int)span.TotalHours} h",
        _ => $"{(int)span.TotalDays} days",
    };

    /// <summary>"9:00 AM – 11:30 AM", or with the end date when a visit runs over midnight.</summary>
    public static string TimeRange(DateTime startLocal, DateTime endLocal) =>
        startLocal.Date == endLocal.Date ? $"{Time(startLocal)} – {Time(endLocal)}" : $"{Time(startLocal)} – {DateTime(endLocal)}";
}
