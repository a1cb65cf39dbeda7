using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Links;

/// <summary>Deep links and unsubscribe links against the Core services, with a clock the tests move.</summary>
public sealed class DeepLinkServiceTests : IAsyncLifetime
{
    private readonly RecordingPublisher _published = new();
    private CoreServices _core = null!;

    public async Task InitializeAsync() =>
        _core = await CoreServices.StartAsync(services => services.AddSingleton<ILiveEventPublisher>(_published),
            new Dictionary<string, string?> { ["Accounts:DeepLinkDays"] = "3" });

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private DeepLinks Links => _core.Get<DeepLinks>();
    private DeepLinkService Service => _core.Get<DeepLinkService>();

    private async Task<PortalUser> UserAsync(PortalLoginMode mode = PortalLoginMode.LinkOnly)
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db, "Linkson");
        var email = TestAccounts.UniqueEmail("core");
        var account = new AppUser { UserName = email, Email = email, Kind = AccountKind.Portal };
        db.Users.Add(account);
        var user = new PortalUser(customer.Id, email, "Lin Linkson", mode, _core.Clock.Now.UtcDateTime);
        user.LinkAccount(account.Id);
        customer.ChangePreferences(emailNotifications: true, smsNotifications: false, marketingOptIn: true);
        db.PortalUsers.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    [Fact]
    public async Task Check_WorksUntilTheConfiguredLifetime_ThenSaysExpired()
    {
        var user = await UserAsync();
        var token = Links.Sign(user.Id, PortalPaths.Invoice(7));

        _core.Clock.Now = _core.Clock.Now.AddDays(3).AddMinutes(-1);
        var justBefore = await Service.CheckAsync(token, default);
        _core.Clock.Now = _core.Clock.Now.AddMinutes(1);
        var atExpiry = await Service.CheckAsync(token, default);

        Assert.Equal(DeepLinkState.Usable, justBefore.State);
        Assert.Equal((user.Id, PortalPaths.Invoice(7)), (justBefore.Recipient!.PortalUserId, justBefore.Link!.Target));
        Assert.Equal(DeepLinkState.Expired, atExpiry.State);
        Assert.True(atExpiry.OffersFreshLink);
        Assert.Equal(DeepLinkState.Expired, (await Service.UseAsync(token, "", default)).State);
    }

    [Fact]
    public async Task Use_SignsInOnce_AndOnlyForLinkOnlyUsers()
    {
        var linkOnly = await UserAsync();
        var password = await UserAsync(PortalLoginMode.Password);
        var token = Links.Sign(linkOnly.Id, PortalPaths.Home);

        var first = await Service.UseAsync(token, "", default);
        var second = await Service.UseAsync(token, "", default);
        var passwordUse = await Service.UseAsync(Links.Sign(password.Id, PortalPaths.Home), "", default);

        Assert.Equal(DeepLinkState.Usable, first.State);
        Assert.Equal(DeepLinkState.Used, second.State);
        Assert.Equal(DeepLinkState.Used, (await Service.CheckAsync(token, default)).State);
        Assert.False(passwordUse.IsUsable);
    }

    [Fact]
    public async Task RevokeLinks_EndsLinksMadeBefore_NotThoseMadeAfter()
    {
        var user = await UserAsync();
        var before = Links.Sign(user.Id, PortalPaths.Home);
        _core.Clock.Now = _core.Clock.Now.AddMinutes(1);

        var revoked = await _core.Get<PortalUserAdminService>().RevokeLinksAsync(CoreServices.Staff, user.Id, default);
        _core.Clock.Now = _core.Clock.Now.AddMilliseconds(1);
        var after = Links.Sign(user.Id, PortalPaths.Home);

        Assert.True(revoked.Succeeded, revoked.Message);
        Assert.Equal(DeepLinkState.Revoked, (await Service.CheckAsync(before, default)).State);
        Assert.Equal(DeepLinkState.Usable, (await Service.CheckAsync(after, default)).State);
        Assert.Contains(_published.Events, e => e is PortalUsersChanged changed && changed.PortalUserId == user.Id);
    }

    [Fact]
    public async Task Unsubscribe_TurnsOffOnlyItsKind_OnceWithOneLiveEvent()
    {
        var user = await UserAsync();
        var unsubscribes = _core.Get<UnsubscribeService>();
        var marketing = Links.UnsubscribeUrl(user.Id, marketing: true).Split('/')[^1];

        var check = await unsubscribes.CheckAsync(marketing, default);
        var first = await unsubscribes.UnsubscribeAsync(marketing, "", default);
        var second = await unsubscribes.UnsubscribeAsync(marketing, "", default);

        Assert.False(check.Value!.Stopped);
        Assert.True(first.Value!.Stopped);
        Assert.True(second.Value!.Stopped);
        Assert.Single(_published.Events, e => e is CustomerChanged changed && changed.Id == user.CustomerId);
        await using var db = await _core.DbAsync();
        var customer = await db.Customers.SingleAsync(c => c.Id == user.CustomerId);
        Assert.Equal((true, false), (customer.EmailNotifications, customer.MarketingOptIn));
    }

    [Fact]
    public void Read_RefusesATokenOfAnotherPurposeOrAnotherKey()
    {
        var unsubscribe = Links.UnsubscribeUrl(1, marketing: false).Split('/')[^1];
        var link = Links.Sign(1, PortalPaths.Home);

        Assert.Null(Links.Read(unsubscribe));
        Assert.Null(Links.ReadUnsubscribe(link));
        Assert.NotNull(Links.Read(link));
    }

    private sealed class RecordingPublisher : ILiveEventPublisher
    {
        private readonly List<LiveEvent> _events = [];

        public IReadOnlyList<LiveEvent> Events
        {
            get { lock (_events) return [.. _events]; }
        }

        public Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default)
        {
            lock (_events) _events.Add(liveEvent);
            return Task.CompletedTask;
        }
    }
}
