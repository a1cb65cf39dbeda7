using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CustomerPortal.LoadTest;

/// <summary>
/// The real app (CustomerPortal.Web's built output) as its own process on a loopback port, pinned with taskset, on the
/// seeded database, with the per-IP form limits and the per-user send limit lifted for the run and the echo hub mapped.
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

    public static async Task<ServerProcess> StartAsync(LoadOptions options, string webDll, string dataFolder, string logName)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = url,
            ["App:PublicBaseUrl"] = url,
            ["Database:DataFolder"] = dataFolder,
            ["DemoData:Enabled"] = "false",
            ["RateLimits:SignInsPerAddressAndIp"] = "1000000",
            ["RateLimits:LinkEmailsPerAddress"] = "1000000",
            ["RateLimits:FormPostsPerIp"] = "1000000",
            ["Messaging:SendsPerMinute"] = "100000",
            ["LoadTest:EchoHub"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var start = new ProcessStartInfo
        {
            FileName = options.ServerCpu.Length > 0 ? "taskset" : "dotnet",
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (options.ServerCpu.Length > 0)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(options.ServerCpu);
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(webDll);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var log = new StreamWriter(Path.Combine(dataFolder, logName)) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, log, new Uri(url + "/"));
        await server.WaitUntilReadyAsync(Path.Combine(dataFolder, logName));
        return server;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }

    private async Task WaitUntilReadyAsync(string logPath)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server stopped at start-up; see {logPath}.");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "portal/login"));
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
