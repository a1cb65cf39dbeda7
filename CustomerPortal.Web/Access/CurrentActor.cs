using CustomerPortal.Core.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace CustomerPortal.Web.Access;

/// <summary>The actor of this circuit (or request), resolved once and cached until <see cref="Refresh"/>.</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, ActorResolver resolver)
{
    private Actor? _actor;
    private bool _resolved;

    public async Task<Actor?> GetAsync(CancellationToken ct = default)
    {
        if (_resolved) return _actor;
        var state = await authentication.GetAuthenticationStateAsync();
        _actor = await resolver.ResolveAsync(state.User, ct);
        _resolved = true;
        return _actor;
    }

    public void Refresh() => _resolved = false;
}
