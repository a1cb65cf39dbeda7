using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Profile;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Profile;

/// <summary>My profile: a portal user's edits of their customer's details, addresses and preferences.</summary>
public sealed class MyProfileServiceTests : IAsyncLifetime
{
    private readonly List<LiveEvent> _published = [];
    private CoreServices _core = null!;
    private IDisposable? _listening;

    private MyProfileService Profile => _core.Get<MyProfileService>();

    public async Task InitializeAsync()
    {
        _core = await CoreServices.StartAsync();
        _listening = PublishedEvents.Record(_core, _published);
    }

    public async Task DisposeAsync()
    {
        _listening?.Dispose();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task SaveDetails_ChangesCustomerAndPerson_AuditedAsThePortalUser_AndPublished()
    {
        var (actor, customerId, userId) = await CustomerAsync();
        var details = (await Profile.GetAsync(actor, default)).Value!.Details;
        details.Phone = "555-010-0199";
        details.Email = "household@example.test";
        details.YourName = "Pat Q. Portal";
        details.YourPhone = "555-010-0123";

        var result = await Profile.SaveDetailsAsync(actor, details, default);

        Assert.True(result.Succeeded, result.Message);
        await using var db = await _core.DbAsync();
        var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
        var user = await db.PortalUsers.SingleAsync(p => p.Id == userId);
        Assert.Equal(("555-010-0199", "household@example.test"), (customer.Phone, customer.Email));
        Assert.Equal(("Pat Q. Portal", "555-010-0123"), (user.Name, user.Phone));
        var audits = await db.AuditEvents.Where(a => a.CustomerId == customerId).ToListAsync();
        Assert.Contains(audits, a => a.Action == AuditActions.CustomerChanged && a.ActorKind == ActorKind.Customer
            && a.ActorId == userId.ToString() && a.Details.Contains("e-mail") && a.Details.Contains("phone"));
        Assert.Contains(audits, a => a.Action == AuditActions.PortalUserChanged && a.ActorId == userId.ToString());
        Assert.Contains(new CustomerChanged(customerId), Published());
    }

    [Fact]
    public async Task SaveDetails_UsesTheStaffRules()
    {
        var (actor, customerId, _) = await CustomerAsync();
        var details = (await Profile.GetAsync(actor, default)).Value!.Details;
        details.Email = "not an address";
        details.FirstName = details.LastName = details.CompanyName = "";

        var result = await Profile.SaveDetailsAsync(actor, details, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal(CustomerInputRules.EmailInvalid, result.Errors[nameof(ProfileDetailsInput.Email)]);
        Assert.Equal(CustomerInputRules.NameRequired, result.Errors[nameof(ProfileDetailsInput.FirstName)]);
        Assert.DoesNotContain(new CustomerChanged(customerId), Published());
    }

    [Fact]
    public async Task Addresses_AddEditMakePrimaryRemove_KeepOnePrimaryAndTheLastOne()
    {
        var (actor, customerId, _) = await CustomerAsync();

        Assert.True((await Profile.SaveAddressAsync(actor, new ServiceAddressInput { Label = "Cabin", Line1 = "1 Lake Rd", City = "Lakeside" }, default)).Succeeded);
        var addresses = (await Profile.GetAsync(actor, default)).Value!.Addresses;
        var home = addresses.Single(a => a.Label == "Home");
        var cabin = addresses.Single(a => a.Label == "Cabin");
        Assert.True(home.IsPrimary);
        Assert.False(cabin.IsPrimary);

        cabin.AccessNotes = "Key under the mat";
        Assert.True((await Profile.SaveAddressAsync(actor, cabin, default)).Succeeded);
        Assert.True((await Profile.MakePrimaryAsync(actor, cabin.Id!.Value, default)).Succeeded);
        Assert.True((await Profile.RemoveAddressAsync(actor, home.Id!.Value, default)).Succeeded);
        var last = await Profile.RemoveAddressAsync(actor, cabin.Id!.Value, default);

        Assert.Equal(ResultKind.Conflict, last.Kind);
        var left = Assert.Single((await Profile.GetAsync(actor, default)).Value!.Addresses);
        Assert.Equal(("Cabin", "Key under the mat", true), (left.Label, left.AccessNotes, left.IsPrimary));
        await using var db = await _core.DbAsync();
        Assert.Equal(4, await db.AuditEvents.CountAsync(a => a.CustomerId == customerId && a.Details.Contains("service addresses")));
    }

    [Fact]
    public async Task SaveAddress_WithoutAStreet_IsRefusedWithTheFieldsMessage()
    {
        var (actor, _, _) = await CustomerAsync();

        var result = await Profile.SaveAddressAsync(actor, new ServiceAddressInput { Label = "Shed", City = "Nowhere" }, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal(CustomerInputRules.AddressLineRequired, result.Errors[nameof(ServiceAddressInput.Line1)]);
    }

    [Fact]
    public async Task AnAddressOfAnotherCustomer_CannotBeEditedRemovedOrMadePrimary()
    {
        var (actor, _, _) = await CustomerAsync();
        var (otherActor, otherId, _) = await CustomerAsync();
        var theirs = (await Profile.GetAsync(otherActor, default)).Value!.Addresses.Single();

        var edited = await Profile.SaveAddressAsync(actor, new ServiceAddressInput { Id = theirs.Id, Label = "Mine now", Line1 = "9 Thief St" }, default);
        var removed = await Profile.RemoveAddressAsync(actor, theirs.Id!.Value, default);
        var primary = await Profile.MakePrimaryAsync(actor, theirs.Id!.Value, default);

        Assert.Equal([ResultKind.NotFound, ResultKind.NotFound, ResultKind.NotFound], new[] { edited.Kind, removed.Kind, primary.Kind });
        await using var db = await _core.DbAsync();
        var stored = await db.Set<ServiceAddress>().SingleAsync(a => a.Id == theirs.Id);
        Assert.Equal((otherId, "Home"), (stored.CustomerId, stored.Label));
        Assert.Single((await Profile.GetAsync(actor, default)).Value!.Addresses);
    }

    [Fact]
    public async Task SavePreferences_ChangesTheCustomersChoices_Audited()
    {
        var (actor, customerId, _) = await CustomerAsync();

        var result = await Profile.SavePreferencesAsync(actor, new ProfilePreferencesInput { EmailNotifications = false, SmsNotifications = true, MarketingOptIn = true }, default);

        Assert.True(result.Succeeded, result.Message);
        await using var db = await _core.DbAsync();
        var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
        Assert.Equal((false, true, true), (customer.EmailNotifications, customer.SmsNotifications, customer.MarketingOptIn));
        Assert.Contains(await db.AuditEvents.Where(a => a.CustomerId == customerId).Select(a => a.Details).ToListAsync(),
            d => d.Contains("SMS preference") && d.Contains("marketing opt-in"));
        Assert.Contains(new CustomerChanged(customerId), Published());
    }

    [Fact]
    public async Task Edits_ByLockedViewAsOrWithoutTheModule_AreRefused_AndChangeNothing()
    {
        var (actor, customerId, _) = await CustomerAsync();
        var details = (await Profile.GetAsync(actor, default)).Value!.Details;
        details.Phone = "555-010-0777";

        foreach (var refused in new[] { actor with { IsLocked = true }, actor with { ViewingStaffUserId = 1 }, actor with { Modules = PortalModules.All & ~PortalModules.Profile } })
        {
            Assert.Equal(ResultKind.Forbidden, (await Profile.SaveDetailsAsync(refused, details, default)).Kind);
            Assert.Equal(ResultKind.Forbidden, (await Profile.SavePreferencesAsync(refused, new ProfilePreferencesInput(), default)).Kind);
            Assert.Equal(ResultKind.Forbidden, (await Profile.SaveAddressAsync(refused, new ServiceAddressInput { Line1 = "2 New St" }, default)).Kind);
        }
        Assert.False((await Profile.GetAsync(actor with { ViewingStaffUserId = 1 }, default)).Value!.MayEdit);
        Assert.Equal(ResultKind.NotFound, (await Profile.GetAsync(actor with { Modules = PortalModules.Jobs }, default)).Kind);
        await using var db = await _core.DbAsync();
        Assert.Equal("555-0100", (await db.Customers.SingleAsync(c => c.Id == customerId)).Phone);
        Assert.False(await db.AuditEvents.AnyAsync(a => a.CustomerId == customerId));
    }

    [Fact]
    public async Task EmailChangeLink_AfterItExpired_ChangesNothing()
    {
        var (actor, _, userId) = await CustomerAsync();
        var newEmail = TestAccounts.UniqueEmail("later");
        Assert.True((await _core.Get<ProfileSignInService>().RequestEmailChangeAsync(actor, newEmail, default)).Succeeded);
        await using var db = await _core.DbAsync();
        var body = (await db.OutboxMessages.SingleAsync(m => m.ToAddress == newEmail)).Body;
        var token = System.Text.RegularExpressions.Regex.Match(body, "/account/confirm-email/([0-9a-f]+)").Groups[1].Value;
        _core.Clock.Now += ProfileSignInService.EmailChangeLinkLifetime + TimeSpan.FromMinutes(1);

        var confirmed = await _core.Get<ProfileSignInService>().ConfirmEmailChangeAsync(token, default);

        Assert.Equal(ResultKind.NotFound, confirmed.Kind);
        Assert.NotEqual(newEmail, (await db.PortalUsers.AsNoTracking().SingleAsync(p => p.Id == userId)).Email);
    }

    private List<LiveEvent> Published()
    {
        lock (_published) return [.. _published];
    }

    private async Task<(Actor Actor, int CustomerId, int PortalUserId)> CustomerAsync()
    {
        await using var db = await _core.DbAsync();
        var customer = TestRecords.NewCustomer("Pat", "Profile", "", TestAccounts.UniqueEmail("customer"), TestRecords.Created);
        customer.AddServiceAddress("Home", new Address("12 Oak St", "", "Springfield", "IL", "62701"), "");
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var user = new PortalUser(customer.Id, TestAccounts.UniqueEmail("profile"), "Pat Portal", PortalLoginMode.LinkOnly, TestRecords.Created);
        db.PortalUsers.Add(user);
        await db.SaveChangesAsync();
        return (user.ToActor(PortalModules.All, null), customer.Id, user.Id);
    }
}
