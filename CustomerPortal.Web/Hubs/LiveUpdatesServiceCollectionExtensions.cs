using CustomerPortal.Web.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CustomerPortal.Web.Hubs;

public static class LiveUpdatesServiceCollectionExtensions
{
    /// <summary>
    /// Live updates on the web side: each circuit's <see cref="CircuitLiveEvents"/> (subscriptions on Core's bus, reload
    /// after a reconnect) and the thin <see cref="LiveHub"/> for clients that are not circuits. The bus and its Redis
    /// relay come from AddCore.
    /// </summary>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services)
    {
        services.AddSignalR();
        new AuthenticationBuilder(services).AddLiveHubAuthentication();
        services.AddSingleton<LiveHubSubscriptions>();
        services.AddSingleton<MessagesHubConnections>();
        services.AddScoped<CircuitLiveEvents>();
        services.AddScoped<CircuitHandler, LiveCircuitHandler>();
        return services;
    }

    /// <summary>The live-events hub and the messages hub.</summary>
    public static void MapLiveHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<LiveHub>(LiveHub.Path);
        endpoints.MapHub<MessagesHub>(MessagesHub.Path);
    }
}
