using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Data;

/// <summary>Brings the database to the current schema at start-up.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<PortalDbContext> dbFactory, IOptions<DatabaseOptions> options, Common.SignedTokens tokens, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers carry on while one writer writes; the setting is kept in the database file.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        if (options.Value.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(ct);
            }
        }

        // The signing key is made now, not by the first link: that one is often signed inside another save's transaction,
        // where (on SQLite) the key's own insert would wait for that transaction's write lock and fail.
        tokens.EnsureKey();
    }
}
