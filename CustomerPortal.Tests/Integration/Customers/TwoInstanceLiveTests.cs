using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Live;
using CustomerPortal.Tests.Support;
using CustomerPortal.Web.Hubs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Integration.Customers;

/// <summary>
/// Two app instances on one database with the Redis backplane switched on (LiveUpdates:RedisConnectionString): a change
/// saved on one instance reaches a hub connection on the other. Starts its own redis-server on a loopback port.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the instances through IAsyncLifetime.DisposeAsync.")]
public sealed class TwoInstanceLiveTests : IAsyncLifetime
{
    private readonly string _sharedFolder = Path.Combine(Path.GetTempPath(), "cp-two", Guid.NewGuid().ToString("N"));
    private Process? _redis;
    private InstanceFactory _first = null!;
    private InstanceFactory _second = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_sharedFolder);
        var port = FreePort();
        _redis = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start; install it with apt-get install -y redis-server.");
        await WaitForPortAsync(port);
        _first = new InstanceFactory(_sharedFolder, $"127.0.0.1:{port}");
        _ = _first.BaseUrl;
        _second = new InstanceFactory(_sharedFolder, $"127.0.0.1:{port}");
        _ = _second.BaseUrl;
    }

    [Fact]
    public async Task CustomerSavedOnOneInstance_ReachesStaffConnectedToTheOther()
    {
        var staff = await TestAccounts.CreateStaffAsync(_first);
        var customer = await TestAccounts.CreateCustomerAsync(_first, "Twoinstances");
        var cookies = new CookieContainer();
        using (var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies })
        using (var client = new HttpClient(handler) { BaseAddress = new Uri(_second.BaseUrl + "/") })
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn.StaffAsync(client, staff.Email)).StatusCode);
        await using var connection = new HubConnectionBuilder().WithUrl(_second.BaseUrl + LiveHub.Path, o => o.Cookies = cookies).Build();
        var changed = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        LiveEventContracts.ListenAll(connection, e =>
        {
            if (e.CustomerId == customer.Id) changed.TrySetResult(e);
            return Task.CompletedTask;
        });
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(LiveHub.JoinStaff));

        var customers = _first.Services.GetRequiredService<CustomerService>();
        var form = (await customers.GetAsync(staff.ToActor(), customer.Id, default)).Value!.Input;
        form.CompanyName = "Two Instances Ltd";
        Assert.True((await customers.UpdateAsync(staff.ToActor(), customer.Id, form, default)).Succeeded);

        Assert.Equal(new CustomerChanged(customer.Id), await changed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            await _redis.WaitForExitAsync();
        }
        _redis?.Dispose();
        try { Directory.Delete(_sharedFolder, recursive: true); }
        catch (IOException) { /* The OS cleans the temp folder. */ }
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

    /// <summary>One app instance: the shared database folder and the Redis backplane on top of the usual test app.</summary>
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
