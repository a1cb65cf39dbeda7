using System.Collections.Concurrent;
using System.Globalization;

namespace CustomerPortal.Core.Documents;

/// <summary>Formats amounts in the company currency the way people of that currency write them ($1,234.56, £1,234.56).</summary>
public static class MoneyFormat
{
    private static readonly ConcurrentDictionary<string, NumberFormatInfo?> Formats = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where several English-speaking places share a currency, the one whose way of writing it reads most naturally.</summary>
    private static readonly Dictionary<string, string> Preferred = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = "en-US",
        ["EUR"] = "en-IE",
        ["GBP"] = "en-GB",
        ["AUD"] = "en-AU",
        ["CHF"] = "en-CH",
    };

    public static string Format(decimal amount, string currency)
    {
        var format = Formats.GetOrAdd(currency, FindFormat);
        if (format is not null) return amount.ToString("C", format);
        var number = amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
        return string.IsNullOrWhiteSpace(currency) ? number : $"{currency.Trim().ToUpperInvariant()} {number}";
    }

    /// <summary>
    /// The number format of an English-speaking place that uses the currency. Always two decimals, because totals
    /// are kept to the cent whatever the currency's usual minor unit. Null when no culture uses it (the code is shown).
    /// </summary>
    private static NumberFormatInfo? FindFormat(string currency)
    {
        if (currency.Length != 3) return null;
        var preferred = Preferred.GetValueOrDefault(currency.ToUpperInvariant(), "");
        // Only English-language formats: documents are in English, and other scripts' symbols (e.g. the full-width
        // yen sign) may be missing from the PDF font. Without one, the ISO code is written before the amount.
        var cultures = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Where(c => c.TwoLetterISOLanguageName == "en" && UsesCurrency(c, currency))
            .OrderBy(c => c.Name == preferred ? 0 : 1)
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
