using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Documents;

/// <summary>Where customers reach the portal from outside (e-mails, printed PDFs). Config: <c>App:PublicBaseUrl</c>.</summary>
public sealed class PortalLinkOptions
{
    public const string Section = "App";

    /// <summary>Absolute base address of the site as customers see it, e.g. https://portal.example.com.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5252";
}

/// <summary>Absolute addresses of portal pages, for e-mails and for the "check this document" line on PDFs.</summary>
public sealed class PortalLinks(IOptions<PortalLinkOptions> options)
{
    public string Absolute(string path) => Customers.PortalUrls.Absolute(options.Value.PublicBaseUrl, path);

    public string Estimate(int id) => Absolute($"/portal/estimates/{id}");

    public string Invoice(int id) => Absolute($"/portal/invoices/{id}");

    public string Payment(int id) => Absolute($"/portal/payments/{id}");
}
