using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerPortal.Core.Data;

/// <summary>
/// Lets SQLite itself wait for another writer's lock (PRAGMA busy_timeout, short backoff inside SQLite) instead of
/// returning "busy" at once: Microsoft.Data.Sqlite answers "busy" by putting the thread to sleep for 150 ms and trying
/// again, which under concurrent writes (messages posted at once) made every colliding write wait 150 ms or more.
/// The setting belongs to the native connection, which the pool keeps, so it is set once per native connection.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const string Pragma = "PRAGMA busy_timeout = 30000;";
    private static readonly ConditionalWeakTable<object, object> Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragma(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsPragma(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static bool NeedsPragma(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle }) return true;
        var added = false;
        Done.GetValue(handle, _ =>
        {
            added = true;
            return handle;
        });
        return added;
    }
}
