using System.Security.Claims;
using System.Security.Cryptography;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Payments;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Web.Security;

/// <summary>Sessions checked on every request, the hosts the app answers to, and the security headers of every response.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>Call after the Identity cookie is configured: it adds to that cookie's events.</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureApplicationCookie(cookie => cookie.Events.OnValidatePrincipal = Sessions.ValidateAsync);

        // Empty AllowedHosts: the host of App:PublicBaseUrl plus loopback. A request for any other Host gets 400.
        services.Configure<HostFilteringOptions>(options =>
        {
            var configured = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            options.AllowedHosts = configured.Length > 0 ? configured : DefaultHosts(configuration);
        });
        return services;
    }

    internal static string[] DefaultHosts(IConfiguration configuration)
    {
        var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        var publicBase = configuration[$"{PortalLinkOptions.Section}:{nameof(PortalLinkOptions.PublicBaseUrl)}"] ?? new PortalLinkOptions().PublicBaseUrl;
        if (Uri.TryCreate(publicBase, UriKind.Absolute, out var uri) && !hosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            hosts.Add(uri.Host);
        return [.. hosts];
    }

    /// <summary>Content-Security-Policy and the other security headers, on every response. Runs first in the pipeline.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        var stripe = app.Services.GetRequiredService<IOptions<PaymentsOptions>>().Value.Effective == PaymentProcessorKind.Stripe;
        app.Use(async (context, next) =>
        {
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // hex: the same length in every page once HTML-encoded
            context.Items[SecurityHeaders.NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                SecurityHeaders.Apply(context.Response, nonce, stripe);
                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}

/// <summary>The headers every response carries. Endpoints that serve user files set a stricter policy of their own, which wins.</summary>
public static class SecurityHeaders
{
    public const string NonceKey = "cp:csp-nonce";

    private const string BlazorFrameAncestors = "frame-ancestors 'self'";

    /// <summary>
    /// Only the app's own scripts (and the nonce of Blazor's inline import map). Styles allow inline because MudBlazor
    /// writes style attributes. connect-src 'self' covers the circuit's WebSocket. With Stripe connected, Stripe.js and
    /// its frames (the Payment Element, 3-D Secure) and its API are allowed too, and nothing else.
    /// </summary>
    public static string Policy(string nonce, bool stripe = false) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'{(stripe ? " https://js.stripe.com https://*.js.stripe.com" : "")}; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        $"connect-src 'self'{(stripe ? " https://api.stripe.com" : "")}; " +
        $"frame-src 'self'{(stripe ? " https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com" : "")}; " +
        "frame-ancestors 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), bluetooth=(), serial=(), hid=(), midi=(), " +
        "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=()";

    /// <summary>With Stripe connected, its frames may use the Payment Request API (Apple Pay, Google Pay).</summary>
    public static readonly string StripePermissionsPolicy = PermissionsPolicy.Replace("payment=()", "payment=(self \"https://js.stripe.com\")");

    /// <summary>The nonce of this request, for the few inline elements the framework renders (the import map).</summary>
    public static string? NonceOf(HttpContext? context) => context?.Items[NonceKey] as string;

    internal static void Apply(HttpResponse response, string nonce, bool stripe = false)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = stripe ? StripePermissionsPolicy : PermissionsPolicy;
        if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.XFrameOptions)) headers.XFrameOptions = "SAMEORIGIN";
        // Chromium's PDF viewer counts as a plugin, so object-src 'none' would blank a PDF; PDFs get only frame-ancestors.
        var isPdf = response.ContentType?.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase) == true;
        // Blazor puts a bare frame-ancestors policy on its pages; that one is replaced by the whole policy.
        var existing = headers.ContentSecurityPolicy.ToString();
        if (existing.Length == 0 || existing == BlazorFrameAncestors)
            headers.ContentSecurityPolicy = isPdf ? BlazorFrameAncestors : Policy(nonce, stripe);
    }
}

/// <summary>
/// The sign-in cookie is checked against the account on every request: a cookie whose security stamp is no longer the
/// account's (signed out, password changed or reset, locked, removed) is refused at once, not after a validation interval.
/// </summary>
internal static class Sessions
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.Identity?.IsAuthenticated != true) return;
        var claims = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var accountId = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        var current = accountId is null || stamp is null ? null : await CurrentStampAsync(context.HttpContext, accountId);
        if (current is not null && string.Equals(current, stamp, StringComparison.Ordinal)) return;

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static async Task<string?> CurrentStampAsync(HttpContext http, string accountId)
    {
        var dbFactory = http.RequestServices.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
        return await db.Users.Where(u => u.Id == accountId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(http.RequestAborted);
    }
}
