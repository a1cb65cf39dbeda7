using CustomerPortal.Core.Common;
using CustomerPortal.Core.Files;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CustomerPortal.Core.Data.Backups;

/// <summary>
/// Backups of a PostgreSQL installation with PostgreSQL's own tools: pg_dump's custom format (the database as of one
/// moment, while the app keeps running and writing), then the uploaded files; pg_restore puts one back.
/// </summary>
public sealed class PostgreSqlBackup(DataPaths paths, IOptions<DatabaseOptions> options, IOptions<FileStoreOptions> fileOptions)
{
    public const string DumpFileName = "customerportal.dump";

    /// <summary>Writes a backup into <paramref name="targetFolder"/>, which must not exist yet or be empty.</summary>
    public async Task<Result<BackupSummary>> BackupAsync(string targetFolder, CancellationToken ct)
    {
        if (NotPostgreSql() is { } refused) return refused;
        if (BackupFiles.IsUsedFolder(targetFolder))
            return Refused("Target", $"{targetFolder} is not empty: choose a new folder for each backup.");
        var tools = await PostgreSqlTools.FindAsync(ConnectionString, ct);
        if (!tools.Succeeded) return Result<BackupSummary>.From(tools);

        Directory.CreateDirectory(targetFolder);
        var dump = Path.Combine(targetFolder, DumpFileName);
        var dumped = await tools.Value!.DumpAsync(dump, ct);
        if (!dumped.Succeeded)
        {
            File.Delete(dump);
            return Result<BackupSummary>.From(dumped);
        }
        // Files after the database: every file the dumped rows point to was written before its row, so it is there.
        // With Files:Store = Database the files are rows, in the dump already.
        var files = FilesInDatabase ? 0 : BackupFiles.Copy(fileOptions.Value.FolderIn(paths), Path.Combine(targetFolder, BackupFiles.FolderName), ct);
        return Result<BackupSummary>.Ok(new BackupSummary(dump, new FileInfo(dump).Length, files));
    }

    /// <summary>
    /// Puts a backup in place of the database's tables and the files. Refused while other sessions are connected to the
    /// database (stop the app first). The current database is dumped into the data folder first
    /// ("customerportal.dump.before-restore-…"), so a restore into the wrong installation, or one that fails half-way,
    /// can be undone.
    /// </summary>
    public async Task<Result<BackupSummary>> RestoreAsync(string backupFolder, DateTime nowUtc, CancellationToken ct)
    {
        if (NotPostgreSql() is { } refused) return refused;
        var dump = Path.Combine(backupFolder, DumpFileName);
        if (!File.Exists(dump))
            return Refused("Backup", $"{backupFolder} holds no {DumpFileName}: is it a backup folder of a PostgreSQL installation?");
        var found = await PostgreSqlTools.FindAsync(ConnectionString, ct);
        if (!found.Succeeded) return Result<BackupSummary>.From(found);
        var tools = found.Value!;
        var tables = await tools.TablesInDumpAsync(dump, ct);
        if (tables is null || !AppTables.All(tables.Contains))
            return Refused("Backup", $"{dump} is not a pg_dump archive of a CustomerPortal database (or it is of a newer PostgreSQL than this pg_restore).");
        if (await OtherSessionsAsync(ct) is > 0 and var sessions)
            return Refused("Running", $"{sessions} other connection(s) are open on the database: stop the app (every instance) first.");

        var kept = await tools.DumpAsync(Path.Combine(paths.Root, $"{DumpFileName}.before-restore-{nowUtc:yyyyMMddHHmmss}"), ct);
        if (!kept.Succeeded) return Result<BackupSummary>.From(kept);
        await DropTablesNotInAsync(tables, ct);
        var connection = new NpgsqlConnectionStringBuilder(ConnectionString);
        // Without a Database, Npgsql (and libpq) use the database named as the user.
        var restored = await tools.RestoreAsync(dump, connection.Database ?? connection.Username ?? "", ct);
        if (!restored.Succeeded) return Result<BackupSummary>.From(restored);
        var files = FilesInDatabase ? 0 : BackupFiles.Copy(Path.Combine(backupFolder, BackupFiles.FolderName), fileOptions.Value.FolderIn(paths), ct);
        return Result<BackupSummary>.Ok(new BackupSummary(dump, new FileInfo(dump).Length, files));
    }

    private bool FilesInDatabase => fileOptions.Value.Store == FileStoreKind.Database;

    private static readonly string[] AppTables = ["__EFMigrationsHistory", "CompanySettings"];

    private string ConnectionString => options.Value.PostgreSqlConnectionString;

    /// <summary>
    /// pg_restore --clean drops only what the dump holds. A table made since (by a newer version's migration) would stay,
    /// and the app, reading the restored migration history, would fail to make it again at start-up.
    /// </summary>
    private async Task DropTablesNotInAsync(IReadOnlySet<string> dumped, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        var extra = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                if (!dumped.Contains(reader.GetString(0))) extra.Add(reader.GetString(0));
        if (extra.Count == 0) return;
        await using var drop = new NpgsqlCommand(
            $"DROP TABLE IF EXISTS {string.Join(", ", extra.Select(t => $"public.\"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\""))} CASCADE", connection);
        await drop.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Sessions on this database other than this process's: an app instance still running, or someone in psql.</summary>
    private async Task<long> OtherSessionsAsync(CancellationToken ct)
    {
        // This process's own idle pooled connections are not the app running.
        await using var connection = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(connection);
        await connection.OpenAsync(ct);
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
            connection);
        // A closed connection's server process ends a moment after the client lets go of it: look again for up to two seconds.
        for (var attempt = 0; ; attempt++)
        {
            var sessions = (long)(await count.ExecuteScalarAsync(ct))!;
            if (sessions == 0 || attempt == 20) return sessions;
            await Task.Delay(100, ct);
        }
    }

    private Result<BackupSummary>? NotPostgreSql() => options.Value.Provider == DatabaseProvider.PostgreSql ? null
        : Refused("Provider", "This installation runs on SQLite: its backups are made with SQLite's backup API (SqliteBackup).");

    private static Result<BackupSummary> Refused(string field, string message) => Result<BackupSummary>.From(Result.Invalid(field, message));
}
