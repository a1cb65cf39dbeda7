using CustomerPortal.Core.Accounts;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace CustomerPortal.Web.Account;

public static class AccountEndpoints
{
    public const string SignOutPath = "/account/logout";
    public const string SignOutOtherDevicesPath = "/account/logout-other-devices";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Sign-out ends every session of the account (new security stamp), so a cookie copied before it is worthless.
        // Both posts need the antiforgery token: a form on another site must not be able to sign anyone out.
        endpoints.MapPost(SignOutPath, async (HttpContext context, SignInManager<AppUser> signInManager, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            var wasPortal = context.User.FindFirst(AccountClaims.Kind)?.Value == nameof(AccountKind.Portal);
            if (await signInManager.UserManager.GetUserAsync(context.User) is { } account)
                await signInManager.UserManager.UpdateSecurityStampAsync(account);
            await signInManager.SignOutAsync();
            return Results.LocalRedirect(wasPortal ? "/portal/login" : "/account/login");
        });

        // Ends the sessions on every other device and keeps this browser signed in with a fresh cookie.
        endpoints.MapPost(SignOutOtherDevicesPath, async (HttpContext context, SignInManager<AppUser> signInManager, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            var account = await signInManager.UserManager.GetUserAsync(context.User);
            if (account is null) return Results.LocalRedirect("/account/login");
            var current = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            await signInManager.UserManager.UpdateSecurityStampAsync(account);
            await signInManager.SignInAsync(account, current.Properties ?? new AuthenticationProperties());
            return Results.LocalRedirect(account.Kind == AccountKind.Portal ? "/portal" : "/staff");
        });
    }
}
