using CustomerPortal.Core.Access;
using CustomerPortal.Core.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerPortal.Tests.Live;

public sealed class LiveEventBusTests
{
    private static readonly Actor Staff = Actor.Staff(1, "Sam Staff", StaffRole.Staff);
    private readonly LiveEventBus _bus = new(new AccessRules(), TestMetrics.Create(), NullLogger<LiveEventBus>.Instance);

    private static Actor PortalUser(int customerId, int portalUserId = 50, bool locked = false) => new()
    {
        Kind = ActorKind.Customer, Name = "Pat", CustomerId = customerId, PortalUserId = portalUserId, IsLocked = locked,
        Modules = PortalModules.Invoices,
    };

    private Task<LiveSubscription> SubscribeAsync(Func<Actor?> actor, List<LiveEvent> received, int? customerId = null, List<LiveGap>? gaps = null) =>
        _bus.SubscribeAsync(new LiveSubscriber(
            _ => Task.FromResult(actor()),
            e =>
            {
                lock (received) received.Add(e);
                return Task.CompletedTask;
            },
            customerId,
            gap =>
            {
                gaps?.Add(gap);
                return Task.CompletedTask;
            }));

    [Fact]
    public async Task Publish_GoesOnWithoutASubscriberThatNeverFinishes()
    {
        var bus = new LiveEventBus(new AccessRules(), TestMetrics.Create(), NullLogger<LiveEventBus>.Instance) { SubscriberPatience = TimeSpan.FromMilliseconds(50) };
        var stuck = new TaskCompletionSource();
        var received = new List<LiveEvent>();
        await bus.SubscribeAsync(new LiveSubscriber(_ => Task.FromResult<Actor?>(Staff), _ => stuck.Task, 4));
        await bus.SubscribeAsync(new LiveSubscriber(_ => Task.FromResult<Actor?>(Staff), e =>
        {
            lock (received) received.Add(e);
            return Task.CompletedTask;
        }, 4));

        // Without the patience this publish would never return; the generous limit only turns a hang into a failure.
        await bus.PublishAsync(new CustomerChanged(4)).WaitAsync(TimeSpan.FromSeconds(30));
        await bus.PublishAsync(new CustomerChanged(4)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new LiveEvent[] { new CustomerChanged(4), new CustomerChanged(4) }, received);
        Assert.False(stuck.Task.IsCompleted);
    }

    [Fact]
    public async Task Publish_ReachesSubscribersUntilTheyDispose()
    {
        var received = new List<LiveEvent>();
        var subscription = await SubscribeAsync(() => Staff, received);

        await _bus.PublishAsync(new CustomerChanged(4));
        subscription.Dispose();
        await _bus.PublishAsync(new CustomerChanged(5));

        Assert.True(subscription is { IsActive: false });
        Assert.Equal([new CustomerChanged(4)], received);
    }

    [Fact]
    public async Task Subscribe_ToAnotherCustomer_IsRefusedAndReceivesNothing()
    {
        var received = new List<LiveEvent>();

        var subscription = await SubscribeAsync(() => PortalUser(customerId: 7), received, customerId: 8);
        await _bus.PublishAsync(new CustomerChanged(8));

        Assert.False(subscription.IsActive);
        Assert.Empty(received);
    }

    [Fact]
    public async Task Subscribe_ToEverything_IsRefusedForAPortalUser()
    {
        var subscription = await SubscribeAsync(() => PortalUser(customerId: 7), []);

        Assert.False(subscription.IsActive);
    }

    [Fact]
    public async Task Subscribe_WithoutAnActor_IsRefused()
    {
        var subscription = await SubscribeAsync(() => null, [], customerId: 7);

        Assert.False(subscription.IsActive);
    }

    [Fact]
    public async Task Deliver_GivesAPortalUserOnlyTheirCustomersAndCompanyWideEvents()
    {
        var received = new List<LiveEvent>();
        await SubscribeAsync(() => PortalUser(customerId: 7), received, customerId: 7);

        await _bus.PublishAsync(new CustomerChanged(8));
        await _bus.PublishAsync(new InvoiceChanged(7, 3));
        await _bus.PublishAsync(new CompanySettingsChanged());

        Assert.Equal([new InvoiceChanged(7, 3), new CompanySettingsChanged()], received);
    }

