using System.Diagnostics;
using System.Globalization;

namespace CustomerPortal.LoadTest;

/// <summary>
/// The scale mode: at each connection count, the messaging hub on one app instance and on two behind nginx, all on
/// one throw-away PostgreSQL database and one Redis, people signed in once through nginx and reused by every step.
/// </summary>
public static class ScaleBenchmark
{
    public static async Task<int> RunAsync(ScaleOptions scale, string webDll)
    {
        var options = scale.Load;
        if (scale.Steps[0] <= options.StaffConnections)
            throw new ArgumentException($"The first step must be above the {options.StaffConnections} staff connections.");
        ThreadPool.SetMinThreads(64, 64);
        var root = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"cp-scale-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        Console.WriteLine($"Scale: steps {string.Join(", ", scale.Steps)} connections ({options.StaffConnections} staff), " +
            $"{string.Join(", ", scale.Steps.Select(scale.StepRate))} msg/s for {options.DurationSeconds} s each; instances on CPU " +
            $"{scale.InstanceCpus[0]} (one) and {string.Join(" + ", scale.InstanceCpus)} (two); this tool sees {Environment.ProcessorCount} CPU(s); files in {root}.");

        PostgresCluster? postgres = null;
        BackgroundProcess? redis = null;
        try
        {
            postgres = await PostgresCluster.StartAsync();
            var redisPort = ServerProcess.FreePort();
            redis = await BackgroundProcess.StartAsync("redis-server",
                ["--port", redisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                redisPort, Path.Combine(root, "redis.log"));
            var shared = new Dictionary<string, string>
            {
                ["Database:Provider"] = "PostgreSql",
                ["Database:PostgreSqlConnectionString"] = await postgres.CreateDatabaseAsync("cp_scale"),
                ["LiveUpdates:RedisConnectionString"] = $"127.0.0.1:{redisPort}",
            };

            var world = await LoadSeed.SeedAsync(options, Folder(root, "seed"), MessagingScenario.SeedThreadsAsync, shared);
            await using (var pair = await TwoInstances.StartAsync(options, scale, webDll, root, "sign-in", shared))
            {
                var clock = Stopwatch.StartNew();
                using var signIn = new HttpSignIn(pair.BaseUri);
                await Parallel.ForEachAsync(world.Peers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (peer, _) =>
                {
                    // The peer's own affinity key: nginx hashes it to one instance for the sign-in and every later connection.
                    var affinity = $"{NginxProxy.AffinityCookie}={Guid.NewGuid():N}";
                    var auth = peer.IsStaff
                        ? await signIn.StaffAsync(peer.Email, LoadWorld.StaffPassword, affinity)
                        : await signIn.PortalLinkAsync(peer.LinkToken!, affinity);
                    peer.Cookie = $"{auth}; {affinity}";
                });
                Console.WriteLine($"Signed in {world.Peers.Count} people through nginx in {clock.Elapsed.TotalSeconds:0.0} s.");
            }

            var rows = new List<ScaleRow>();
            foreach (var step in scale.Steps)
            {
                var part = world.FirstPeople(step);
                var stepOptions = options with { Connections = step, Rate = scale.StepRate(step) };
                await using (var one = await ServerProcess.StartAsync(stepOptions with { ServerCpu = scale.InstanceCpus[0] }, webDll,
                    Folder(root, $"one-{step}"), "server.log", shared))
                {
                    rows.Add(new ScaleRow(step, stepOptions.Rate, 1, await LoadRun.RunAsync(new MessagingScenario(), part, one, stepOptions)));
                }
                await using (var pair = await TwoInstances.StartAsync(stepOptions, scale, webDll, root, $"two-{step}", shared))
                {
                    rows.Add(new ScaleRow(step, stepOptions.Rate, 2,
                        await LoadRun.RunAsync(new MessagingScenario(), part, pair.BaseUri, pair.Servers, stepOptions)));
                }
            }
            ScaleReport.Print(scale, rows);
            return rows.All(r => r.Clean) ? 0 : 1;
        }
        finally
        {
            if (redis is not null) await redis.DisposeAsync();
            if (postgres is not null) await postgres.DisposeAsync();
            if (options.Keep) Console.WriteLine($"Kept {root}.");
            else
            {
                try { Directory.Delete(root, recursive: true); }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException) { Console.WriteLine($"Could not delete {root}."); }
            }
        }
    }

    private static string Folder(string root, string name)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Two app instances, each on its own CPU and data folder, and nginx in front of them.</summary>
    private sealed class TwoInstances : IAsyncDisposable
    {
        private readonly List<ServerProcess> _servers = [];
        private BackgroundProcess? _nginx;

        public required Uri BaseUri { get; init; }
        public IReadOnlyList<ServerProcess> Servers => _servers;

        public static async Task<TwoInstances> StartAsync(
            LoadOptions options, ScaleOptions scale, string webDll, string root, string name, Dictionary<string, string> shared)
        {
            var nginxPort = ServerProcess.FreePort();
            var pair = new TwoInstances { BaseUri = new Uri($"http://127.0.0.1:{nginxPort}/") };
            try
            {
                var settings = new Dictionary<string, string>(shared) { ["App:PublicBaseUrl"] = pair.BaseUri.ToString().TrimEnd('/') };
                // One after the other: the first makes the data-protection key in the shared database, the second reads it.
                for (var i = 0; i < 2; i++)
                {
                    pair._servers.Add(await ServerProcess.StartAsync(options with { ServerCpu = scale.InstanceCpus[i] }, webDll,
                        Folder(root, $"{name}-instance-{i + 1}"), "server.log", settings));
                }
                pair._nginx = await NginxProxy.StartAsync(Path.Combine(root, $"{name}-nginx"), nginxPort, pair._servers[0].BaseUri.Port, pair._servers[1].BaseUri.Port);
                return pair;
            }
            catch
            {
                await pair.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_nginx is not null) await _nginx.DisposeAsync();
            foreach (var server in _servers) await server.DisposeAsync();
        }
    }
}

public sealed record ScaleRow(int Connections, double Rate, int Instances, RunFigures Figures)
{
    public bool Clean => Figures is { Errors: 0, Lost: 0, Duplicates: 0, OutOfOrder: 0, Dropped: 0 };
}
