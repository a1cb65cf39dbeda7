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
public sealed class ActorResolver(IDbContextFactory<PortalDbContext> dbFactory, IOptions<IdentityOptions> identity, CompanySettingsService companySettings)
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
        var claimedStamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        // A principal without a stamp is never current.
        if (string.IsNullOrEmpty(claimedStamp)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // One query per sign-in kind (the user, their account's stamp and, for portal users, their customer): this runs on
        // every page, endpoint and hub call.
        if (TryGetId(principal, AccountClaims.StaffUserId, out var staffUserId))
        {
            var signedIn = await StaffWithStamp(db, staffUserId).SingleOrDefaultAsync(ct);
            if (signedIn is null || !string.Equals(signedIn.Stamp, claimedStamp, StringComparison.Ordinal)) return null;
            var staff = signedIn.Staff;
            if (!portalArea) return staff.ToActor();

            // Portal pages only ever get a customer actor: staff without a (still existing) viewed customer get none.
            if (!TryGetId(principal, AccountClaims.ViewAsCustomerId, out var viewedCustomerId)) return null;
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == viewedCustomerId)
                .Select(c => new { c.DisplayName, c.ModuleOverrides, c.PortalEnabled }).SingleOrDefaultAsync(ct);
            if (customer is null) return null;
            var company = await companySettings.GetAsync(ct);
            var modules = customer.PortalEnabled && company.PortalEnabled
                ? PortalModuleVisibility.ForCustomer(company.DefaultModules, customer.ModuleOverrides)
                : PortalModules.None;
            return ViewAsCustomer.ActorFor(staff.Id, viewedCustomerId, customer.DisplayName, modules) with { AccountId = staff.AccountId };
        }

        if (TryGetId(principal, AccountClaims.PortalUserId, out var portalUserId))
        {
            var signedIn = await PortalUserWithStamp(db, portalUserId).SingleOrDefaultAsync(ct);
            if (signedIn is null || signedIn.User.Status == PortalUserStatus.Locked
                || !string.Equals(signedIn.Stamp, claimedStamp, StringComparison.Ordinal)) return null;
            var company = await companySettings.GetAsync(ct);
            var actor = signedIn.User.ToActor(company.DefaultModules, signedIn.ModuleOverrides);
            return signedIn.PortalEnabled && company.PortalEnabled ? actor : actor with { Modules = PortalModules.None };
        }

        return null;
    }

    private static IQueryable<SignedInStaff> StaffWithStamp(PortalDbContext db, int staffUserId) =>
        from staff in db.StaffUsers.AsNoTracking()
        where staff.Id == staffUserId && staff.IsActive
        join account in db.Users on staff.AccountId equals account.Id
        select new SignedInStaff(staff, account.SecurityStamp);

    private static IQueryable<SignedInPortalUser> PortalUserWithStamp(PortalDbContext db, int portalUserId) =>
        from user in db.PortalUsers.AsNoTracking()
        where user.Id == portalUserId
        join customer in db.Customers on user.CustomerId equals customer.Id
        join account in db.Users on user.AccountId equals account.Id
        select new SignedInPortalUser(user, customer.ModuleOverrides, customer.PortalEnabled, account.SecurityStamp);

    private sealed record SignedInStaff(StaffUser Staff, string? Stamp);

    private sealed record SignedInPortalUser(PortalUser User, PortalModules? ModuleOverrides, bool PortalEnabled, string? Stamp);

    private static bool TryGetId(ClaimsPrincipal principal, string claim, out int id) =>
        int.TryParse(principal.FindFirstValue(claim), NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
