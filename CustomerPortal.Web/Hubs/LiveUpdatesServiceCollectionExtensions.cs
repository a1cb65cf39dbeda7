using CustomerPortal.Core.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace CustomerPortal.Web.Hubs;

public static class LiveUpdatesServiceCollectionExtensions
{
    /// <summary>
    /// The live hub, its token authentication, the publisher that sends every Core live event through the hub, and the
    /// per-circuit <see cref="ILiveUpdates"/>. With LiveUpdates:RedisConnectionString set, hub messages go through a Redis
    /// backplane so several app instances share them.
    /// </summary>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveUpdatesOptions>().Bind(configuration.GetSection(LiveUpdatesOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        var signalR = services.AddSignalR();
        var redis = configuration.GetSection(LiveUpdatesOptions.Section)[nameof(LiveUpdatesOptions.RedisConnectionString)];
        if (!string.IsNullOrWhiteSpace(redis))
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("customerportal"));

        services.AddSingleton<LiveTokens>();
        new AuthenticationBuilder(services).AddLiveHubAuthentication();
        services.AddSingleton<HubLiveEventPublisher>();
        services.Replace(ServiceDescriptor.Singleton<ILiveEventPublisher>(sp => sp.GetRequiredService<HubLiveEventPublisher>()));
        services.AddScoped<LiveUpdates>();
        services.AddScoped<ILiveUpdates>(sp => sp.GetRequiredService<LiveUpdates>());
        return services;
    }

    public static void MapLiveHub(this IEndpointRouteBuilder endpoints) => endpoints.MapHub<LiveHub>(LiveHub.Path);
}
