using System.Security.Claims;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Web.Access;

/// <summary>Adds who the account is (staff user or portal user and customer) to the cookie at sign-in.</summary>
internal sealed class AccountClaimsPrincipalFactory(
    UserManager<AppUser> userManager, IOptions<IdentityOptions> options, IDbContextFactory<PortalDbContext> dbFactory)
    : UserClaimsPrincipalFactory<AppUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AccountClaims.Kind, user.Kind.ToString()));
        await using var db = await dbFactory.CreateDbContextAsync();
        if (user.Kind == AccountKind.Staff)
        {
            var staff = await db.StaffUsers.AsNoTracking().SingleAsync(s => s.AccountId == user.Id);
            identity.AddClaim(new Claim(AccountClaims.StaffUserId, staff.Id.ToString()));
            identity.AddClaim(new Claim(AccountClaims.Role, staff.Role.ToString()));
        }
        else
        {
            var portalUser = await db.PortalUsers.AsNoTracking().SingleAsync(p => p.AccountId == user.Id);
            identity.AddClaim(new Claim(AccountClaims.PortalUserId, portalUser.Id.ToString()));
            identity.AddClaim(new Claim(AccountClaims.CustomerId, portalUser.CustomerId.ToString()));
        }
        return identity;
    }
}
