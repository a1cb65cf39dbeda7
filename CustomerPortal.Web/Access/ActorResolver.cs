using System.Globalization;
using System.Security.Claims;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Web.Access;

/// <summary>
/// Turns a signed-in principal into an <see cref="Actor"/>, reading the user's current permissions, lock status and
/// module visibility from the database, so a change by staff takes effect on the user's next request or page.
/// </summary>
public sealed class ActorResolver(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<Actor?> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        if (TryGetId(principal, AccountClaims.StaffUserId, out var staffUserId))
        {
            var staff = await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffUserId && s.IsActive, ct);
            return staff?.ToActor();
        }

        if (TryGetId(principal, AccountClaims.PortalUserId, out var portalUserId))
        {
            var user = await db.PortalUsers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == portalUserId, ct);
            if (user is null) return null;
            var customerModules = await db.Customers.Where(c => c.Id == user.CustomerId).Select(c => c.ModuleOverrides).SingleAsync(ct);
            var company = await db.CompanySettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new CompanySettings();
            return user.ToActor(company.DefaultModules, customerModules);
        }

        return null;
    }

    private static bool TryGetId(ClaimsPrincipal principal, string claim, out int id) =>
        int.TryParse(principal.FindFirstValue(claim), NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
