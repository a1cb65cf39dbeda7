using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;

namespace CustomerPortal.Tests.Support;

/// <summary>A throw-away redis-server on a loopback port (apt-get install -y redis-server), for the two-instance tests.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; } = PortalAppFactory.FreePort();

    /// <summary>The LiveUpdates:RedisConnectionString that reaches this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server", $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start; install it with apt-get install -y redis-server.");
        await WaitForPortAsync(Port);
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>Waits until something listens on the loopback <paramref name="port"/> (a server process just started).</summary>
    internal static async Task WaitForPortAsync(int port)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"Nothing listens on port {port}.");
    }
}

/// <summary>
/// One of several app instances on one shared database folder, with Redis on (the live-events relay, shared rate limits),
/// and any further <paramref name="settings"/>.
/// </summary>
public class RedisInstanceFactory(string sharedFolder, string redis, IReadOnlyDictionary<string, string>? settings = null) : PortalAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:DataFolder", sharedFolder);
        builder.UseSetting("LiveUpdates:RedisConnectionString", redis);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }
}

/// <summary>Two app instances on one shared database folder, bridged by their own redis-server: the scale-out tests' set-up.</summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private readonly string _sharedFolder = Path.Combine(Path.GetTempPath(), "cp-two", Guid.NewGuid().ToString("N"));

    private TwoInstances() { }

    public RedisServer Redis { get; } = new();
    public RedisInstanceFactory First { get; private set; } = null!;
    public RedisInstanceFactory Second { get; private set; } = null!;

    /// <summary>Starts Redis and both instances, each with <paramref name="settings"/> on top of the test defaults.</summary>
    public static async Task<TwoInstances> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var instances = new TwoInstances();
        Directory.CreateDirectory(instances._sharedFolder);
        await instances.Redis.StartAsync();
        instances.First = new RedisInstanceFactory(instances._sharedFolder, instances.Redis.ConnectionString, settings);
        _ = instances.First.BaseUrl;
        instances.Second = new RedisInstanceFactory(instances._sharedFolder, instances.Redis.ConnectionString, settings);
        _ = instances.Second.BaseUrl;
        return instances;
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await Redis.StopAsync();
        try { Directory.Delete(_sharedFolder, recursive: true); }
        catch (IOException) { /* The OS cleans the temp folder. */ }
    }
}
