using System.Globalization;
using System.Security.Claims;
using CustomerPortal.Core.Customers;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace CustomerPortal.Web.Staff.Customers;

/// <summary>
/// "View as customer": staff start it from a customer's portal tab and leave it from the banner. The customer id rides
/// on the staff member's own sign-in cookie, so it reaches interactive circuits too; only /portal pages read it.
/// </summary>
public static class ViewAsCustomerEndpoints
{
    public const string ExitPath = "/portal/view-as/exit";

    public static string StartPath(int customerId) => $"/staff/customers/{customerId}/view-as";

    /// <summary>Keeps the view-as claim when Identity refreshes the cookie (it rebuilds the principal from the database).</summary>
    public static IServiceCollection AddViewAsCustomer(this IServiceCollection services) =>
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            var viewAs = context.CurrentPrincipal?.FindFirst(AccountClaims.ViewAsCustomerId);
            if (viewAs is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                identity.AddClaim(new Claim(AccountClaims.ViewAsCustomerId, viewAs.Value));
            return Task.CompletedTask;
        });

    public static void MapViewAsCustomerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/staff/customers/{customerId:int}/view-as", async (int customerId, HttpContext context, IAntiforgery antiforgery,
                ActorResolver actors, CustomerPortalService portal) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
                var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
                if (actor is null) return Results.Forbid();
                var started = await portal.StartViewAsAsync(actor, customerId, IpOf(context), context.RequestAborted);
                if (!started.Succeeded) return started.Kind == Core.Common.ResultKind.NotFound ? Results.NotFound() : Results.Forbid();
                await ReissueCookieAsync(context, customerId);
                return Results.LocalRedirect("/portal");
            })
            .RequireAuthorization(Policies.Staff);

        endpoints.MapPost(ExitPath, async (HttpContext context, IAntiforgery antiforgery, ActorResolver actors, CustomerPortalService portal) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
                var viewed = context.User.FindFirstValue(AccountClaims.ViewAsCustomerId);
                if (viewed is null || !int.TryParse(viewed, NumberStyles.None, CultureInfo.InvariantCulture, out var customerId))
                    return Results.LocalRedirect("/staff");
                await ReissueCookieAsync(context, null);
                if (await actors.ResolveAsync(context.User, context.RequestAborted) is { IsStaff: true } staff)
                    await portal.EndViewAsAsync(staff, customerId, IpOf(context), context.RequestAborted);
                return Results.LocalRedirect($"/staff/customers/{customerId}?tab=portal");
            })
            .RequireAuthorization(Policies.Staff);
    }

    /// <summary>Signs the same person in again with the view-as claim set (or removed), keeping the cookie's lifetime.</summary>
    private static async Task ReissueCookieAsync(HttpContext context, int? customerId)
    {
        var current = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (current.Principal?.Identity is not ClaimsIdentity identity) return;
        var next = new ClaimsIdentity(identity.Claims.Where(c => c.Type != AccountClaims.ViewAsCustomerId),
            identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        if (customerId is { } id) next.AddClaim(new Claim(AccountClaims.ViewAsCustomerId, id.ToString(CultureInfo.InvariantCulture)));
        await context.SignInAsync(IdentityConstants.ApplicationScheme, new ClaimsPrincipal(next), current.Properties);
    }

    private static string IpOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "";
}
