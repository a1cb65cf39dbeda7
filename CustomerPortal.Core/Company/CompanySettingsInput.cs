using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Company;

/// <summary>The settings form: everything an admin edits except the logo, which is uploaded on its own.</summary>
public sealed class CompanySettingsInput
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public string AddressLine1 { get; set; } = "";
    public string AddressLine2 { get; set; } = "";
    public string City { get; set; } = "";
    public string Region { get; set; } = "";
    public string PostalCode { get; set; } = "";
    public string WebsiteUrl { get; set; } = "";
    public string AccentColor { get; set; } = "";
    public string Currency { get; set; } = "";
    public string TimeZoneId { get; set; } = "";
    public bool PortalEnabled { get; set; }
    public PortalModules DefaultModules { get; set; }
    public bool ShowPicturesOnJobs { get; set; }
    public bool ShowDocumentsOnJobs { get; set; }
    public bool ShowPricesOnJobs { get; set; }
    public bool CreditTopUpEnabled { get; set; }
    public bool DirectWorkOrdersEnabled { get; set; }
    public string PublicReviewUrl { get; set; } = "";
    public int ReviewRatingThreshold { get; set; }
    public int InvoiceDueDays { get; set; }
    public int EstimateValidDays { get; set; }
    public decimal DefaultTaxRatePercent { get; set; }

    /// <summary>The settings version the form was loaded at.</summary>
    public int Version { get; set; }

    public static CompanySettingsInput From(CompanySettings s) => new()
    {
        Name = s.Name,
        Email = s.Email,
        Phone = s.Phone,
        AddressLine1 = s.Address.Line1,
        AddressLine2 = s.Address.Line2,
        City = s.Address.City,
        Region = s.Address.Region,
        PostalCode = s.Address.PostalCode,
        WebsiteUrl = s.WebsiteUrl,
        AccentColor = s.AccentColor,
        Currency = s.Currency,
        TimeZoneId = s.TimeZoneId,
        PortalEnabled = s.PortalEnabled,
        DefaultModules = s.DefaultModules,
        ShowPicturesOnJobs = s.ShowPicturesOnJobs,
        ShowDocumentsOnJobs = s.ShowDocumentsOnJobs,
        ShowPricesOnJobs = s.ShowPricesOnJobs,
        CreditTopUpEnabled = s.CreditTopUpEnabled,
        DirectWorkOrdersEnabled = s.DirectWorkOrdersEnabled,
        PublicReviewUrl = s.PublicReviewUrl,
        ReviewRatingThreshold = s.ReviewRatingThreshold,
        InvoiceDueDays = s.InvoiceDueDays,
        EstimateValidDays = s.EstimateValidDays,
        DefaultTaxRatePercent = s.DefaultTaxRatePercent,
        Version = s.Version,
    };

    internal Address ToAddress() => new(AddressLine1.Trim(), AddressLine2.Trim(), City.Trim(), Region.Trim(), PostalCode.Trim());
}
