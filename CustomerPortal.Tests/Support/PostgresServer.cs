using System.Diagnostics;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CustomerPortal.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL cluster (apt-get install -y postgresql) made in a temporary folder and listening on a loopback
/// port, for the tests that run on PostgreSQL. initdb refuses to run as root, so as root the cluster runs as the
/// postgres account the package creates. fsync is off: the cluster is thrown away.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string User = "portal";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cp-pg-{Guid.NewGuid():N}");
    private readonly string _bin = FindBinaries();

    public int Port { get; } = PortalAppFactory.FreePort();

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>Makes the cluster and starts it; after <see cref="StopAsync"/>, starts the same cluster again on the same port.</summary>
    public async Task StartAsync()
    {
        if (!Directory.Exists(DataFolder))
        {
            Directory.CreateDirectory(_folder);
            if (RunsAsRoot) await RunAsync("chown", $"postgres \"{_folder}\"", asPostgres: false);
            await RunAsync(Path.Combine(_bin, "initdb"), $"-D \"{DataFolder}\" -U {User} --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        }
        await RunAsync(Path.Combine(_bin, "pg_ctl"),
            $"-D \"{DataFolder}\" -l \"{Path.Combine(_folder, "server.log")}\" -w -t 60 start " +
            $"-o \"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\"");
    }

    /// <summary>Stops the server the way a crash does (pg_ctl stop -m immediate): no clean shutdown, every client cut off.</summary>
    public Task StopAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), $"-D \"{DataFolder}\" -m immediate -w stop");

    /// <summary>
    /// The Database:PostgreSqlConnectionString of a new database on this server: empty, or a copy of
    /// <paramref name="template"/> (a database nobody is connected to).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = $"cp_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}{(template is null ? "" : $" TEMPLATE {template}")}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    /// <summary>A new database brought to the current schema by the PostgreSQL migrations, as the app does at start-up.</summary>
    public async Task<DbContextOptions<PortalDbContext>> CreateMigratedDatabaseAsync()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(await CreateDatabaseAsync()).UseProviderMigrations().Options;
        await using var db = new PortalDbContext(options);
        await db.Database.MigrateAsync();
        return options;
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Maximum Pool Size=50";

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(DataFolder))
            await RunAsync(Path.Combine(_bin, "pg_ctl"), $"-D \"{DataFolder}\" -m immediate -w stop", throwOnFailure: false);
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* The OS cleans the temp folder. */ }
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private static string FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                  .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
              ?? throw new InvalidOperationException("No initdb under /usr/lib/postgresql: install it with apt-get install -y postgresql.")
            : throw new InvalidOperationException("PostgreSQL is not installed: apt-get install -y postgresql.");

    private static async Task RunAsync(string program, string arguments, bool asPostgres = true, bool throwOnFailure = true)
    {
        var start = asPostgres && RunsAsRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && throwOnFailure)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await errors}{await output}");
    }
}
