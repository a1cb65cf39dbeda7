using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Data;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Web.Account;

public static class AccountEndpoints
{
    public const string SignOutPath = "/account/logout";
    public const string SignOutOtherDevicesPath = "/account/logout-other-devices";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Sign-out ends every session of the account (new security stamp), so a cookie copied before it is worthless.
        // Both posts need the antiforgery token: a form on another site must not be able to sign anyone out.
        endpoints.MapPost(SignOutPath, async (HttpContext context, SignInManager<AppUser> signInManager, PortalDbContext db, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            var wasPortal = context.User.FindFirst(AccountClaims.Kind)?.Value == nameof(AccountKind.Portal);
            await EndSessionsAsync(signInManager.UserManager, db, context.User);
            await signInManager.SignOutAsync();
            // "Sign out and continue" on a link that belongs to someone else comes back to that link.
            var returnUrl = context.Request.HasFormContentType ? context.Request.Form["returnUrl"].ToString() : null;
            return Results.LocalRedirect(ReturnUrls.OrDefault(returnUrl, wasPortal ? "/portal/login" : "/account/login"));
        });

        // Ends the sessions on every other device and keeps this browser signed in with a fresh cookie.
        endpoints.MapPost(SignOutOtherDevicesPath, async (HttpContext context, SignInManager<AppUser> signInManager, PortalDbContext db, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            var account = await signInManager.UserManager.GetUserAsync(context.User);
            if (account is null) return Results.LocalRedirect("/account/login");
            var current = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            account = await EndSessionsAsync(signInManager.UserManager, db, context.User);
            if (account is null) return Results.LocalRedirect("/account/login");
            await signInManager.SignInAsync(account, current.Properties ?? new AuthenticationProperties());
            return Results.LocalRedirect(account.Kind == AccountKind.Portal ? "/portal" : "/staff");
        });
    }

    /// <summary>Gives the account a new security stamp; tried again on fresh data when another save of the account got there first.</summary>
    private static async Task<AppUser?> EndSessionsAsync(UserManager<AppUser> users, PortalDbContext db, System.Security.Claims.ClaimsPrincipal principal)
    {
        var account = await users.GetUserAsync(principal);
        for (var attempt = 0; account is not null && attempt < 3; attempt++)
        {
            if ((await users.UpdateSecurityStampAsync(account)).Succeeded) return account;
            await db.Entry(account).ReloadAsync();
            if (db.Entry(account).State == EntityState.Detached) return null;
        }
        if (account is null) return null;
        throw new InvalidOperationException("The account's sessions could not be ended: it kept changing.");
    }
}
