namespace CustomerPortal.Core.Company;

public static class CompanyTimeExtensions
{
    /// <summary>
    /// A wall-clock time in the company's zone as UTC. A time that does not exist (the hour skipped when clocks go
    /// forward) is read as one hour later, which is what a person typing it means.
    /// </summary>
    public static DateTime ToUtc(this CompanySettings company, DateTime local)
    {
        var zone = company.TimeZone;
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    /// <summary>The UTC instant a company-local day starts.</summary>
    public static DateTime StartOfDayUtc(this CompanySettings company, DateOnly day) =>
        company.ToUtc(day.ToDateTime(TimeOnly.MinValue));
}
