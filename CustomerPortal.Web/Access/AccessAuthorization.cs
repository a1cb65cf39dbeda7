using System.Reflection;
using System.Security.Claims;
using CustomerPortal.Core.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;

namespace CustomerPortal.Web.Access;

/// <summary>Where a request or page is: its actor is the signed-in one in the back office, the customer's one in the portal.</summary>
public enum AccessArea
{
    BackOffice,
    Portal,
}

/// <summary>
/// "May the actor do this (to this resource)?" as an authorization requirement. Every policy is built from one, and
/// <see cref="AccessRulesAuthorizationHandler"/> answers it from <see cref="AccessRules"/>. <see cref="Area"/> fixes
/// which actor is asked (the staff policy always asks the signed-in one); when null, the request or page decides.
/// </summary>
public sealed record OperationRequirement(Operation Operation, AccessArea? Area = null) : IAuthorizationRequirement;

/// <summary>
/// Policy names for <c>[Authorize]</c> and <c>RequireAuthorization</c>. Besides these, every <see cref="Operation"/> is a
/// policy named after it: <c>[Authorize(Policy = nameof(Operation.ViewAuditLog))]</c>.
/// </summary>
public static class Policies
{
    public const string Staff = "staff";
    public const string Admin = "admin";
    public const string Portal = "portal";
}

/// <summary>
/// The one way pages, endpoints and hub methods reach <see cref="AccessRules"/>: it resolves the actor for the area the
/// request or page is in and asks <c>AccessRules.Can(actor, operation[, resource])</c>. Resources it understands:
/// the request itself or a routed page (no record), a hub call (no record), or anything the rules know (a customer's
/// record, an attachment or a thread with its parent), which endpoints pass through <c>IAuthorizationService</c>.
/// </summary>
public sealed class AccessRulesAuthorizationHandler(AccessActors actors, AccessRules rules, IHttpContextAccessor http)
    : AuthorizationHandler<OperationRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationRequirement requirement)
    {
        var (actor, resource) = context.Resource switch
        {
            HttpContext request => (await actors.ForAsync(request, requirement.Area ?? AccessActors.AreaOf(request)), null),
            Microsoft.AspNetCore.Components.RouteData page => (await actors.ForAsync(context.User, requirement.Area ?? AccessActors.AreaOf(page.PageType), CancellationToken.None), null),
            HubInvocationContext call => (await actors.ForAsync(context.User, requirement.Area ?? AccessArea.BackOffice, call.Context.ConnectionAborted), null),
            var record => (await ActorAroundAsync(context.User, requirement.Area), record),
        };
        if (actor is not null && rules.Can(actor, requirement.Operation, resource)) context.Succeed(requirement);
    }

    /// <summary>For a check on a record: the actor of the request being served, or outside one (a circuit), the signed-in actor.</summary>
    private async Task<Actor?> ActorAroundAsync(ClaimsPrincipal user, AccessArea? area)
    {
        if (http.HttpContext is { } request && ReferenceEquals(request.User, user))
            return await actors.ForAsync(request, area ?? AccessActors.AreaOf(request));
        return await actors.ForAsync(user, area ?? AccessArea.BackOffice, CancellationToken.None);
    }
}

/// <summary>
/// Which actor a request or page acts as, decided in one place for the authorization handler and the endpoints it
/// guards, so an endpoint serves with the actor the check was made for: under /portal the customer's actor (for staff
/// viewing as a customer, that customer's read-only actor), elsewhere the signed-in one. Files (/files) are served to a
/// staff member viewing as a customer as that customer would see them.
/// </summary>
public sealed class AccessActors(ActorResolver resolver)
{
    private const string PortalPrefix = "/portal";

    public static AccessArea AreaOf(HttpContext request)
    {
        var path = request.Request.Path;
        if (path.StartsWithSegments(PortalPrefix)) return AccessArea.Portal;
        if (path.StartsWithSegments("/files") && request.User.HasClaim(c => c.Type == AccountClaims.ViewAsCustomerId)) return AccessArea.Portal;
        return AccessArea.BackOffice;
    }

    /// <summary>A routed page is in the portal when its address is.</summary>
    public static AccessArea AreaOf(Type pageType) =>
        pageType.GetCustomAttributes<RouteAttribute>().Any(r => r.Template.StartsWith(PortalPrefix, StringComparison.OrdinalIgnoreCase))
            ? AccessArea.Portal
            : AccessArea.BackOffice;

    /// <summary>The actor of this request, resolved once per request and area.</summary>
    public Task<Actor?> ForRequestAsync(HttpContext request) => ForAsync(request, AreaOf(request));

    public async Task<Actor?> ForAsync(HttpContext request, AccessArea area)
    {
        var key = (typeof(AccessActors), area);
        if (request.Items.TryGetValue(key, out var cached)) return cached as Actor;
        var actor = await ForAsync(request.User, area, request.RequestAborted);
        request.Items[key] = actor;
        return actor;
    }

    public Task<Actor?> ForAsync(ClaimsPrincipal user, AccessArea area, CancellationToken ct) =>
        area == AccessArea.Portal ? resolver.ResolveForPortalAsync(user, ct) : resolver.ResolveAsync(user, ct);
}

public static class AccessAuthorizationServiceCollectionExtensions
{
    /// <summary>The access handler and the policies built on it: one per area and one per <see cref="Operation"/>.</summary>
    public static IServiceCollection AddAccessAuthorization(this IServiceCollection services)
    {
        services.AddScoped<AccessActors>();
        services.AddScoped<IAuthorizationHandler, AccessRulesAuthorizationHandler>();
        var policies = services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.AddRequirements(new OperationRequirement(Operation.OpenBackOffice, AccessArea.BackOffice)))
            .AddPolicy(Policies.Admin, p => p.AddRequirements(new OperationRequirement(Operation.ManageSettings, AccessArea.BackOffice)))
            // Portal pages: portal users, and staff only while they view a customer's portal (read-only, see ActorResolver).
            .AddPolicy(Policies.Portal, p => p.AddRequirements(new OperationRequirement(Operation.OpenPortal, AccessArea.Portal)));
        foreach (var operation in Enum.GetValues<Operation>())
            policies.AddPolicy(operation.ToString(), p => p.AddRequirements(new OperationRequirement(operation)));
        return services;
    }
}
