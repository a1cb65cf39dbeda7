using System.Diagnostics;
using CustomerPortal.LoadTest;

// Each mode parses its own command line; a bad one prints why and exits with 2.
if (args is ["circuits", ..])
    return Parsed(() => CircuitOptions.Parse(args[1..])) is { } circuitOptions ? await CircuitBenchmark.RunAsync(circuitOptions) : 2;
if (args is ["scale", ..])
    return Parsed(() => ScaleOptions.Parse(args[1..])) is { } scaleOptions ? await ScaleBenchmark.RunAsync(scaleOptions, scaleOptions.Load.WebDll ?? FindWebDll()) : 2;
if (Parsed(() => LoadOptions.Parse(args)) is not { } options) return 2;

// 5,000 client connections start at once; the pool must not wait half a second per extra thread while they do.
ThreadPool.SetMinThreads(64, 64);
var webDll = options.WebDll ?? FindWebDll();
var dataFolder = options.DataFolder ?? Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"cp-load-{Guid.NewGuid():N}");
Directory.CreateDirectory(dataFolder);
Console.WriteLine($"Load test: {options.Connections} connections ({options.StaffConnections} staff), {options.Rate} msg/s for {options.DurationSeconds} s, " +
    $"server on CPU {(options.ServerCpu.Length > 0 ? options.ServerCpu : "any")}, this tool sees {Environment.ProcessorCount} CPU(s); data in {dataFolder}.");

var scenarios = new List<IHubScenario>();
foreach (var name in options.Scenarios.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
{
    scenarios.Add(name switch
    {
        "echo" => new EchoScenario(),
        "messages" => new MessagingScenario(),
        _ => throw new ArgumentException($"Unknown scenario {name}."),
    });
}

try
{
    var world = await LoadSeed.SeedAsync(options, dataFolder, scenarios.OfType<MessagingScenario>().Any() ? MessagingScenario.SeedThreadsAsync : null);

    // Sign-in runs on its own server process, so neither hub's memory figure carries the sign-in work.
    await using (var server = await ServerProcess.StartAsync(options, webDll, dataFolder, "server-sign-in.log"))
    {
        var clock = Stopwatch.StartNew();
        using var signIn = new HttpSignIn(server.BaseUri);
        await Parallel.ForEachAsync(world.Peers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (peer, _) =>
            peer.Cookie = peer.IsStaff ? await signIn.StaffAsync(peer.Email, LoadWorld.StaffPassword) : await signIn.PortalLinkAsync(peer.LinkToken!));
        Console.WriteLine($"Signed in {world.Peers.Count} people over HTTP in {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    var results = new List<RunFigures>();
    foreach (var scenario in scenarios)
    {
        await using var server = await ServerProcess.StartAsync(options, webDll, dataFolder, $"server-{scenario.HubPath.Replace('/', '-')}.log");
        results.Add(await LoadRun.RunAsync(scenario, world, server, options));
    }
    LoadReport.Print(options, results);
    return results.All(r => r.Errors == 0 && r.Lost == 0 && r.Duplicates == 0 && r.OutOfOrder == 0 && r.Dropped == 0) ? 0 : 1;
}
finally
{
    if (options.Keep) Console.WriteLine($"Kept {dataFolder}.");
    else
    {
        try { Directory.Delete(dataFolder, recursive: true); }
        catch (IOException) { Console.WriteLine($"Could not delete {dataFolder}."); }
    }
}

static T? Parsed<T>(Func<T> parse) where T : class
{
    try
    {
        return parse();
    }
    catch (Exception error) when (error is ArgumentException or FormatException)
    {
        Console.Error.WriteLine(error.Message);
        return null;
    }
}

static string FindWebDll()
{
    var dll = Path.Combine(RepoFolder.Find(), "CustomerPortal.Web", "bin", "Release", "net10.0", "CustomerPortal.Web.dll");
    return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the app first: dotnet build CustomerPortal.Web -c Release ({dll}).");
}
