using CustomerPortal.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace CustomerPortal.Web.Account;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context, SignInManager<AppUser> signInManager) =>
        {
            var wasPortal = context.User.FindFirst(Access.AccountClaims.Kind)?.Value == nameof(AccountKind.Portal);
            await signInManager.SignOutAsync();
            return Results.LocalRedirect(wasPortal ? "/portal/login" : "/account/login");
        });
    }
}
