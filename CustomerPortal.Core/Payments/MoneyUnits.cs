namespace CustomerPortal.Core.Payments;

/// <summary>
/// Converts amounts between decimals in a currency and the whole minor units a card processor takes (cents, yen, fils).
/// Zero-decimal currencies: BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF. Three-decimal: BHD JOD KWD
/// OMR TND. Every other code has two.
/// Rounding rule: there is none. An amount with more decimals than its currency has (12.345 USD, 100.5 JPY) is refused,
/// never rounded, so what the customer is charged is exactly what is posted; negative amounts are refused too.
/// </summary>
public static class MoneyUnits
{
    private static readonly HashSet<string> ZeroDecimal =
        ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"];

    private static readonly HashSet<string> ThreeDecimal = ["BHD", "JOD", "KWD", "OMR", "TND"];

    /// <summary>How many decimals the currency's minor unit has: 0, 2 or 3.</summary>
    public static int DecimalsOf(string currency)
    {
        var code = Normalize(currency);
        return ZeroDecimal.Contains(code) ? 0 : ThreeDecimal.Contains(code) ? 3 : 2;
    }

    /// <summary>True when the amount is zero or more and has no more decimals than the currency.</summary>
    public static bool IsExact(decimal amount, string currency) => TryToMinorUnits(amount, currency, out _);

    public static bool TryToMinorUnits(decimal amount, string currency, out long minorUnits)
    {
        minorUnits = 0;
        if (amount < 0) return false;
        var scaled = amount * Factor(DecimalsOf(currency));
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue) return false;
        minorUnits = (long)scaled;
        return true;
    }

    /// <summary>The amount in minor units; throws for an amount the currency cannot express exactly (see the rounding rule).</summary>
    public static long ToMinorUnits(decimal amount, string currency) =>
        TryToMinorUnits(amount, currency, out var minor)
            ? minor
            : throw new ArgumentOutOfRangeException(nameof(amount), $"{amount} {currency} is not a whole number of minor units.");

    public static decimal FromMinorUnits(long minorUnits, string currency) => minorUnits / Factor(DecimalsOf(currency));

    /// <summary>"Amounts in JPY have no decimals." and the like, for a refused amount.</summary>
    public static string ExactnessRule(string currency) => DecimalsOf(currency) switch
    {
        0 => $"Amounts in {Normalize(currency)} have no decimals.",
        var d => $"Amounts in {Normalize(currency)} have at most {d} decimals.",
    };

    private static decimal Factor(int decimals) => decimals switch { 0 => 1m, 3 => 1000m, _ => 100m };

    private static string Normalize(string currency)
    {
        var code = currency.Trim().ToUpperInvariant();
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper)) throw new ArgumentException($"'{currency}' is not a currency code.", nameof(currency));
        return code;
    }
}
