using System.Globalization;
using System.Security.Claims;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Web.Access;

/// <summary>
/// Turns a signed-in principal into an <see cref="Actor"/>, reading the user's current permissions, lock status and
/// module visibility from the database, so a change by staff takes effect on the user's next request or page.
/// While a customer's portal is closed (for everyone or for that customer) its users resolve with no modules.
/// A principal whose security stamp no longer matches its account (signed out, password changed, locked) and a locked
/// portal user resolve to no actor, so every page, endpoint, hub call and circuit that asks here refuses a stale session.
/// </summary>
public sealed class ActorResolver(IDbContextFactory<PortalDbContext> dbFactory, IOptions<IdentityOptions> identity)
{
    /// <summary>The actor as signed in: staff stay staff even while they view a customer's portal elsewhere.</summary>
    public Task<Actor?> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct = default) => ResolveAsync(principal, portalArea: false, ct);

    /// <summary>
    /// The actor for portal pages and endpoints: a staff member who started "view as customer" becomes that customer's
    /// read-only actor (<see cref="Actor.IsViewAsCustomer"/>); staff who are not viewing a customer get none.
    /// </summary>
    public Task<Actor?> ResolveForPortalAsync(ClaimsPrincipal principal, CancellationToken ct = default) => ResolveAsync(principal, portalArea: true, ct);

    /// <summary>For HTTP endpoints: the portal actor under /portal, the signed-in actor elsewhere.</summary>
    public Task<Actor?> ResolveAsync(HttpContext context) =>
        ResolveAsync(context.User, context.Request.Path.StartsWithSegments("/portal"), context.RequestAborted);

    private async Task<Actor?> ResolveAsync(ClaimsPrincipal principal, bool portalArea, CancellationToken ct)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        if (TryGetId(principal, AccountClaims.StaffUserId, out var staffUserId))
        {
            var staff = await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffUserId && s.IsActive, ct);
            if (staff is null || !await StampMatchesAsync(db, principal, staff.AccountId, ct)) return null;
            if (!portalArea) return staff.ToActor();

            // Portal pages only ever get a customer actor: staff without a (still existing) viewed customer get none.
            if (!TryGetId(principal, AccountClaims.ViewAsCustomerId, out var viewedCustomerId)) return null;
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == viewedCustomerId)
                .Select(c => new { c.DisplayName, c.ModuleOverrides, c.PortalEnabled }).SingleOrDefaultAsync(ct);
            if (customer is null) return null;
            var company = await CompanyAsync(db, ct);
            var modules = customer.PortalEnabled && company.PortalEnabled
                ? PortalModuleVisibility.ForCustomer(company.DefaultModules, customer.ModuleOverrides)
                : PortalModules.None;
            return ViewAsCustomer.ActorFor(staff.Id, viewedCustomerId, customer.DisplayName, modules);
        }

        if (TryGetId(principal, AccountClaims.PortalUserId, out var portalUserId))
        {
            var user = await db.PortalUsers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == portalUserId, ct);
            if (user is null || user.Status == PortalUserStatus.Locked || !await StampMatchesAsync(db, principal, user.AccountId, ct)) return null;
            var customer = await db.Customers.Where(c => c.Id == user.CustomerId)
                .Select(c => new { c.ModuleOverrides, c.PortalEnabled }).SingleAsync(ct);
            var company = await CompanyAsync(db, ct);
            var actor = user.ToActor(company.DefaultModules, customer.ModuleOverrides);
            return customer.PortalEnabled && company.PortalEnabled ? actor : actor with { Modules = PortalModules.None };
        }

        return null;
    }

    /// <summary>Is the principal's security stamp the account's current one? A principal without a stamp is never current.</summary>
    private async Task<bool> StampMatchesAsync(PortalDbContext db, ClaimsPrincipal principal, string? accountId, CancellationToken ct)
    {
        var claimed = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (string.IsNullOrEmpty(claimed) || accountId is null) return false;
        var current = await db.Users.Where(u => u.Id == accountId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(ct);
        return string.Equals(current, claimed, StringComparison.Ordinal);
    }

    private static async Task<CompanySettings> CompanyAsync(PortalDbContext db, CancellationToken ct) =>
        await db.CompanySettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new CompanySettings();

    private static bool TryGetId(ClaimsPrincipal principal, string claim, out int id) =>
        int.TryParse(principal.FindFirstValue(claim), NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
