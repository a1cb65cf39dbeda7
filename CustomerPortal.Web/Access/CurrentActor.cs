using CustomerPortal.Core.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace CustomerPortal.Web.Access;

/// <summary>The actor of this circuit (or request), resolved once and cached until <see cref="Refresh"/>.</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, ActorResolver resolver)
{
    private Actor? _actor;
    private bool _resolved;
    private Actor? _portalActor;
    private bool _portalResolved;

    public async Task<Actor?> GetAsync(CancellationToken ct = default)
    {
        if (_resolved) return _actor;
        var state = await authentication.GetAuthenticationStateAsync();
        _actor = await resolver.ResolveAsync(state.User, ct);
        _resolved = true;
        return _actor;
    }

    /// <summary>The actor for the portal layout: for staff viewing a customer's portal, the read-only customer actor.</summary>
    public async Task<Actor?> GetForPortalAsync(CancellationToken ct = default)
    {
        if (_portalResolved) return _portalActor;
        var state = await authentication.GetAuthenticationStateAsync();
        _portalActor = await resolver.ResolveForPortalAsync(state.User, ct);
        _portalResolved = true;
        return _portalActor;
    }

    public void Refresh()
    {
        _resolved = false;
        _portalResolved = false;
    }
}
