using Bunit;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Live;
using CustomerPortal.Tests.Integration.PortalAdmin;
using CustomerPortal.Tests.Support;
using CustomerPortal.Web.Hubs;
using CustomerPortal.Web.Staff.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CustomerPortal.Tests.Components.Customers;

/// <summary>The customer portal tab on the real services of a running app (real SQLite, Identity, links); live updates are in-memory.</summary>
[Collection(WebAppCollection.Name)]
public sealed class CustomerPortalTabTests : BunitContext, IAsyncLifetime
{
    private readonly PortalAppFactory _app;
    private readonly TabLiveUpdates _live = new();
    private IRenderedComponent<MudDialogProvider>? _dialogs;

    public CustomerPortalTabTests(WebAppFixture fixture)
    {
        _app = fixture.App;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(_app.Get<CustomerPortalService>());
        Services.AddSingleton(_app.Get<PortalUserAdminService>());
        Services.AddSingleton(_app.Get<CustomerPortal.Core.Documents.PortalLinks>());
        Services.AddSingleton<ILiveUpdates>(_live);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public new async Task DisposeAsync() => await base.DisposeAsync();

    private async Task<(Customer Customer, Actor Staff)> CustomerWithStaffAsync()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var (_, staff) = await PortalAdminKit.StaffAsync(_app);
        return (customer, staff);
    }

    private IRenderedComponent<CustomerPortalTab> RenderTab(int customerId, Actor staff)
    {
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        return Render<CustomerPortalTab>(p => p.Add(t => t.CustomerId, customerId).AddCascadingValue(staff));
    }

    private static string StatusOf(IRenderedComponent<CustomerPortalTab> cut, int userId) =>
        cut.Find($"[data-testid='status-{userId}']").TextContent.Trim();

    [Fact]
    public async Task ListsUsersWithTheirStatus()
    {
        var (customer, staff) = await CustomerWithStaffAsync();
        var invited = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var locked = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        await _app.Get<PortalUserAdminService>().LockAsync(staff, locked.Id, default);

        var cut = RenderTab(customer.Id, staff);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid^='portal-user-']").Count));
        Assert.Equal("Invited", StatusOf(cut, invited.Id));
        Assert.Equal("Locked", StatusOf(cut, locked.Id));
        Assert.Contains(invited.Email, cut.Find($"[data-testid='portal-user-{invited.Id}']").TextContent);
        Assert.Contains($"/portal/c/{customer.PortalIdentifier}", cut.Find("input[data-testid='portal-url']").GetAttribute("value"));
        Assert.NotEmpty(cut.FindAll($"[data-testid='unlock-{locked.Id}']"));
    }

    [Fact]
    public async Task ClickingLock_LocksTheUserAndTheChipShowsLocked()
    {
        var (customer, staff) = await CustomerWithStaffAsync();
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var cut = RenderTab(customer.Id, staff);
        cut.WaitForAssertion(() => Assert.Equal("Invited", StatusOf(cut, user.Id)));

        await cut.Find($"[data-testid='lock-{user.Id}']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("Locked", StatusOf(cut, user.Id)));
        Assert.NotEmpty(cut.FindAll($"[data-testid='unlock-{user.Id}']"));
        await using var db = await _app.CreateDbContextAsync();
        Assert.Equal(PortalUserStatus.Locked, (await db.PortalUsers.SingleAsync(p => p.Id == user.Id)).Status);
    }

    [Fact]
    public async Task AddDialog_AddsAPersonAndTheListShowsThemInvited()
    {
        var (customer, staff) = await CustomerWithStaffAsync();
        var email = TestAccounts.UniqueEmail("added");
        var cut = RenderTab(customer.Id, staff);
        cut.WaitForAssertion(() => cut.Find("[data-testid='add-portal-users']"));

        // The click's handler waits for the dialog to close, so it finishes only after the submit below.
        var opening = cut.Find("[data-testid='add-portal-users']").ClickAsync(new());
        var dialogs = _dialogs!;
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid='new-user-name']"));
        await dialogs.Find("input[data-testid='new-user-name']").ChangeAsync(new() { Value = "Dana Added" });
        await dialogs.Find("input[data-testid='new-user-email']").ChangeAsync(new() { Value = email });
        await dialogs.Find("[data-testid='add-users-submit']").ClickAsync(new());

        await opening;
        cut.WaitForAssertion(() => Assert.Contains("Dana Added", cut.Find("[data-testid='portal-users']").TextContent));
        await using var db = await _app.CreateDbContextAsync();
        var added = await db.PortalUsers.SingleAsync(p => p.CustomerId == customer.Id);
        Assert.Equal(email, added.Email);
        Assert.Equal("Invited", StatusOf(cut, added.Id));
    }

    [Fact]
    public async Task AnotherStaffMembersChange_ShowsAfterTheLiveEvent()
    {
        var (customer, staff) = await CustomerWithStaffAsync();
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var cut = RenderTab(customer.Id, staff);
        cut.WaitForAssertion(() => Assert.Equal("Invited", StatusOf(cut, user.Id)));
        cut.WaitForAssertion(() => Assert.True(_live.HasSubscriber(customer.Id)));

        await _app.Get<PortalUserAdminService>().LockAsync(staff, user.Id, default);
        await _live.RaiseAsync(new PortalUsersChanged(customer.Id, user.Id));

        cut.WaitForAssertion(() => Assert.Equal("Locked", StatusOf(cut, user.Id)));
    }

    /// <summary>Stands in for the circuit's hub connection: hands events straight to the tab's subscription.</summary>
    private sealed class TabLiveUpdates : ILiveUpdates
    {
        private readonly Lock _gate = new();
        private readonly List<(int CustomerId, Func<LiveEvent, Task> Handler)> _subscriptions = [];

        public bool IsConnected => true;

        public bool HasSubscriber(int customerId)
        {
            lock (_gate) return _subscriptions.Any(s => s.CustomerId == customerId);
        }

        public Task<IAsyncDisposable> SubscribeAsync(int customerId, Func<LiveEvent, Task> handler)
        {
            var entry = (customerId, handler);
            lock (_gate) _subscriptions.Add(entry);
            return Task.FromResult<IAsyncDisposable>(new Subscription(() => { lock (_gate) _subscriptions.Remove(entry); }));
        }

        public Task<IAsyncDisposable> SubscribeStaffAsync(Func<LiveEvent, Task> handler) =>
            throw new InvalidOperationException("The portal tab follows one customer.");

        public async Task RaiseAsync(LiveEvent liveEvent)
        {
            Func<LiveEvent, Task>[] handlers;
            lock (_gate) handlers = [.. _subscriptions.Where(s => s.CustomerId == liveEvent.CustomerId).Select(s => s.Handler)];
            foreach (var handler in handlers) await handler(liveEvent);
        }

        private sealed class Subscription(Action dispose) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