    [Fact]
    public async Task Deliver_AfterTheActorIsLocked_DeliversNothingMore()
    {
        var received = new List<LiveEvent>();
        var actor = PortalUser(customerId: 7);
        var subscription = await SubscribeAsync(() => actor, received, customerId: 7);
        await _bus.PublishAsync(new InvoiceChanged(7, 1));

        actor = PortalUser(customerId: 7, locked: true);
        await _bus.PublishAsync(new InvoiceChanged(7, 2));

        Assert.True(subscription.IsActive);
        Assert.Equal([new InvoiceChanged(7, 1)], received);
    }

    [Fact]
    public async Task Deliver_AfterTheActorIsSignedOut_DeliversNothingMore()
    {
        var received = new List<LiveEvent>();
        Actor? actor = Staff;
        await SubscribeAsync(() => actor, received);

        actor = null;
        await _bus.PublishAsync(new CustomerChanged(4));

        Assert.Empty(received);
    }

    [Fact]
    public async Task Publish_WithAFailingSubscriber_StillReachesTheOthersAndDoesNotThrow()
    {
        var received = new List<LiveEvent>();
        await _bus.SubscribeAsync(new LiveSubscriber(_ => Task.FromResult<Actor?>(Staff), _ => throw new InvalidOperationException("closed circuit")));
        var calls = 0;
        await _bus.SubscribeAsync(new LiveSubscriber(
            _ => ++calls == 1 ? Task.FromResult<Actor?>(Staff) : throw new InvalidOperationException("database gone"), _ => Task.CompletedTask));
        await SubscribeAsync(() => Staff, received);

        await _bus.PublishAsync(new CustomerChanged(4));

        Assert.Equal([new CustomerChanged(4)], received);
    }

    [Fact]
    public async Task SignalGap_TellsEverySubscriberThatListensForGaps()
    {
        var gaps = new List<LiveGap>();
        await SubscribeAsync(() => Staff, [], gaps: gaps);
        await SubscribeAsync(() => PortalUser(7), [], customerId: 7, gaps: gaps);
        var disposed = await SubscribeAsync(() => Staff, [], gaps: gaps);
        disposed.Dispose();

        await _bus.SignalGapAsync(LiveGap.InstancesReconnected);

        Assert.Equal([LiveGap.InstancesReconnected, LiveGap.InstancesReconnected], gaps);
    }

    [Fact]
    public async Task WatchAccess_IsToldOfItsOwnUserBeforeSubscribersEvenWhenNowLocked()
    {
        var order = new List<string>();
        var actor = PortalUser(customerId: 7, portalUserId: 50);
        using var watch = _bus.WatchAccess(actor, () =>
        {
            order.Add("watch");
            actor = actor with { IsLocked = true };
            return Task.CompletedTask;
        });
        await _bus.SubscribeAsync(new LiveSubscriber(_ => Task.FromResult<Actor?>(actor), e =>
        {
            order.Add("event");
            return Task.CompletedTask;
        }, 7));

        await _bus.PublishAsync(new PortalUsersChanged(7, 51));
        await _bus.PublishAsync(new CustomerChanged(8));
        await _bus.PublishAsync(new PortalUsersChanged(7, 50));

        Assert.Equal(["event", "watch"], order);
    }

    [Fact]
    public async Task Publish_PassesEventsToTheRelay_AndDeliverDoesNot()
    {
        var relayed = new List<LiveEvent>();
        _bus.UseRelay(e =>
        {
            relayed.Add(e);
            return Task.FromResult(false);
        });

        await _bus.PublishAsync(new CustomerChanged(1));
        await _bus.DeliverAsync(new CustomerChanged(2));

        Assert.Equal([new CustomerChanged(1)], relayed);
    }

    [Fact]
    public async Task Publish_DeliversHereOnce_WhetherTheRelayTookCareOfItOrNot()
    {
        var received = new List<LiveEvent>();
        await SubscribeAsync(() => Staff, received);
        _bus.UseRelay(async e =>
        {
            // Odd customers come back through the relay (delivered by it); even ones are left to the bus.
            if (e is CustomerChanged { Id: var id } && id % 2 == 1)
            {
                await _bus.DeliverAsync(e);
                return true;
            }
            return false;
        });

        await _bus.PublishAsync(new CustomerChanged(1));
        await _bus.PublishAsync(new CustomerChanged(2));

        Assert.Equal([new CustomerChanged(1), new CustomerChanged(2)], received);
    }

    [Fact]
    public async Task Publish_WhenTheRelayFails_StillDeliversLocally()
    {
        var received = new List<LiveEvent>();
        await SubscribeAsync(() => Staff, received);
        _bus.UseRelay(_ => throw new InvalidOperationException("redis down"));

        await _bus.PublishAsync(new CustomerChanged(1));

        Assert.Equal([new CustomerChanged(1)], received);
    }
}
