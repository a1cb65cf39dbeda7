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

/// <summary>
/// Absolute addresses of portal pages, for e-mails, PDFs, copied links and the website-button snippet. Every absolute
/// link the app writes starts with <c>App:PublicBaseUrl</c>, never with the Host of a request, which a client can forge.
/// </summary>
public sealed class PortalLinks(IOptions<PortalLinkOptions> options)
{
    public string BaseUrl => options.Value.PublicBaseUrl;

    public string Login => Customers.PortalUrls.LoginUrl(options.Value.PublicBaseUrl);

    public string Customer(string portalIdentifier) => Customers.PortalUrls.CustomerUrl(options.Value.PublicBaseUrl, portalIdentifier);

    public string Absolute(string path) => Customers.PortalUrls.Absolute(options.Value.PublicBaseUrl, path);

    public string Estimate(int id) => Absolute(PortalPaths.Estimate(id));

    public string Invoice(int id) => Absolute(PortalPaths.Invoice(id));

    public string Payment(int id) => Absolute(PortalPaths.Payment(id));

    /// <summary>A message thread in the staff inbox, for a staff notification.</summary>
    public string StaffThread(int id) => Absolute($"/staff/messages/{id}");
}
