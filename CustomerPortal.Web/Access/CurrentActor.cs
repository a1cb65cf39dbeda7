using CustomerPortal.Core.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace CustomerPortal.Web.Access;

/// <summary>
/// The actor of this circuit (or request), resolved once and cached until <see cref="Refresh"/>. The live-events bus
/// asks it from other threads before each delivery, and the circuit's <see cref="Live.CircuitLiveEvents"/> refreshes it
/// when the user's own account, customer or the company settings change, so it is safe to call from any thread.
/// A null actor means signed out, locked or removed.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, ActorResolver resolver)
{
    private readonly Lock _gate = new();
    private Task<Actor?>? _actor;
    private Task<Actor?>? _portalActor;

    public Task<Actor?> GetAsync(CancellationToken ct = default)
    {
        lock (_gate) return _actor ??= ResolveAsync(portal: false);
    }

    /// <summary>The actor for the portal layout: for staff viewing a customer's portal, the read-only customer actor.</summary>
    public Task<Actor?> GetForPortalAsync(CancellationToken ct = default)
    {
        lock (_gate) return _portalActor ??= ResolveAsync(portal: true);
    }

    /// <summary>Forget the cached actors; the next call reads the user's rights from the database again.</summary>
    public void Refresh()
    {
        lock (_gate)
        {
            _actor = null;
            _portalActor = null;
        }
    }

    // Not cancellable: the cached answer is shared by every caller of the circuit.
    private async Task<Actor?> ResolveAsync(bool portal)
    {
        try
        {
            var state = await authentication.GetAuthenticationStateAsync();
            return portal
                ? await resolver.ResolveForPortalAsync(state.User, CancellationToken.None)
                : await resolver.ResolveAsync(state.User, CancellationToken.None);
        }
        catch
        {
            Refresh();
            throw;
        }
    }
}
