using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Data.Backups;
using CustomerPortal.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CustomerPortal.Tests.Backups;

/// <summary>
/// The same backup and restore commands (README, Backups) on a PostgreSQL installation: pg_dump and pg_restore from the
/// machine's PostgreSQL tools, against a real server.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
[Trait("Database", "OwnServer")]
public sealed class PostgreSqlBackupTests(PostgreSqlFixture postgres) : IDisposable
{
    private readonly string _backups = Path.Combine(Path.GetTempPath(), "cp-backups", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Restore_AfterChangesAndDeletes_BringsBackEveryTablesRowsTheValuesAndTheFiles()
    {
        await using var core = await postgres.StartCoreAsync();
        int renamedId, deletedId;
        await using (var db = await core.DbAsync())
        {
            var customers = new List<Customer>();
            for (var i = 0; i < 5; i++) customers.Add(await TestRecords.CustomerAsync(db, $"Backup{i}"));
            await TestRecords.SentInvoiceAsync(db, customers[0].Id, 1234.56m);
            (renamedId, deletedId) = (customers[1].Id, customers[2].Id);
        }
        var picture = Path.Combine(core.Folder, "files", "pictures", "before.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(picture)!);
        await File.WriteAllBytesAsync(picture, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
        var connectionString = core.Get<IOptions<DatabaseOptions>>().Value.PostgreSqlConnectionString;
        var backedUp = await RowCountsAsync(connectionString);
        var backupFolder = Path.Combine(_backups, "first");

        var output = new StringWriter();
        var exit = await MaintenanceCommands.Find(["backup", backupFolder])!.RunAsync(core.Services, output);

        Assert.Equal(0, exit);
        Assert.Contains("Backed up the database", output.ToString());
        Assert.True(File.Exists(Path.Combine(backupFolder, PostgreSqlBackup.DumpFileName)));
        await using (var db = await core.DbAsync())
        {
            var renamed = await db.Customers.SingleAsync(c => c.Id == renamedId);
            renamed.Rename("Pat", "Renamed after the backup", "");
            db.Customers.Remove(await db.Customers.SingleAsync(c => c.Id == deletedId));
            for (var i = 0; i < 2; i++)
                db.Customers.Add(TestRecords.NewCustomer("New", $"After the backup {i}", "", TestAccounts.UniqueEmail("after"), TestRecords.Created));
            await db.SaveChangesAsync();
        }
        await File.WriteAllBytesAsync(picture, [9, 9, 9]);
        await using (var extra = new NpgsqlConnection(connectionString))
        {
            // As a newer version's migration would: a table the backup does not know.
            await extra.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE \"MadeAfterTheBackup\" (\"Id\" int)", extra);
            await create.ExecuteNonQueryAsync();
        }
        Assert.NotEqual(backedUp, await RowCountsAsync(connectionString));

        output = new StringWriter();
        exit = await MaintenanceCommands.Find(["restore", backupFolder])!.RunAsync(core.Services, output);

        Assert.Equal(0, exit);
        Assert.Contains("Restored the database", output.ToString());
        Assert.Equal(backedUp, await RowCountsAsync(connectionString));
        await using (var db = await core.DbAsync())
        {
            Assert.Equal("Backup1", (await db.Customers.SingleAsync(c => c.Id == renamedId)).LastName);
            Assert.True(await db.Customers.AnyAsync(c => c.Id == deletedId));
            Assert.Equal(1234.56m, (await db.Invoices.SingleAsync()).Total);
        }
        Assert.Equal([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], await File.ReadAllBytesAsync(picture));
        Assert.Single(Directory.GetFiles(core.Folder, $"{PostgreSqlBackup.DumpFileName}.before-restore-*"));
    }

    [Fact]
    public async Task Restore_WhileAnotherConnectionIsOpen_IsRefused_AndChangesNothing()
    {
        await using var core = await postgres.StartCoreAsync();
        await using (var db = await core.DbAsync()) await TestRecords.CustomerAsync(db, "Kept");
        var connectionString = core.Get<IOptions<DatabaseOptions>>().Value.PostgreSqlConnectionString;
        var folder = Path.Combine(_backups, "while-running");
        Assert.True((await core.Get<PostgreSqlBackup>().BackupAsync(folder, CancellationToken.None)).Succeeded);
        await using (var db = await core.DbAsync()) await TestRecords.CustomerAsync(db, "After");
        var before = await RowCountsAsync(connectionString);
        // Another instance of the app, still running.
        await using var app = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await app.OpenAsync();
        var output = new StringWriter();

        var exit = await MaintenanceCommands.Find(["restore", folder])!.RunAsync(core.Services, output);

        Assert.Equal(1, exit);
        Assert.Contains("stop the app", output.ToString());
        Assert.Equal(before, await RowCountsAsync(connectionString));
        Assert.Empty(Directory.GetFiles(core.Folder, "*.before-restore-*"));
    }

    [Fact]
    public async Task Restore_OfAFolderThatIsNoBackup_IsRefused()
    {
        await using var core = await postgres.StartCoreAsync();
        var folder = Path.Combine(_backups, "not-a-backup");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, PostgreSqlBackup.DumpFileName), "this is not a pg_dump archive");

        var result = await core.Get<PostgreSqlBackup>().RestoreAsync(folder, DateTime.UtcNow, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("is not a pg_dump archive of a CustomerPortal database", result.Errors.Values.Single());
        Assert.Empty(Directory.GetFiles(core.Folder, "*.before-restore-*"));
    }

    [Theory]
    [InlineData("pg_dump (PostgreSQL) 15.10 (Debian 15.10-0+deb12u1)", 15)]
    [InlineData("pg_dump (PostgreSQL) 17.2", 17)]
    [InlineData("pg_dump (PostgreSQL) 9.6.24", 9)]
    [InlineData("pg_dump: command not found", null)]
    public void MajorVersion_ReadsTheToolsVersionLine(string line, int? expected) =>
        Assert.Equal(expected, PostgreSqlTools.MajorVersion(line));

    public void Dispose()
    {
        try { Directory.Delete(_backups, recursive: true); }
        catch (DirectoryNotFoundException) { /* nothing was written */ }
    }

    /// <summary>Rows per table of the public schema, the migrations history included.</summary>
    private static async Task<Dictionary<string, long>> RowCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM public.\"{table}\"", connection); // names from pg_tables, not input
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
