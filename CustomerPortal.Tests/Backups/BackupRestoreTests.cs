using CustomerPortal.Core.Data.Backups;
using CustomerPortal.Core.Files;
using CustomerPortal.Web;
using Microsoft.Data.Sqlite;

namespace CustomerPortal.Tests.Backups;

/// <summary>
/// The backup and restore commands (README, Backups) on real SQLite files: a backup taken while the app runs and writes,
/// restored into another installation, brings back the same rows and files.
/// </summary>
[Trait("Database", "SqliteOnly")]
public sealed class BackupRestoreTests : IDisposable
{
    private static readonly Dictionary<string, string?> DatabaseStore = new() { ["Files:Store"] = "Database" };

    private readonly string _backups = Path.Combine(Path.GetTempPath(), "cp-backups", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task BackupOfARunningApp_WhileItWrites_RestoresIntoAnotherInstallation_WithTheSameRowsAndFiles()
    {
        using var source = new PortalAppFactory();
        await using (var db = await source.CreateDbContextAsync())
        {
            for (var i = 0; i < 30; i++) db.Customers.Add(TestRecords.NewCustomer("Backup", $"Customer{i}", "", TestAccounts.UniqueEmail("backup"), TestRecords.Created));
            await db.SaveChangesAsync();
        }
        var picture = Path.Combine(source.DataFolder, "files", "pictures", "before.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(picture)!);
        await File.WriteAllBytesAsync(picture, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);

        // The app keeps saving customers while the backup runs.
        using var stopWriting = new CancellationTokenSource();
        var firstWriteSaved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writing = Task.Run(async () =>
        {
            var written = 0;
            while (!stopWriting.IsCancellationRequested)
            {
                await using var db = await source.CreateDbContextAsync();
                db.Customers.Add(TestRecords.NewCustomer("During", $"Backup{written++}", "", TestAccounts.UniqueEmail("during"), TestRecords.Created));
                await db.SaveChangesAsync();
                firstWriteSaved.TrySetResult();
            }
            return written;
        });
        // On a busy machine a fixed delay can pass before the first write lands; the backup starts once one has.
        await firstWriteSaved.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var output = new StringWriter();
        var backupFolder = Path.Combine(_backups, "first");
        var exit = await MaintenanceCommands.Find(["backup", backupFolder])!.RunAsync(source.Services, output);
        await stopWriting.CancelAsync();
        Assert.True(await writing > 0);

        Assert.Equal(0, exit);
        Assert.Contains("Backed up the database", output.ToString());
        var backupFile = Path.Combine(backupFolder, "customerportal.db");
        Assert.Equal("ok", await ScalarAsync(backupFile, "PRAGMA integrity_check"));
        var backedUp = await RowCountsAsync(backupFile);
        Assert.InRange(backedUp["Customers"], 31, int.MaxValue);

        await using var target = await CoreServices.StartAsync();
        output = new StringWriter();
        exit = await MaintenanceCommands.Find(["restore", backupFolder])!.RunAsync(target.Services, output);

        Assert.Equal(0, exit);
        Assert.Contains("Restored the database", output.ToString());
        var restoredFile = Path.Combine(target.Folder, "customerportal.db");
        Assert.Equal(backedUp, await RowCountsAsync(restoredFile));
        await using (var db = await target.DbAsync())
            Assert.Equal(backedUp["Customers"], db.Customers.Count());
        Assert.Equal(await File.ReadAllBytesAsync(picture), await File.ReadAllBytesAsync(Path.Combine(target.Folder, "files", "pictures", "before.jpg")));
        Assert.Single(Directory.GetFiles(target.Folder, "customerportal.db.before-restore-*"));
    }

    [Fact]
    public async Task Backup_WithFilesInTheDatabase_CarriesThemInItsDatabaseFile_AndRestoresThem()
    {
        await using var source = await CoreServices.StartAsync(settings: DatabaseStore);
        var content = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 4, 5, 6 };
        var name = await source.Get<IFileStore>().SaveAsync(content, ".jpg", default);
        var backupFolder = Path.Combine(_backups, "database-store");
        var output = new StringWriter();

        var exit = await MaintenanceCommands.Find(["backup", backupFolder])!.RunAsync(source.Services, output);

        Assert.Equal(0, exit);
        Assert.Contains("and 1 files", output.ToString());
        Assert.False(Directory.Exists(Path.Combine(backupFolder, SqliteBackup.FilesFolderName)));
        await using var target = await CoreServices.StartAsync(settings: DatabaseStore);
        Assert.Null(await target.Get<IFileStore>().OpenReadAsync(name, default));
        output = new StringWriter();
        exit = await MaintenanceCommands.Find(["restore", backupFolder])!.RunAsync(target.Services, output);
        Assert.Equal(0, exit);
        Assert.Contains("and 1 files", output.ToString());
        await using var restored = await target.Get<IFileStore>().OpenReadAsync(name, default);
        using var copy = new MemoryStream();
        await restored!.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task Restore_OfABackupWithFilesInTheDatabase_IntoAnInstallationWithAFolderStore_IsRefused()
    {
        await using var source = await CoreServices.StartAsync(settings: DatabaseStore);
        await source.Get<IFileStore>().SaveAsync(new byte[] { 1, 2, 3 }, ".pdf", default);
        var backupFolder = Path.Combine(_backups, "database-store-elsewhere");
        Assert.Equal(0, await MaintenanceCommands.Find(["backup", backupFolder])!.RunAsync(source.Services, new StringWriter()));
        await using var target = await CoreServices.StartAsync();
        var output = new StringWriter();

        var exit = await MaintenanceCommands.Find(["restore", backupFolder])!.RunAsync(target.Services, output);

        Assert.Equal(1, exit);
        Assert.Contains("keeps its files in the database", output.ToString());
        Assert.Empty(Directory.GetFiles(target.Folder, "*.before-restore-*"));
    }

    [Fact]
    public async Task Backup_IntoAFolderThatIsNotEmpty_IsRefused_AndWritesNothing()
    {
        await using var core = await CoreServices.StartAsync();
        var folder = Path.Combine(_backups, "used");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "keep me");
        var output = new StringWriter();

        var exit = await MaintenanceCommands.Find(["backup", folder])!.RunAsync(core.Services, output);

        Assert.Equal(1, exit);
        Assert.Contains("is not empty", output.ToString());
        Assert.Equal(["notes.txt"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Restore_OfAFolderThatIsNoBackup_IsRefused_AndLeavesTheDatabaseAlone()
    {
        await using var core = await CoreServices.StartAsync();
        var folder = Path.Combine(_backups, "not-a-backup");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "customerportal.db"), "this is not SQLite");
        var before = await RowCountsAsync(Path.Combine(core.Folder, "customerportal.db"));
        var output = new StringWriter();

        var exit = await core.Get<SqliteBackup>().RestoreAsync(folder, DateTime.UtcNow, CancellationToken.None);

        Assert.False(exit.Succeeded);
        Assert.Contains("is not a CustomerPortal database", exit.Errors.Values.Single());
        Assert.Equal(before, await RowCountsAsync(Path.Combine(core.Folder, "customerportal.db")));
        Assert.Empty(Directory.GetFiles(core.Folder, "*.before-restore-*"));
    }

    [Fact]
    public void Find_KnowsTheTwoVerbs_AndLeavesEverythingElseToTheApp()
    {
        Assert.NotNull(MaintenanceCommands.Find(["backup", "/var/backups/portal-1", "--Database:DataFolder=/srv/portal"]));
        Assert.NotNull(MaintenanceCommands.Find(["restore", "/var/backups/portal-1"]));
        Assert.Null(MaintenanceCommands.Find([]));
        Assert.Null(MaintenanceCommands.Find(["--urls", "http://localhost:5000"]));
        Assert.Null(MaintenanceCommands.Find(["backup", "--Database:DataFolder=/srv/portal"]));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_backups, recursive: true); }
        catch (DirectoryNotFoundException) { /* nothing was written */ }
    }

    private static async Task<string?> ScalarAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    /// <summary>Rows per table (the app's tables and the migrations history), read from the file itself.</summary>
    private static async Task<Dictionary<string, long>> RowCountsAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'SearchIndex_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\""; // names from sqlite_master, not input
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
