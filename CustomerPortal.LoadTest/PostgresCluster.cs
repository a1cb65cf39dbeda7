using System.Diagnostics;
using Npgsql;

namespace CustomerPortal.LoadTest;

/// <summary>
/// A throw-away PostgreSQL cluster on a loopback port in its own temp folder, for the scale mode: the instances must
/// share one database. initdb refuses root, so as root it runs as the package's postgres account. Durability is off
/// because the cluster is deleted after the run.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string User = "portal";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cp-scale-pg-{Guid.NewGuid():N}");
    private readonly string _bin;
    private readonly int _port = ServerProcess.FreePort();
    private bool _started;

    private PostgresCluster(string bin) => _bin = bin;

    private string DataFolder => Path.Combine(_folder, "data");

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        var cluster = new PostgresCluster(bin ?? throw new InvalidOperationException("No initdb under /usr/lib/postgresql: apt-get install -y postgresql."));
        try
        {
            Directory.CreateDirectory(cluster._folder);
            if (RunsAsRoot) await RunAsync("chown", ["postgres", cluster._folder], asPostgres: false);
            await cluster.RunPostgresToolAsync("initdb", ["-D", cluster.DataFolder, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
            await cluster.RunPostgresToolAsync("pg_ctl", ["-D", cluster.DataFolder, "-l", Path.Combine(cluster._folder, "server.log"), "-w", "-t", "60", "start",
                "-o", $"-p {cluster._port} -k {cluster._folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"]);
            cluster._started = true;
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The connection string of a new, empty database on this cluster.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username={User};Database={database};Maximum Pool Size=50";

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_started) await RunPostgresToolAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"], throwOnFailure: false);
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { Console.WriteLine($"Could not delete {_folder}."); }
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private Task RunPostgresToolAsync(string tool, string[] arguments, bool throwOnFailure = true) =>
        RunAsync(Path.Combine(_bin, tool), arguments, asPostgres: true, throwOnFailure);

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres, bool throwOnFailure = true)
    {
        var start = new ProcessStartInfo(asPostgres && RunsAsRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (asPostgres && RunsAsRoot) foreach (var part in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(part);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && throwOnFailure)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await errors}{await output}");
    }
}
