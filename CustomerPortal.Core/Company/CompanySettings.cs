using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Company;

/// <summary>The business's own settings; one row. Branding, portal defaults and what customers may see and do.</summary>
public sealed class CompanySettings : IVersioned
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;
    public string Name { get; private set; } = "My Company";
    public string Email { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public Address Address { get; private set; } = Address.Empty;
    public string WebsiteUrl { get; private set; } = "";

    /// <summary>Stored file name of the logo in the file store, or empty for none.</summary>
    public string LogoFileName { get; private set; } = "";
    public string LogoContentType { get; private set; } = "";
    public string AccentColor { get; private set; } = "#1565C0";

    /// <summary>ISO 4217 code, e.g. USD.</summary>
    public string Currency { get; private set; } = "USD";

    /// <summary>IANA time zone id in which dates are shown, e.g. America/Chicago.</summary>
    public string TimeZoneId { get; private set; } = "America/New_York";

    public bool PortalEnabled { get; private set; } = true;
    public PortalModules DefaultModules { get; private set; } = PortalModules.All;
    public bool ShowPicturesOnJobs { get; private set; } = true;
    public bool ShowDocumentsOnJobs { get; private set; } = true;
    public bool ShowPricesOnJobs { get; private set; } = true;
    public bool CreditTopUpEnabled { get; private set; } = true;

    /// <summary>Customers may pay by card in the portal.</summary>
    public bool CardPaymentsEnabled { get; private set; } = true;

    /// <summary>Customers may pay part of an invoice by card, at least <see cref="MinimumPartPayment"/>.</summary>
    public bool PartPaymentsAllowed { get; private set; }
    public decimal MinimumPartPayment { get; private set; } = 10m;

    /// <summary>Limits of one account-credit top-up by card.</summary>
    public decimal CreditTopUpMinimum { get; private set; } = 10m;
    public decimal CreditTopUpMaximum { get; private set; } = 5000m;

    /// <summary>
    /// What the portal's invoice page tells customers about paying without a card (bank details, checks), as plain text;
    /// empty shows nothing.
    /// </summary>
    public string OtherWaysToPay { get; private set; } = "";
    public bool DirectWorkOrdersEnabled { get; private set; }
    public string PublicReviewUrl { get; private set; } = "";

    /// <summary>Reviews at or above this rating are offered the public review link; lower ones stay private.</summary>
    public int ReviewRatingThreshold { get; private set; } = 4;

    /// <summary>Default payment terms in days for new invoices.</summary>
    public int InvoiceDueDays { get; private set; } = 30;

    /// <summary>Default validity in days for new estimates.</summary>
    public int EstimateValidDays { get; private set; } = 30;

    /// <summary>Default tax rate in percent for new line items.</summary>
    public decimal DefaultTaxRatePercent { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }
    public int Version { get; private set; }

    int IVersioned.Version { get => Version; set => Version = value; }

    /// <summary>The defaults of a company that has saved nothing yet.</summary>
    public CompanySettings() { }

    /// <summary>The name and colour customers see on every page and document.</summary>
    public Result UpdateBranding(string name, string accentColor)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 200) return Result.Invalid(nameof(Name), "Enter the company name (up to 200 characters).");
        if (!CompanySettingsRules.IsHexColor(accentColor.Trim()))
            return Result.Invalid(nameof(AccentColor), "Enter the colour as # and six hex digits, e.g. #1565C0.");
        Name = trimmed;
        AccentColor = accentColor.Trim().ToUpperInvariant();
        return Result.Success();
    }

    public void UpdateContactDetails(string email, string phone, Address address, string websiteUrl)
    {
        Email = email.Trim();
        Phone = phone.Trim();
        Address = address;
        WebsiteUrl = websiteUrl.Trim();
    }

    /// <summary>A new logo was stored in the file store under <paramref name="fileName"/>.</summary>
    public void ChangeLogo(string fileName, string contentType)
    {
        LogoFileName = fileName;
        LogoContentType = contentType;
    }

    public void RemoveLogo()
    {
        LogoFileName = "";
        LogoContentType = "";
    }

    public void ChangeCurrencyAndTimeZone(string currency, string timeZoneId)
    {
        Currency = currency.Trim().ToUpperInvariant();
        TimeZoneId = timeZoneId.Trim();
    }

    public void OpenPortal() => PortalEnabled = true;

    public void ClosePortal() => PortalEnabled = false;

    /// <summary>The modules customers see unless their own set says otherwise.</summary>
    public void ChangeModules(PortalModules defaults) => DefaultModules = defaults & PortalModules.All;

    /// <summary>What customers see on their job pages.</summary>
    public void ChangeJobSharing(bool showPictures, bool showDocuments, bool showPrices)
    {
        ShowPicturesOnJobs = showPictures;
        ShowDocumentsOnJobs = showDocuments;
        ShowPricesOnJobs = showPrices;
    }

    public void ChangePortalFeatures(bool creditTopUpEnabled, bool directWorkOrdersEnabled)
    {
        CreditTopUpEnabled = creditTopUpEnabled;
        DirectWorkOrdersEnabled = directWorkOrdersEnabled;
    }

    /// <summary>How customers may pay in the portal: card payments on or off, part payments and their minimum, credit top-up limits.</summary>
    public Result ChangePaymentSettings(bool cardPaymentsEnabled, bool partPaymentsAllowed, decimal minimumPartPayment, bool creditTopUpEnabled,
        decimal creditTopUpMinimum, decimal creditTopUpMaximum)
    {
        if (minimumPartPayment < 0 || decimal.Round(minimumPartPayment, 2) != minimumPartPayment)
            return Result.Invalid(nameof(MinimumPartPayment), "Enter the smallest part payment in whole cents (0 for no minimum).");
        if (creditTopUpMinimum <= 0 || decimal.Round(creditTopUpMinimum, 2) != creditTopUpMinimum)
            return Result.Invalid(nameof(CreditTopUpMinimum), "Enter the smallest top-up, more than zero, in whole cents.");
        if (creditTopUpMaximum < creditTopUpMinimum || creditTopUpMaximum > 1_000_000m || decimal.Round(creditTopUpMaximum, 2) != creditTopUpMaximum)
            return Result.Invalid(nameof(CreditTopUpMaximum), "Enter the largest top-up: at least the smallest, at most 1,000,000, in whole cents.");
        CardPaymentsEnabled = cardPaymentsEnabled;
        PartPaymentsAllowed = partPaymentsAllowed;
        MinimumPartPayment = minimumPartPayment;
        CreditTopUpEnabled = creditTopUpEnabled;
        CreditTopUpMinimum = creditTopUpMinimum;
        CreditTopUpMaximum = creditTopUpMaximum;
        return Result.Success();
    }

    public const int OtherWaysToPayMaxLength = 1000;

    /// <summary>The instructions for paying without a card shown to customers.</summary>
    public Result ChangeOtherWaysToPay(string text)
    {
        text = text.Trim();
        if (text.Length > OtherWaysToPayMaxLength)
            return Result.Invalid(nameof(OtherWaysToPay), $"Keep the other ways to pay to {OtherWaysToPayMaxLength} characters.");
        OtherWaysToPay = text;
        return Result.Success();
    }

    public Result ChangeReviewSettings(string publicReviewUrl, int ratingThreshold)
    {
        if (ratingThreshold is < 1 or > 5) return Result.Invalid(nameof(ReviewRatingThreshold), "Choose a rating from 1 to 5 stars.");
        var url = publicReviewUrl.Trim();
        if (url.Length > 0 && !CompanySettingsRules.IsHttpUrl(url))
            return Result.Invalid(nameof(PublicReviewUrl), "Enter the full review page address starting with https:// (or http://), or leave it empty.");
        PublicReviewUrl = url;
        ReviewRatingThreshold = ratingThreshold;
        return Result.Success();
    }

    /// <summary>The defaults new invoices, estimates and line items start with.</summary>
    public Result ChangeDocumentDefaults(int invoiceDueDays, int estimateValidDays, decimal defaultTaxRatePercent)
    {
        if (invoiceDueDays is < 0 or > 365) return Result.Invalid(nameof(InvoiceDueDays), "Enter 0 to 365 days.");
        if (estimateValidDays is < 1 or > 365) return Result.Invalid(nameof(EstimateValidDays), "Enter 1 to 365 days.");
        if (defaultTaxRatePercent is < 0 or > 100 || decimal.Round(defaultTaxRatePercent, CompanySettingsRules.MaxTaxDecimals) != defaultTaxRatePercent)
            return Result.Invalid(nameof(DefaultTaxRatePercent), "Enter a tax rate from 0 to 100 percent (at most 4 decimals).");
        InvoiceDueDays = invoiceDueDays;
        EstimateValidDays = estimateValidDays;
        DefaultTaxRatePercent = defaultTaxRatePercent;
        return Result.Success();
    }

    /// <summary>Stamps the time of an admin's save.</summary>
    public void MarkEdited(DateTime nowUtc) => UpdatedAtUtc = nowUtc;


    public TimeZoneInfo TimeZone =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public DateOnly Today(DateTime nowUtc) => DateOnly.FromDateTime(ToLocal(nowUtc));
}
