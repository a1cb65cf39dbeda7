using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Data;
using CustomerPortal.Web.Access;
using CustomerPortal.Web.Live;
using CustomerPortal.Web.Staff.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace CustomerPortal.Tests.Customers;

/// <summary>The customer portal tab on the real services of a running app (real SQLite, Identity, links); live updates on the app's own bus.</summary>
[Collection(WebAppCollection.Name)]
public sealed class CustomerPortalTabTests : BunitContext, IAsyncLifetime
{
    private readonly PortalAppFactory _app;
    private readonly BunitAuthorizationContext _auth;
    private IRenderedComponent<MudDialogProvider>? _dialogs;

    public CustomerPortalTabTests(WebAppFixture fixture)
    {
        _app = fixture.App;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(_app.Get<CustomerPortalService>());
        Services.AddSingleton(_app.Get<PortalUserAdminService>());
        // The circuit's live events on the app's own bus, for the staff member each test signs in.
        _auth = AddAuthorization();
        Services.AddSingleton(_app.Get<LiveEventBus>());
        Services.AddSingleton(new ActorResolver(_app.Get<IDbContextFactory<PortalDbContext>>(), _app.Get<IOptions<IdentityOptions>>(), _app.Get<CustomerPortal.Core.Company.CompanySettingsService>()));
        Services.AddScoped<CurrentActor>();
        Services.AddScoped<CircuitLiveEvents>();
        Services.AddSingleton(_app.Get<CustomerPortal.Core.Documents.PortalLinks>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public new async Task DisposeAsync() => await base.DisposeAsync();

    private async Task<(Customer Customer, Actor Staff)> CustomerWithStaffAsync()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var (_, staff) = await PortalAdminKit.StaffAsync(_app);
        var principal = await PortalAdminKit.WithCurrentStampAsync(_app, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(AccountClaims.StaffUserId, staff.StaffUserId!.Value.ToString(CultureInfo.InvariantCulture))], "test")));
        _auth.SetAuthorized(staff.Name).SetClaims([.. principal.Claims]);
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
        var subscriptionsBefore = _app.Get<LiveEventBus>().SubscriptionCount;
        var cut = RenderTab(customer.Id, staff);
        cut.WaitForAssertion(() => Assert.Equal("Invited", StatusOf(cut, user.Id)));
        await BusyMachineWaits.UntilAsync(() => _app.Get<LiveEventBus>().SubscriptionCount == subscriptionsBefore + 1, "The tab did not subscribe to live events.");

        // Another staff member's lock, published by the service on the app's bus.
        await _app.Get<PortalUserAdminService>().LockAsync(staff, user.Id, default);

        cut.WaitForAssertion(() => Assert.Equal("Locked", StatusOf(cut, user.Id)));
    }
}
