using System.Security.Claims;
using Bunit;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using CustomerPortal.Web.Access;
using CustomerPortal.Web.Live;
using CustomerPortal.Web.Staff.Customers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CustomerPortal.Tests.Customers;

/// <summary>The staff customer list on the real customer service and a real SQLite database; live updates through the real bus.</summary>
public sealed class CustomerListTests : BunitContext, IAsyncLifetime
{
    private static readonly Actor Staff = Actor.Staff(1, "Sam Staff", StaffRole.Staff);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cp-bunit", Guid.NewGuid().ToString("N"));

    public CustomerListTests()
    {
        Directory.CreateDirectory(_folder);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddDbContextFactory<PortalDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_folder, "list.db")}").UseProviderMigrations());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<AccessRules>();
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton(TestMetrics.Create());
        Services.AddSingleton<LiveEventBus>();
        Services.AddSingleton<ILiveEventPublisher>(sp => sp.GetRequiredService<LiveEventBus>());
        Services.AddSingleton<CompanySettingsService>();
        Services.AddCustomers();
        // The circuit's live events as the app has them, for a signed-in staff member of this test database.
        // The claims a sign-in gives: the staff user and the account's current security stamp.
        AddAuthorization().SetAuthorized("Sam Staff").SetClaims(new Claim(AccountClaims.StaffUserId, "1"),
            new Claim(new Microsoft.AspNetCore.Identity.ClaimsIdentityOptions().SecurityStampClaimType, "stamp-1"));
        Services.AddScoped<ActorResolver>();
        Services.AddScoped<CurrentActor>();
        Services.AddScoped<CircuitLiveEvents>();
    }

    public async Task InitializeAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        db.Users.Add(new AppUser { Id = "staff-account-1", UserName = "sam@example.test", Email = "sam@example.test", Kind = AccountKind.Staff, SecurityStamp = "stamp-1" });
        db.StaffUsers.Add(new StaffUser("staff-account-1", "Sam Staff", "sam@example.test", StaffRole.Staff, DateTime.UtcNow));
        await db.SaveChangesAsync();
    }

    private LiveEventBus Bus => Services.GetRequiredService<LiveEventBus>();

    [Fact]
    public async Task ShowsTheFirstPageOfCustomers_AndTheNextPageOnClick()
    {
        for (var i = 1; i <= 30; i++) await CreateAsync($"Customer {i:00}", $"c{i}@example.test");

        var cut = RenderList();

        cut.WaitForAssertion(() => Assert.Equal(25, Rows(cut).Count));
        Assert.Contains("Customer 01", Rows(cut)[0].TextContent);
        Assert.Contains("c1@example.test", Rows(cut)[0].TextContent);
        Assert.Contains("1-25 of 30", cut.Markup);

        await cut.Find("button[aria-label='Next page']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(5, Rows(cut).Count));
        Assert.Contains("Customer 26", Rows(cut)[0].TextContent);
    }

    [Fact]
    public async Task Search_ShowsOnlyMatchingCustomers()
    {
        await CreateAsync("Oak Plumbing", "office@oak.test");
        await CreateAsync("Birch Electric", "hello@birch.test");
        await CreateAsync("Oakley Cleaning", "team@oakley.test");
        var cut = RenderList();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));

        await cut.Find("input[placeholder^='Search name']").InputAsync(new() { Value = "oak" });

        cut.WaitForAssertion(() => Assert.Equal(["Oak Plumbing", "Oakley Cleaning"], Rows(cut).Select(NameOf)));

        await cut.Find("input[placeholder^='Search name']").InputAsync(new() { Value = "nobody-here" });

        cut.WaitForAssertion(() => Assert.Contains("No customers match \"nobody-here\".", cut.Markup));
    }

    [Fact]
    public async Task Row_ShowsPortalStateAndUserCount()
    {
        var id = await CreateAsync("Pine Roofing", "pine@example.test");
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.PortalUsers.Add(new Core.Accounts.PortalUser(id, "a@pine.test", "A", Core.Accounts.PortalLoginMode.Password, DateTime.UtcNow));
            db.PortalUsers.Add(new Core.Accounts.PortalUser(id, "b@pine.test", "B", Core.Accounts.PortalLoginMode.Password, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var cut = RenderList();

        cut.WaitForAssertion(() => Assert.Equal("On 2 users", Squash(cut.Find("[data-testid='portal-cell']").TextContent)));
    }

    [Fact]
    public async Task LiveEvent_ReloadsTheList()
    {
        await CreateAsync("Cedar Landscaping", "cedar@example.test");
        var cut = RenderList();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));
        cut.WaitForAssertion(() => Assert.Equal("on", cut.Find("[data-testid='live-indicator']").GetAttribute("data-live")));

        // Saved through the service, which publishes on the bus the list subscribed to.
        await CreateAsync("Aspen Painting", "aspen@example.test");

        cut.WaitForAssertion(() => Assert.Equal(["Aspen Painting", "Cedar Landscaping"], Rows(cut).Select(NameOf)));
    }

    [Fact]
    public async Task Disposing_TheList_EndsItsLiveSubscription()
    {
        var cut = RenderList();
        await BusyMachineWaits.UntilAsync(() => Bus.SubscriptionCount == 1, "The list did not subscribe to live events.");

        await DisposeComponentsAsync();

        Assert.Equal(0, Bus.SubscriptionCount);
    }

    private IRenderedComponent<CustomerList> RenderList()
    {
        Render<MudPopoverProvider>();
        return Render<CustomerList>(p => p.AddCascadingValue(Staff));
    }

    private async Task<int> CreateAsync(string company, string email)
    {
        var result = await Services.GetRequiredService<CustomerService>()
            .CreateAsync(Staff, new CustomerInput { CompanyName = company, Email = email }, default);
        Assert.True(result.Succeeded, result.Message);
        return result.Value;
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<CustomerList> cut) =>
        cut.FindAll("tbody tr.mud-table-row").Where(r => r.QuerySelector("a") is not null).ToList();

    private static string NameOf(AngleSharp.Dom.IElement row) => row.QuerySelector("a")!.TextContent.Trim();

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* The OS cleans the temp folder. */ }
    }
}
