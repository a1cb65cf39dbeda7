using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Data;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Tests.PortalAdmin;

/// <summary>Shortcuts for the portal-administration tests: services of the running app, staff actors, principals.</summary>
internal static partial class PortalAdminKit
{
    public static T Get<T>(this PortalAppFactory app) where T : notnull
    {
        _ = app.BaseUrl;
        return app.Services.GetRequiredService<T>();
    }

    public static async Task<(StaffUser Staff, Actor Actor)> StaffAsync(PortalAppFactory app, StaffRole role = StaffRole.Staff)
    {
        var staff = await TestAccounts.CreateStaffAsync(app, role);
        return (staff, staff.ToActor());
    }

    public static ClaimsPrincipal PortalPrincipal(PortalUser user) => new(new ClaimsIdentity(
    [
        new Claim(AccountClaims.Kind, nameof(AccountKind.Portal)),
        new Claim(AccountClaims.PortalUserId, user.Id.ToString()),
        new Claim(AccountClaims.CustomerId, user.CustomerId.ToString()),
    ], "test"));

    public static ClaimsPrincipal StaffPrincipal(StaffUser staff, int? viewAsCustomerId = null)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(AccountClaims.Kind, nameof(AccountKind.Staff)),
            new Claim(AccountClaims.StaffUserId, staff.Id.ToString()),
            new Claim(AccountClaims.Role, staff.Role.ToString()),
        ], "test");
        if (viewAsCustomerId is { } id) identity.AddClaim(new Claim(AccountClaims.ViewAsCustomerId, id.ToString()));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Resolves the principal as if it had just signed in: it carries the account's current security stamp.</summary>
    public static async Task<Actor?> ResolveAsync(PortalAppFactory app, ClaimsPrincipal principal, bool portalArea = false)
    {
        await using var scope = app.CreateScope();
        await AddCurrentStampAsync(scope.ServiceProvider, principal);
        var resolver = scope.ServiceProvider.GetRequiredService<ActorResolver>();
        return portalArea ? await resolver.ResolveForPortalAsync(principal) : await resolver.ResolveAsync(principal);
    }

    /// <summary>Adds the account's current security stamp to a hand-made principal, as signing in would.</summary>
    public static async Task<ClaimsPrincipal> WithCurrentStampAsync(PortalAppFactory app, ClaimsPrincipal principal)
    {
        await using var scope = app.CreateScope();
        await AddCurrentStampAsync(scope.ServiceProvider, principal);
        return principal;
    }

    private static async Task AddCurrentStampAsync(IServiceProvider services, ClaimsPrincipal principal)
    {
        var stampType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (principal.HasClaim(c => c.Type == stampType) || principal.Identity is not ClaimsIdentity identity) return;
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        string? accountId = null;
        if (int.TryParse(principal.FindFirstValue(AccountClaims.StaffUserId), out var staffId))
            accountId = await db.StaffUsers.Where(s => s.Id == staffId).Select(s => s.AccountId).SingleOrDefaultAsync();
        else if (int.TryParse(principal.FindFirstValue(AccountClaims.PortalUserId), out var portalUserId))
            accountId = await db.PortalUsers.Where(p => p.Id == portalUserId).Select(p => p.AccountId).SingleOrDefaultAsync();
        var stamp = accountId is null ? null : await db.Users.Where(u => u.Id == accountId).Select(u => u.SecurityStamp).SingleOrDefaultAsync();
        if (stamp is not null) identity.AddClaim(new Claim(stampType, stamp));
    }

    /// <summary>The antiforgery token a signed-in page carries (every layout has the sign-out form).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {path}.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    public static Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string path, string token) =>
        client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
