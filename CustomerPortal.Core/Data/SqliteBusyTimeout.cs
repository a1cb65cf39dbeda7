using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerPortal.Core.Data;

/// <summary>
/// Lets SQLite itself wait for another writer's lock (PRAGMA busy_timeout, short backoff inside SQLite) instead of
/// returning "busy" at once: Microsoft.Data.Sqlite answers "busy" by putting the thread to sleep for 150 ms and trying
/// again, which under concurrent writes (messages posted at once) made every colliding write wait 150 ms or more.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }
}
