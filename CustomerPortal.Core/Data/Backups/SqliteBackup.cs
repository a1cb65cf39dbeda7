using CustomerPortal.Core.Common;
using CustomerPortal.Core.Files;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Data.Backups;

/// <summary>What a backup or a restore did, for the command's output.</summary>
public sealed record BackupSummary(string DatabaseFile, long DatabaseBytes, int Files);

/// <summary>
/// Backups of the embedded installation: the SQLite database, copied through SQLite's online backup API (a consistent
/// snapshot while the app keeps running and writing), and the uploaded files: the file store's folder, or nothing more
/// when the files are in the database (Files:Store = Database). PostgreSQL installations: <see cref="PostgreSqlBackup"/>.
/// </summary>
public sealed class SqliteBackup(DataPaths paths, IOptions<DatabaseOptions> options, IOptions<FileStoreOptions> fileOptions)
{
    public const string FilesFolderName = BackupFiles.FolderName;

    private static readonly string[] SideFiles = ["-wal", "-shm"];

    /// <summary>Writes a backup into <paramref name="targetFolder"/>, which must not exist yet or be empty.</summary>
    public async Task<Result<BackupSummary>> BackupAsync(string targetFolder, CancellationToken ct)
    {
        if (NotSqlite() is { } refused) return refused;
        if (BackupFiles.IsUsedFolder(targetFolder))
            return Result<BackupSummary>.From(Result.Invalid("Target", $"{targetFolder} is not empty: choose a new folder for each backup."));
        if (!File.Exists(paths.DatabaseFile))
            return Result<BackupSummary>.From(Result.Invalid("Database", $"There is no database at {paths.DatabaseFile}."));

        Directory.CreateDirectory(targetFolder);
        var database = Path.Combine(targetFolder, options.Value.SqliteFileName);
        await using (var source = new SqliteConnection($"Data Source={paths.DatabaseFile};Mode=ReadOnly;Pooling=False;Default Timeout=30"))
        await using (var copy = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await source.OpenAsync(ct);
            await copy.OpenAsync(ct);
            // One step for the whole database: the copy is the database as of one moment, whatever the app writes meanwhile.
            source.BackupDatabase(copy);
            // A backup is one self-contained file (no write-ahead log beside it); the app turns WAL back on when it starts.
            await using var journal = copy.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            await journal.ExecuteNonQueryAsync(ct);
        }
        // Files after the database: every file the copied rows point to was written before its row, so it is there.
        var files = FilesInDatabase
            ? await StoredFileCountAsync(database, ct)
            : BackupFiles.Copy(fileOptions.Value.FolderIn(paths), Path.Combine(targetFolder, FilesFolderName), ct);
        return Result<BackupSummary>.Ok(new BackupSummary(database, new FileInfo(database).Length, files));
    }

    /// <summary>
    /// Puts a backup in place of the current database and files. Run it while the app is stopped. The current database is
    /// kept beside it (".before-restore-…"), so a restore into the wrong installation can be undone.
    /// </summary>
    public async Task<Result<BackupSummary>> RestoreAsync(string backupFolder, DateTime nowUtc, CancellationToken ct)
    {
        if (NotSqlite() is { } refused) return refused;
        var database = Path.Combine(backupFolder, options.Value.SqliteFileName);
        if (!File.Exists(database))
            return Result<BackupSummary>.From(Result.Invalid("Backup", $"{backupFolder} holds no {options.Value.SqliteFileName}: is it a backup folder?"));
        if (!await IsAppDatabaseAsync(database, ct))
            return Result<BackupSummary>.From(Result.Invalid("Backup", $"{database} is not a CustomerPortal database."));
        var backupFiles = Path.Combine(backupFolder, FilesFolderName);
        if (FilesInDatabase && Directory.Exists(backupFiles) && Directory.EnumerateFiles(backupFiles, "*", SearchOption.AllDirectories).Any())
            return Result<BackupSummary>.From(Result.Invalid("Files",
                $"This backup keeps its files in {backupFiles}, but this installation keeps them in the database (Files:Store = Database): restore it with Files:Store = Folder."));
        if (!FilesInDatabase && await StoredFileCountAsync(database, ct) > 0)
            return Result<BackupSummary>.From(Result.Invalid("Files",
                "This backup keeps its files in the database, but this installation keeps them in a folder: restore it with Files:Store = Database."));

        SqliteConnection.ClearAllPools();
        if (File.Exists(paths.DatabaseFile))
        {
            var kept = $"{paths.DatabaseFile}.before-restore-{nowUtc:yyyyMMddHHmmss}";
            await using (var current = new SqliteConnection($"Data Source={paths.DatabaseFile};Pooling=False"))
            {
                // Fold the write-ahead log in, so the kept file is whole on its own.
                await current.OpenAsync(ct);
                await using var checkpoint = current.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await checkpoint.ExecuteNonQueryAsync(ct);
            }
            File.Move(paths.DatabaseFile, kept);
            foreach (var leftover in SideFiles.Select(s => paths.DatabaseFile + s).Where(File.Exists)) File.Delete(leftover);
        }
        File.Copy(database, paths.DatabaseFile);
        var files = FilesInDatabase
            ? await StoredFileCountAsync(paths.DatabaseFile, ct)
            : BackupFiles.Copy(backupFiles, fileOptions.Value.FolderIn(paths), ct);
        return Result<BackupSummary>.Ok(new BackupSummary(paths.DatabaseFile, new FileInfo(paths.DatabaseFile).Length, files));
    }

    private Result<BackupSummary>? NotSqlite() => options.Value.Provider == DatabaseProvider.Sqlite ? null
        : Result<BackupSummary>.From(Result.Invalid("Provider", "This installation runs on PostgreSQL: its backups are made with pg_dump (PostgreSqlBackup)."));

    private bool FilesInDatabase => fileOptions.Value.Store == FileStoreKind.Database;

    /// <summary>Files kept in the database (0 in a database from before the StoredFiles table).</summary>
    private static async Task<int> StoredFileCountAsync(string file, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'StoredFiles'";
        if (Convert.ToInt32(await command.ExecuteScalarAsync(ct)) == 0) return 0;
        command.CommandText = "SELECT COUNT(*) FROM \"StoredFiles\"";
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
    }

    private static async Task<bool> IsAppDatabaseAsync(string file, CancellationToken ct)
    {
        try
        {
            await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'CompanySettings')";
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct)) == 2;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
