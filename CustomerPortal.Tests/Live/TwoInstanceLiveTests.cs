using CustomerPortal.Core.Access;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Live;

/// <summary>
/// Two app instances on one database with the Redis relay of the live-events bus switched on
/// (LiveUpdates:RedisConnectionString): a change saved on one instance reaches a bus subscriber on the other, and a Redis
/// restart tells subscribers of the gap. Starts its own redis-server on a loopback port.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the instances through IAsyncLifetime.DisposeAsync.")]
[Trait("Database", "SqliteOnly")]
public sealed class TwoInstanceLiveTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = BusyMachineWaits.Patience;
    private TwoInstances _apps = null!;
    private RedisInstanceFactory _first = null!;
    private RedisInstanceFactory _second = null!;

    public async Task InitializeAsync()
    {
        _apps = await TwoInstances.StartAsync();
        (_first, _second) = (_apps.First, _apps.Second);
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

        await _apps.Redis.StopAsync();
        await _apps.Redis.StartAsync();

        Assert.Equal(LiveGap.InstancesReconnected, await gap.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        var first = _first.Services.GetRequiredService<ILiveEventPublisher>();
        // The first instance may reconnect a moment later than the second; publish until an event gets through.
        await UntilAsync(async () =>
        {
            await first.PublishAsync(new CustomerChanged(424242));
            lock (received) return received.Contains(new CustomerChanged(424242));
        }, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _apps.DisposeAsync();

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
}
