using System.Globalization;
using System.Text;
using CustomerPortal.Core.Company;

namespace CustomerPortal.Core.Documents;

/// <summary>How documents write dates, quantities and statuses, shared by the pages and the PDFs.</summary>
public static class DocumentText
{
    public static string Date(DateOnly date) => date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    /// <summary>A UTC time as a date in the company's time zone.</summary>
    public static string LocalDate(DateTime utc, CompanySettings company) => Date(DateOnly.FromDateTime(company.ToLocal(utc)));

    /// <summary>A UTC time in the company's time zone, with the zone named so a printed time is unambiguous.</summary>
    public static string LocalDateTime(DateTime utc, CompanySettings company) =>
        $"{company.ToLocal(utc).ToString("MMM d, yyyy h:mm tt", CultureInfo.InvariantCulture)} ({company.TimeZone.Id})";

    public static string Quantity(decimal quantity) => quantity.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Percent(decimal percent) => $"{percent.ToString("0.###", CultureInfo.InvariantCulture)}%";

    /// <summary>"PartiallyPaid" becomes "Partially paid".</summary>
    public static string Humanize(Enum value)
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) text.Append(' ').Append(char.ToLowerInvariant(name[i]));
            else text.Append(name[i]);
        }
        return text.ToString();
    }
}
