using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>The tag of the checks /health/ready runs (/health/live runs none: the process answers, so it lives).</summary>
    public const string ReadyTag = "ready";

    /// <summary>The readiness checks: the database, and Redis when several instances share live updates.</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<LiveRelayHealthCheck>("redis", tags: [ReadyTag]);
        return services;
    }
}
