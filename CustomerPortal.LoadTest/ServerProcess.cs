using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CustomerPortal.LoadTest;

/// <summary>
/// The real app (CustomerPortal.Web's built output) as its own process on a loopback port, pinned with taskset, on the
/// seeded database, with the per-IP form limits and the per-user send limit lifted for the run and the echo hub and the
/// memory probe mapped.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log, Uri baseUri)
    {
        _process = process;
        _log = log;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }
    public int Pid => _process.Id;

    /// <summary>
    /// The app, with the settings above, its data in <paramref name="dataFolder"/> and its log there too;
    /// <paramref name="moreSettings"/> add to or replace them (the scale mode's PostgreSQL and Redis).
    /// </summary>
    public static Task<ServerProcess> StartAsync(
        LoadOptions options, string webDll, string dataFolder, string logName, IReadOnlyDictionary<string, string>? moreSettings = null) =>
        StartAsync(webDll, options.ServerCpu, url => new Dictionary<string, string>(moreSettings ?? new Dictionary<string, string>())
        {
            ["Urls"] = url,
            ["App:PublicBaseUrl"] = moreSettings?.GetValueOrDefault("App:PublicBaseUrl") ?? url,
            ["Database:DataFolder"] = dataFolder,
            ["DemoData:Enabled"] = "false",
            ["RateLimits:SignInsPerAddressAndIp"] = "1000000",
            ["RateLimits:LinkEmailsPerAddress"] = "1000000",
            ["RateLimits:FormPostsPerIp"] = "1000000",
            ["Messaging:SendsPerMinute"] = "100000",
            ["LoadTest:EchoHub"] = "true",
            ["LoadTest:MemoryProbe"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        }, Path.Combine(dataFolder, logName), "portal/login");

    /// <summary>
    /// Any ASP.NET Core app's dll (the app or the circuit benchmark's template baseline) on a free loopback port, with
    /// the given settings on its command line, ready once <paramref name="readyPath"/> answers 200.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string dll, string serverCpu, Func<string, Dictionary<string, string>> settingsFor, string logPath, string readyPath)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var settings = settingsFor(url);
        var start = new ProcessStartInfo
        {
            FileName = serverCpu.Length > 0 ? "taskset" : "dotnet",
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (serverCpu.Length > 0)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(serverCpu);
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, log, new Uri(url + "/"));
        await server.WaitUntilReadyAsync(readyPath, logPath);
        return server;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }

    private async Task WaitUntilReadyAsync(string readyPath, string logPath)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server stopped at start-up; see {logPath}.");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, readyPath));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The server did not answer within 90 s; see {logPath}.");
    }

    /// <summary>Resident set size of the server process, in bytes (from /proc).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
        }
        return 0;
    }

    /// <summary>Bytes live on the managed heap after full collections, from the memory probe (<c>LoadTest:MemoryProbe</c>).</summary>
    public async Task<long> ManagedHeapAfterCollectionAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        return long.Parse(await http.GetStringAsync("load-test/memory"), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM lets the host shut down; SIGKILL if it does not within ten seconds.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await term.WaitForExitAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(patience.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    /// <summary>
    /// Established TCP connections whose local end is this server's port (from /proc/net), that is, the connections
    /// clients or a proxy hold open to it.
    /// </summary>
    private static readonly string[] TcpTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    public int EstablishedConnections()
    {
        var port = BaseUri.Port.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
        const string Established = "01";
        return TcpTables.Where(File.Exists).SelectMany(File.ReadLines).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(f => f.Length > 3 && f[1].EndsWith(":" + port, StringComparison.Ordinal) && f[3] == Established);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
