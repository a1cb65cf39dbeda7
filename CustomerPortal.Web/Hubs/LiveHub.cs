using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CustomerPortal.Web.Hubs;

/// <summary>
/// The live-events hub for clients that are not Blazor circuits (a load generator, a future mobile app): a thin typed
/// adapter over the same <see cref="Core.Live.LiveEventBus"/> and access rule the circuits use. Joining subscribes the
/// connection to the bus (refused with a <see cref="HubException"/> when the rule says no); the bus asks the rule again
/// before every delivery; disconnecting ends the subscriptions. Clients sign in with the app's cookie.
/// </summary>
[Authorize(AuthenticationSchemes = LiveHubAuthentication.Scheme)]
public sealed class LiveHub(LiveHubSubscriptions subscriptions) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";
    public const string Refused = "This connection may not follow that.";

    /// <summary>Every customer's events (staff only).</summary>
    public Task JoinStaff() => subscriptions.FollowAsync(Context, customerId: null);

    /// <summary>One customer's events and company-wide ones (staff, or that customer's portal users).</summary>
    public Task JoinCustomer(int customerId) => subscriptions.FollowAsync(Context, customerId);

    public Task LeaveCustomer(int customerId)
    {
        subscriptions.Unfollow(Context.ConnectionId, customerId);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.UnfollowAll(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
