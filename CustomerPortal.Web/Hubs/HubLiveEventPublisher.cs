using CustomerPortal.Core.Live;
using Microsoft.AspNetCore.SignalR;

namespace CustomerPortal.Web.Hubs;

/// <summary>
/// Delivers each live event through the hub to the groups allowed to see it: an event about a customer to "staff" and
/// "customer:{id}", a company-wide one to every connection. Circuits listen through the hub too (<see cref="LiveUpdates"/>),
/// so with the Redis backplane an event reaches the screens on every instance. The in-process channel still gets each
/// event for listeners inside this instance. A failed push is logged and never fails the save that raised it.
/// </summary>
public sealed class HubLiveEventPublisher(
    IHubContext<LiveHub, ILiveClient> hub, InProcessLiveEvents inProcess, ILogger<HubLiveEventPublisher> logger) : ILiveEventPublisher
{
    public async Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default)
    {
        var clients = liveEvent.CustomerId is { } customerId
            ? hub.Clients.Groups(LiveGroups.Staff, LiveGroups.Customer(customerId))
            : hub.Clients.All;
        try
        {
            if (!await LiveEventContracts.TrySendAsync(clients, liveEvent))
                logger.LogError("{EventType} has no client method; add it to ILiveClient and LiveEventContracts.", liveEvent.GetType().Name);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not push {Event} to the live hub.", liveEvent);
        }
        await inProcess.PublishAsync(liveEvent, ct);
    }
}
