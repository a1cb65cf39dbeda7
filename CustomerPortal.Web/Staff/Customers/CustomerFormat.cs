using System.Globalization;
using CustomerPortal.Core.Company;

namespace CustomerPortal.Web.Staff.Customers;

/// <summary>How the customer screens write dates, in the company's time zone.</summary>
public static class CustomerFormat
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static string Date(CompanySettings company, DateTime utc) => company.ToLocal(utc).ToString("MMM d, yyyy", Culture);

    public static string Date(DateOnly date) => date.ToString("MMM d, yyyy", Culture);

    /// <summary>"PartiallyPaid" becomes "Partially paid".</summary>
    public static string Words<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) builder.Append(' ').Append(char.ToLowerInvariant(name[i]));
            else builder.Append(name[i]);
        }
        return builder.ToString();
    }
}
