using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Company;

/// <summary>The business's own settings; one row. Branding, portal defaults and what customers may see and do.</summary>
public sealed class CompanySettings : IVersioned
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;
    public string Name { get; set; } = "My Company";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public Address Address { get; set; } = Address.Empty;
    public string WebsiteUrl { get; set; } = "";

    /// <summary>Stored file name of the logo in the file store, or empty for none.</summary>
    public string LogoFileName { get; set; } = "";
    public string LogoContentType { get; set; } = "";
    public string AccentColor { get; set; } = "#1565C0";

    /// <summary>ISO 4217 code, e.g. USD.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>IANA time zone id in which dates are shown, e.g. America/Chicago.</summary>
    public string TimeZoneId { get; set; } = "America/New_York";

    public bool PortalEnabled { get; set; } = true;
    public PortalModules DefaultModules { get; set; } = PortalModules.All;
    public bool ShowPicturesOnJobs { get; set; } = true;
    public bool ShowDocumentsOnJobs { get; set; } = true;
    public bool ShowPricesOnJobs { get; set; } = true;
    public bool CreditTopUpEnabled { get; set; } = true;
    public bool DirectWorkOrdersEnabled { get; set; }
    public string PublicReviewUrl { get; set; } = "";

    /// <summary>Reviews at or above this rating are offered the public review link; lower ones stay private.</summary>
    public int ReviewRatingThreshold { get; set; } = 4;

    /// <summary>Default payment terms in days for new invoices.</summary>
    public int InvoiceDueDays { get; set; } = 30;

    /// <summary>Default validity in days for new estimates.</summary>
    public int EstimateValidDays { get; set; } = 30;

    /// <summary>Default tax rate in percent for new line items.</summary>
    public decimal DefaultTaxRatePercent { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
    public int Version { get; set; }

    public TimeZoneInfo TimeZone =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public DateOnly Today(DateTime nowUtc) => DateOnly.FromDateTime(ToLocal(nowUtc));
}
