using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Company;

/// <summary>What makes company settings valid, and the choices the settings form offers.</summary>
public static partial class CompanySettingsRules
{
    public const int MaxTaxDecimals = 4;

    /// <summary>Active ISO 4217 currency codes.</summary>
    public static readonly IReadOnlyList<string> CurrencyCodes =
    [
        .. """
        AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP
        CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF
        IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD
        MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB
        RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD
        UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, string>> CurrencyNames = new(LoadCurrencyNames);

    /// <summary>"USD – US Dollar" when the system knows the name, otherwise the code.</summary>
    public static string CurrencyLabel(string code) =>
        CurrencyNames.Value.TryGetValue(code, out var name) ? $"{code} – {name}" : code;

    /// <summary>The time zones of this system, by id (IANA ids on Linux), sorted by offset and then id.</summary>
    public static IReadOnlyList<TimeZoneInfo> TimeZones() =>
        [.. TimeZoneInfo.GetSystemTimeZones().OrderBy(z => z.BaseUtcOffset).ThenBy(z => z.Id, StringComparer.Ordinal)];

    public static bool IsHexColor(string? value) => value is not null && HexColor().IsMatch(value);

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>Field name (of <see cref="CompanySettingsInput"/>) to message for every problem; empty when the input is valid.</summary>
    public static Dictionary<string, string> Validate(CompanySettingsInput input)
    {
        var errors = new Dictionary<string, string>();
        void Check(bool ok, string field, string message)
        {
            if (!ok) errors.TryAdd(field, message);
        }

        var name = input.Name?.Trim() ?? "";
        Check(name.Length is > 0 and <= 200, nameof(input.Name), "Enter the company name (up to 200 characters).");
        var email = input.Email?.Trim() ?? "";
        Check(email.Length == 0 || (email.Length <= 256 && new EmailAddressAttribute().IsValid(email)), nameof(input.Email), "Enter a valid e-mail address, or leave it empty.");
        Check((input.Phone?.Trim().Length ?? 0) <= 40, nameof(input.Phone), "The phone number is too long (up to 40 characters).");
        Check((input.AddressLine1?.Trim().Length ?? 0) <= 200, nameof(input.AddressLine1), "Up to 200 characters.");
        Check((input.AddressLine2?.Trim().Length ?? 0) <= 200, nameof(input.AddressLine2), "Up to 200 characters.");
        Check((input.City?.Trim().Length ?? 0) <= 100, nameof(input.City), "Up to 100 characters.");
        Check((input.Region?.Trim().Length ?? 0) <= 100, nameof(input.Region), "Up to 100 characters.");
        Check((input.PostalCode?.Trim().Length ?? 0) <= 20, nameof(input.PostalCode), "Up to 20 characters.");
        var website = input.WebsiteUrl?.Trim() ?? "";
        Check(website.Length == 0 || (website.Length <= 500 && IsHttpUrl(website)), nameof(input.WebsiteUrl),
            "Enter the full address starting with https:// (or http://), or leave it empty.");
        Check(IsHexColor(input.AccentColor?.Trim()), nameof(input.AccentColor), "Enter the colour as # and six hex digits, e.g. #1565C0.");
        Check(CurrencyCodes.Contains(input.Currency?.Trim().ToUpperInvariant() ?? ""), nameof(input.Currency), "Choose a currency from the list.");
        Check(TimeZoneInfo.TryFindSystemTimeZoneById(input.TimeZoneId?.Trim() ?? "", out _), nameof(input.TimeZoneId), "Choose a time zone from the list.");
        var reviewUrl = input.PublicReviewUrl?.Trim() ?? "";
        Check(reviewUrl.Length == 0 || (reviewUrl.Length <= 500 && IsHttpUrl(reviewUrl)), nameof(input.PublicReviewUrl),
            "Enter the full review page address starting with https:// (or http://), or leave it empty.");
        Check(input.ReviewRatingThreshold is >= 1 and <= 5, nameof(input.ReviewRatingThreshold), "Choose a rating from 1 to 5 stars.");
        Check(input.InvoiceDueDays is >= 0 and <= 365, nameof(input.InvoiceDueDays), "Enter 0 to 365 days.");
        Check(input.EstimateValidDays is >= 1 and <= 365, nameof(input.EstimateValidDays), "Enter 1 to 365 days.");
        var tax = input.DefaultTaxRatePercent;
        Check(tax is >= 0 and <= 100 && decimal.Round(tax, MaxTaxDecimals) == tax,
            nameof(input.DefaultTaxRatePercent), "Enter a tax rate from 0 to 100 percent (at most 4 decimals).");
        return errors;
    }

    /// <summary>Applies valid input to the settings through their methods and returns a readable list of what changed, for the audit log.</summary>
    internal static List<string> Apply(CompanySettingsInput input, CompanySettings s)
    {
        var before = Describe(s);
        Require(s.UpdateBranding(input.Name, input.AccentColor));
        s.UpdateContactDetails(input.Email, input.Phone, input.ToAddress(), input.WebsiteUrl);
        s.ChangeCurrencyAndTimeZone(input.Currency, input.TimeZoneId);
        if (input.PortalEnabled) s.OpenPortal();
        else s.ClosePortal();
        s.ChangeModules(input.DefaultModules);
        s.ChangeJobSharing(input.ShowPicturesOnJobs, input.ShowDocumentsOnJobs, input.ShowPricesOnJobs);
        s.ChangePortalFeatures(input.CreditTopUpEnabled, input.DirectWorkOrdersEnabled);
        Require(s.ChangeReviewSettings(input.PublicReviewUrl, input.ReviewRatingThreshold));
        Require(s.ChangeDocumentDefaults(input.InvoiceDueDays, input.EstimateValidDays, input.DefaultTaxRatePercent));
        var after = Describe(s);
        return before.Zip(after).Where(pair => !Equals(pair.First.Value, pair.Second.Value))
            .Select(pair => $"{pair.First.Label}: {Show(pair.First.Value)} -> {Show(pair.Second.Value)}").ToList();
    }

    private static void Require(Result result)
    {
        // Validate ran first, so a refusal here is a rule the two places disagree on.
        if (!result.Succeeded) throw new InvalidOperationException($"Validated settings were refused: {result.Message}");
    }

    private static List<(string Label, object Value)> Describe(CompanySettings s) =>
    [
        ("name", s.Name),
        ("e-mail", s.Email),
        ("phone", s.Phone),
        ("address", s.Address),
        ("website", s.WebsiteUrl),
        ("accent colour", s.AccentColor),
        ("currency", s.Currency),
        ("time zone", s.TimeZoneId),
        ("portal for all customers", s.PortalEnabled),
        ("default modules", s.DefaultModules),
        ("pictures on jobs", s.ShowPicturesOnJobs),
        ("documents on jobs", s.ShowDocumentsOnJobs),
        ("prices on jobs", s.ShowPricesOnJobs),
        ("credit top-up", s.CreditTopUpEnabled),
        ("direct work orders", s.DirectWorkOrdersEnabled),
        ("public review URL", s.PublicReviewUrl),
        ("review threshold", s.ReviewRatingThreshold),
        ("invoice due days", s.InvoiceDueDays),
        ("estimate valid days", s.EstimateValidDays),
        ("default tax rate %", s.DefaultTaxRatePercent),
    ];

    private static string Show<T>(T value) => value switch
    {
        bool b => b ? "on" : "off",
        Access.PortalModules m => m == Access.PortalModules.None ? "none" : string.Join(", ", Access.PortalModuleVisibility.Each(m)),
        string { Length: 0 } => "(empty)",
        Address a => a.IsEmpty ? "(empty)" : a.SingleLine,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    private static Dictionary<string, string> LoadCurrencyNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
            {
                RegionInfo region;
                try { region = new RegionInfo(culture.Name); }
                catch (ArgumentException) { continue; }
                names.TryAdd(region.ISOCurrencySymbol, region.CurrencyEnglishName);
            }
        }
        catch (CultureNotFoundException)
        {
            // Invariant globalization mode has no region data; the codes alone still work.
        }
        return names;
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColor();
}
