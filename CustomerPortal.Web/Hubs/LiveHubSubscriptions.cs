using System.Collections.Concurrent;
using System.Security.Claims;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Live;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.SignalR;

namespace CustomerPortal.Web.Hubs;

/// <summary>
/// The bus subscriptions of the hub's connections (hub instances live for one call, connections for long), each keyed
/// by connection and followed customer (null: everything). Each delivery resolves the connection's actor afresh from its
/// sign-in, so a lock or a deactivation stops it at once.
/// </summary>
public sealed class LiveHubSubscriptions(LiveEventBus bus, IHubContext<LiveHub, ILiveClient> hub, IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<(string ConnectionId, int? CustomerId), LiveSubscription> _subscriptions = new();

    public async Task FollowAsync(HubCallerContext context, int? customerId)
    {
        var connectionId = context.ConnectionId;
        var user = context.User ?? new ClaimsPrincipal();
        var subscription = await bus.SubscribeAsync(new LiveSubscriber(
            ct => ResolveAsync(user, ct),
            e => LiveEventContracts.TrySendAsync(hub.Clients.Client(connectionId), e),
            customerId), context.ConnectionAborted);
        if (!subscription.IsActive) throw new HubException(LiveHub.Refused);
        if (!_subscriptions.TryAdd((connectionId, customerId), subscription)) subscription.Dispose();
    }

    public void Unfollow(string connectionId, int? customerId)
    {
        if (_subscriptions.TryRemove((connectionId, customerId), out var subscription)) subscription.Dispose();
    }

    public void UnfollowAll(string connectionId)
    {
        foreach (var key in _subscriptions.Keys.Where(k => k.ConnectionId == connectionId)) Unfollow(key.ConnectionId, key.CustomerId);
    }

    private async Task<Actor?> ResolveAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ActorResolver>().ResolveAsync(user, ct);
    }
}
