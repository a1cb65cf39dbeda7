using CustomerPortal.Core.Live;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerPortal.Core.Health;

/// <summary>
/// With LiveUpdates:RedisConnectionString set, ready only while Redis is connected: without it this instance neither hears
/// the others' changes nor passes its own on. Without Redis (one instance) there is nothing to check.
/// </summary>
public sealed class LiveRelayHealthCheck(RedisLiveEventRelay relay) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(relay.State switch
        {
            LiveRelayState.NotConfigured => HealthCheckResult.Healthy("One instance: no Redis is configured."),
            LiveRelayState.Connected => HealthCheckResult.Healthy("Redis is connected."),
            _ => HealthCheckResult.Unhealthy("Redis is not connected: live updates do not reach the other instances."),
        });
}
