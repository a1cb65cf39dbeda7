using System.Collections.Concurrent;
using System.Globalization;

namespace CustomerPortal.Core.Documents;

/// <summary>Formats amounts in the company currency the way people of that currency write them ($1,234.56, £1,234.56).</summary>
public static class MoneyFormat
{
    private static readonly ConcurrentDictionary<string, NumberFormatInfo?> Formats = new(StringComparer.OrdinalIgnoreCase);

    public static string Format(decimal amount, string currency)
    {
        var format = Formats.GetOrAdd(currency, FindFormat);
        return format is null
            ? $"{currency.ToUpperInvariant()} {amount.ToString("#,##0.00", CultureInfo.InvariantCulture)}"
            : amount.ToString("C", format);
    }

    /// <summary>
    /// The number format of a culture that uses the currency, English ones first. Always two decimals, because totals
    /// are kept to the cent whatever the currency's usual minor unit. Null when no culture uses it (the code is shown).
    /// </summary>
    private static NumberFormatInfo? FindFormat(string currency)
    {
        if (currency.Length != 3) return null;
        var cultures = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Where(c => UsesCurrency(c, currency))
            .OrderBy(c => c.Name == "en-US" ? 0 : c.Name == "en-GB" ? 1 : c.TwoLetterISOLanguageName == "en" ? 2 : 3)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        if (cultures.Count == 0) return null;
        var format = (NumberFormatInfo)cultures[0].NumberFormat.Clone();
        format.CurrencyDecimalDigits = 2;
        return NumberFormatInfo.ReadOnly(format);
    }

    private static bool UsesCurrency(CultureInfo culture, string currency)
    {
        try
        {
            return string.Equals(new RegionInfo(culture.Name).ISOCurrencySymbol, currency, StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
