using CustomerPortal.Core.Company;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPortal.Core.Live;

public static class LiveEventsServiceCollectionExtensions
{
    /// <summary>The bus every write service publishes to, the settings-cache listener and, when configured, the Redis relay.</summary>
    public static IServiceCollection AddLiveEvents(this IServiceCollection services)
    {
        services.AddOptions<LiveUpdatesOptions>().BindConfiguration(LiveUpdatesOptions.Section);
        services.AddSingleton<LiveEventBus>();
        services.AddSingleton<ILiveEventPublisher>(sp => sp.GetRequiredService<LiveEventBus>());
        services.AddHostedService<SettingsCacheListener>();
        services.AddSingleton<RedisLiveEventRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisLiveEventRelay>());
        return services;
    }
}

/// <summary>Drops this instance's cached company settings when they change on any instance.</summary>
internal sealed class SettingsCacheListener(LiveEventBus bus, CompanySettingsService settings) : IHostedService
{
    private IDisposable? _listening;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listening = bus.Listen(e =>
        {
            if (e is CompanySettingsChanged) settings.Invalidate();
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listening?.Dispose();
        return Task.CompletedTask;
    }
}
