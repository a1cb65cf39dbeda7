using CustomerPortal.Core.Access;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CustomerPortal.Web.Hubs;

/// <summary>
/// The product's one live-updates hub. A connection joins only the groups its user may see: staff join "staff" (every
/// customer's events), a portal user joins "customer:{id}" for their own customer. Each join resolves the actor afresh,
/// so a deactivated staff member or a portal user of another customer is refused with a <see cref="HubException"/>.
/// Browsers and tests authenticate with the sign-in cookie, Blazor circuits with a short-lived token (see <see cref="LiveTokens"/>).
/// </summary>
[Authorize(AuthenticationSchemes = LiveHubAuthentication.Scheme)]
public sealed class LiveHub(ActorResolver actors, AccessRules access) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";
    public const string Refused = "This connection may not follow that.";
    private const string StaffKey = "cp:staff";
    private const string CustomersKey = "cp:customers";

    public async Task JoinStaff()
    {
        var actor = await actors.ResolveAsync(Context.User!, Context.ConnectionAborted);
        if (actor is null || !actor.IsStaff) throw new HubException(Refused);

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Staff, Context.ConnectionAborted);
        Context.Items[StaffKey] = true;
        // The staff group already carries every customer's events; staying in customer groups too would deliver them twice.
        foreach (var customerId in JoinedCustomers().ToList())
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Customer(customerId), Context.ConnectionAborted);
        JoinedCustomers().Clear();
    }

    public async Task JoinCustomer(int customerId)
    {
        var actor = await actors.ResolveAsync(Context.User!, Context.ConnectionAborted);
        if (actor is null || !access.CanReachCustomer(actor, Operation.ViewCustomer, customerId)) throw new HubException(Refused);
        if (Context.Items.ContainsKey(StaffKey)) return;

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Customer(customerId), Context.ConnectionAborted);
        JoinedCustomers().Add(customerId);
    }

    public async Task LeaveCustomer(int customerId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Customer(customerId), Context.ConnectionAborted);
        JoinedCustomers().Remove(customerId);
    }

    private HashSet<int> JoinedCustomers()
    {
        if (Context.Items.TryGetValue(CustomersKey, out var value) && value is HashSet<int> joined) return joined;
        joined = [];
        Context.Items[CustomersKey] = joined;
        return joined;
    }
}
