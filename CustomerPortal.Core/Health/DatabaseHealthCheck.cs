using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerPortal.Core.Health;

/// <summary>Ready only while the database answers a query (SQLite file or PostgreSQL server) within <see cref="Timeout"/>.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> dbFactory) : IHealthCheck
{
    /// <summary>
    /// How long the check waits for a connection (from the pool or a new one) and the query together. A probe must get an
    /// answer from a database that hangs as well as from one that is gone, before the load balancer's own probe times out.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(timeout.Token);
            db.Database.SetCommandTimeout(Timeout);
            // A real read of a table the app needs, not only a connection: a database without its schema is not ready.
            await db.CompanySettings.AsNoTracking().AnyAsync(timeout.Token);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The database did not answer within {Timeout.TotalSeconds:0} seconds.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception stays in the log; the endpoint says only what failed.
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
