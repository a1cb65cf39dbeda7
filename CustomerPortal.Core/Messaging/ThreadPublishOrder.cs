using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Core.Messaging;

/// <summary>
/// Keeps a thread's posts from every app instance stored and published one at a time, so every instance receives them
/// in store order. <see cref="WriteGate"/> does this inside one instance; across instances on PostgreSQL the post takes
/// a session advisory lock on its thread, on its own connection, before its transaction and keeps it until its event has
/// been published (with Redis, until Redis has taken it). SQLite runs one instance, so nothing is taken there.
/// </summary>
internal sealed class ThreadPublishOrder : IAsyncDisposable
{
    // pg_advisory_lock(key1, key2): the first key names what the second counts, so other features can lock their own ids.
    private const int MessageThreads = 1;

    private readonly PortalDbContext _db;
    private readonly int _threadId;
    private readonly ILogger _logger;

    private ThreadPublishOrder(PortalDbContext db, int threadId, ILogger logger)
    {
        _db = db;
        _threadId = threadId;
        _logger = logger;
    }

    public static async Task<IAsyncDisposable?> HoldAsync(PortalDbContext db, int threadId, ILogger logger, CancellationToken ct)
    {
        if (db.Database.IsSqlite()) return null;
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MessageThreads}, {threadId})", ct);
        return new ThreadPublishOrder(db, threadId, logger);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MessageThreads}, {_threadId})", CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            // The lock ends with its session anyway; Npgsql resets a pooled connection's session before reusing it.
            _logger.LogWarning(e, "Could not release the publish-order lock of thread {ThreadId}.", _threadId);
        }
        await _db.Database.CloseConnectionAsync();
    }
}
