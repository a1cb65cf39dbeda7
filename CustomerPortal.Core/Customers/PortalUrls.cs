namespace CustomerPortal.Core.Customers;

/// <summary>The portal's public addresses. The base URL is <c>App:PublicBaseUrl</c>; see <see cref="Documents.PortalLinks"/>.</summary>
public static class PortalUrls
{
    public const string LoginPath = "/portal/login";

    public static string CustomerPath(string portalIdentifier) => $"/portal/c/{Uri.EscapeDataString(portalIdentifier)}";

    /// <summary>Joins a base URL ("https://example.com/" or "https://example.com/app") and an app path ("/portal/login").</summary>
    public static string Absolute(string baseUrl, string path) => baseUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    public static string LoginUrl(string baseUrl) => Absolute(baseUrl, LoginPath);

    public static string CustomerUrl(string baseUrl, string portalIdentifier) => Absolute(baseUrl, CustomerPath(portalIdentifier));
}
