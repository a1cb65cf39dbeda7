using System.Diagnostics;
using System.Net;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Company;
using System.Net.Sockets;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Live;

/// <summary>
/// Two app instances on one database with the Redis relay of the live-events bus switched on
/// (LiveUpdates:RedisConnectionString): a change saved on one instance reaches a bus subscriber on the other, and a Redis
/// restart tells subscribers of the gap. Starts its own redis-server on a loopback port.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the instances through IAsyncLifetime.DisposeAsync.")]
public sealed class TwoInstanceLiveTests : IAsyncLifetime
{
    private readonly string _sharedFolder = Path.Combine(Path.GetTempPath(), "cp-two", Guid.NewGuid().ToString("N"));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private Process? _redis;
    private InstanceFactory _first = null!;
    private InstanceFactory _second = null!;

    private int _port;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_sharedFolder);
        _port = FreePort();
        await StartRedisAsync();
        _first = new InstanceFactory(_sharedFolder, $"127.0.0.1:{_port}");
        _ = _first.BaseUrl;
        _second = new InstanceFactory(_sharedFolder, $"127.0.0.1:{_port}");
        _ = _second.BaseUrl;
    }

    [Fact]
    public async Task CustomerSavedOnOneInstance_ReachesABusSubscriberOnTheOther()
    {
        var staff = (await TestAccounts.CreateStaffAsync(_first)).ToActor();
        var customer = await TestAccounts.CreateCustomerAsync(_first, "Twoinstances");
        var changed = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = await _second.Services.GetRequiredService<LiveEventBus>().SubscribeAsync(new LiveSubscriber(
            _ => Task.FromResult<Actor?>(staff),
            e =>
            {
                if (e.CustomerId == customer.Id) changed.TrySetResult(e);
                return Task.CompletedTask;
            }));

        var customers = _first.Services.GetRequiredService<CustomerService>();
        var form = (await customers.GetAsync(staff, customer.Id, default)).Value!.Input;
        form.CompanyName = "Two Instances Ltd";
        Assert.True((await customers.UpdateAsync(staff, customer.Id, form, default)).Succeeded);

        Assert.Equal(new CustomerChanged(customer.Id), await changed.Task.WaitAsync(Patience));
    }

    [Fact]
    public async Task SettingsSavedOnOneInstance_ClearTheSettingsCacheOfTheOther()
    {
        var admin = (await TestAccounts.CreateStaffAsync(_first, StaffRole.Admin)).ToActor();
        var cached = _second.Services.GetRequiredService<CompanySettingsService>();
        var name = $"Renamed {Guid.NewGuid():N}"[..20];
        Assert.NotEqual(name, (await cached.GetAsync()).Name);

        var admin1 = _first.Services.GetRequiredService<CompanySettingsAdminService>();
        var input = (await admin1.GetForEditAsync(admin, default)).Value!;
        input.Name = name;
        Assert.True((await admin1.SaveAsync(admin, input, default)).Succeeded);

        await UntilAsync(async () => (await cached.GetAsync()).Name == name, Patience);
    }

    [Fact]
    public async Task AfterRedisRestarts_SubscribersAreToldOfAGap_AndEventsFlowAgain()
    {
        var staff = Actor.Staff(1, "Sam Staff", StaffRole.Staff);
        var gap = new TaskCompletionSource<LiveGap>(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new List<LiveEvent>();
        using var subscription = await _second.Services.GetRequiredService<LiveEventBus>().SubscribeAsync(new LiveSubscriber(
            _ => Task.FromResult<Actor?>(staff),
            e =>
            {
                lock (received) received.Add(e);
                return Task.CompletedTask;
            },
            OnGap: g =>
            {
                gap.TrySetResult(g);
                return Task.CompletedTask;
            }));

        await StopRedisAsync();
        await StartRedisAsync();

        Assert.Equal(LiveGap.InstancesReconnected, await gap.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        var first = _first.Services.GetRequiredService<ILiveEventPublisher>();
        // The first instance may reconnect a moment later than the second; publish until an event gets through.
        await UntilAsync(async () =>
        {
            await first.PublishAsync(new CustomerChanged(424242));
            lock (received) return received.Contains(new CustomerChanged(424242));
        }, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await StopRedisAsync();
        try { Directory.Delete(_sharedFolder, recursive: true); }
        catch (IOException) { /* The OS cleans the temp folder. */ }
    }

    private async Task StartRedisAsync()
    {
        _redis = Process.Start(new ProcessStartInfo("redis-server", $"--port {_port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start; install it with apt-get install -y redis-server.");
        await WaitForPortAsync(_port);
    }

    private async Task StopRedisAsync()
    {
        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            await _redis.WaitForExitAsync();
        }
        _redis?.Dispose();
        _redis = null;
    }

    /// <summary>Waits for something that happens on another instance; fails after the timeout.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            if (limit.IsCancellationRequested) throw new TimeoutException($"Not true after {timeout.TotalSeconds} seconds.");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port)
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
        throw new InvalidOperationException($"redis-server did not listen on port {port}.");
    }

    /// <summary>One app instance: the shared database folder and the Redis relay on top of the usual test app.</summary>
    private sealed class InstanceFactory(string sharedFolder, string redis) : PortalAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:DataFolder", sharedFolder);
            builder.UseSetting("LiveUpdates:RedisConnectionString", redis);
        }
    }
}
