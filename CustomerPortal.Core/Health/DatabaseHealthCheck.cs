using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerPortal.Core.Health;

/// <summary>Ready only while the database answers a query (SQLite file or PostgreSQL server).</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // A real read of a table the app needs, not only a connection: a database without its schema is not ready.
            await db.CompanySettings.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception stays in the log; the endpoint says only what failed.
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
