using System.Diagnostics;
using System.Net.Sockets;

namespace CustomerPortal.LoadTest;

/// <summary>
/// A helper server the scale mode runs in the foreground (redis-server, nginx), its output in a log file, ready once
/// it accepts TCP connections on its port, stopped by SIGKILL with its children: it holds nothing worth keeping.
/// </summary>
public sealed class BackgroundProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private BackgroundProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public static async Task<BackgroundProcess> StartAsync(string program, IEnumerable<string> arguments, int port, string logPath)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var running = new BackgroundProcess(process, log);
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited)
            {
                await running.DisposeAsync();
                throw new InvalidOperationException($"{Path.GetFileName(program)} stopped at start-up; see {logPath}.");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return running;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        await running.DisposeAsync();
        throw new TimeoutException($"{Path.GetFileName(program)} did not listen on {port} within 20 s; see {logPath}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
