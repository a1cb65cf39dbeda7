using System.Globalization;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Files;

namespace CustomerPortal.Web.Staff.Settings;

public static class LogoEndpoints
{
    /// <summary>GET /branding/logo: the company logo for every page, signed in or not (the sign-in pages show it too).</summary>
    public static void MapLogoEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/branding/logo", async (HttpContext context, CompanySettingsService company, IFileStore files) =>
            {
                var settings = await company.GetAsync(context.RequestAborted);
                var stream = settings.LogoFileName.Length == 0 ? null : await files.OpenReadAsync(settings.LogoFileName, context.RequestAborted);
                if (stream is null) return Results.NotFound();

                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                // An SVG opened on its own is a document: it may draw, never run or load anything.
                headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
                // Layouts ask for ?v={version}; that exact address never changes, any other one is checked every time.
                var current = context.Request.Query["v"] == settings.Version.ToString(CultureInfo.InvariantCulture);
                headers.CacheControl = current ? "public, max-age=31536000, immutable" : "no-cache";
                return Results.File(stream, settings.LogoContentType);
            })
            .AllowAnonymous();
}
