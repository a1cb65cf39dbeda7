using System.Net;
using System.Text.RegularExpressions;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.PortalAdmin;

[Collection(WebAppCollection.Name)]
public sealed partial class PortalUserAdminTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    private PortalUserAdminService Users => _app.Get<PortalUserAdminService>();
    private CustomerPortalService Portal => _app.Get<CustomerPortalService>();

    private static NewPortalUser NewUser(string? email = null, PortalUserPermissions? permissions = null, PortalLoginMode mode = PortalLoginMode.Password) =>
        new("Robin Customer", email ?? TestAccounts.UniqueEmail("portal"), mode, permissions ?? PortalUserPermissions.Full);

    private async Task<(Customer Customer, Actor Staff)> CustomerAndStaffAsync()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var (_, actor) = await PortalAdminKit.StaffAsync(_app);
        return (customer, actor);
    }

    private async Task<PortalUserRow> RowAsync(Actor staff, int customerId, int portalUserId)
    {
        var view = await Portal.GetAsync(staff, customerId, default);
        Assert.True(view.Succeeded, view.Message);
        return view.Value!.Users.Single(u => u.Id == portalUserId);
    }

    private async Task<int> AuditCountAsync(string action, string entityId)
    {
        await using var db = await _app.CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(e => e.Action == action && e.EntityId == entityId);
    }

    [Fact]
    public async Task AddAsync_TwoPeopleWithPermissions_CreatesInvitedUsersWithAccountsAndAudits()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var limited = new PortalUserPermissions(PortalModules.Invoices | PortalModules.Payments, CanPay: true, CanAcceptEstimates: false, CanSubmitRequests: false);

        var result = await Users.AddAsync(staff, customer.Id, [NewUser(permissions: limited), NewUser(mode: PortalLoginMode.LinkOnly)], default);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(2, result.Value!.Count);
        var view = (await Portal.GetAsync(staff, customer.Id, default)).Value!;
        Assert.All(view.Users, u => Assert.Equal(PortalUserStatus.Invited, u.Status));
        var first = view.Users.Single(u => u.Id == result.Value[0]);
        Assert.Equal(limited, first.Permissions);
        Assert.Equal(PortalLoginMode.LinkOnly, view.Users.Single(u => u.Id == result.Value[1]).LoginMode);
        await using var db = await _app.CreateDbContextAsync();
        var accounts = await db.PortalUsers.Where(p => p.CustomerId == customer.Id).Select(p => p.AccountId).ToListAsync();
        Assert.Equal(2, await db.Users.CountAsync(a => accounts.Contains(a.Id)));
        Assert.Equal(1, await AuditCountAsync(AuditActions.PortalUserAdded, first.Id.ToString()));
    }

    [Fact]
    public async Task AddAsync_EmailThatAlreadyHasAnAccount_IsRefusedWithClearMessageAndAddsNobody()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var other = await TestAccounts.CreateCustomerAsync(_app);
        var existing = await TestAccounts.CreatePortalUserAsync(_app, other.Id);

        var result = await Users.AddAsync(staff, customer.Id, [NewUser(), NewUser(existing.Email.ToUpperInvariant())], default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Contains("already has an account", result.Errors[PortalUserAdminService.EmailField(1)]);
        Assert.Empty((await Portal.GetAsync(staff, customer.Id, default)).Value!.Users);
    }

    [Fact]
    public async Task AddAsync_SameEmailTwiceOrInvalid_ShowsErrorsPerRow()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var email = TestAccounts.UniqueEmail("twice");

        var result = await Users.AddAsync(staff, customer.Id, [NewUser(email), NewUser(email), NewUser("not-an-email")], default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.False(result.Errors.ContainsKey(PortalUserAdminService.EmailField(0)));
        Assert.Contains("twice", result.Errors[PortalUserAdminService.EmailField(1)]);
        Assert.Equal("Enter a valid e-mail address.", result.Errors[PortalUserAdminService.EmailField(2)]);
    }

    [Fact]
    public async Task AddAsync_ByPortalUser_IsRefused()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var actor = await PortalAdminKit.ResolveAsync(_app, PortalAdminKit.PortalPrincipal(user));

        var result = await Users.AddAsync(actor!, customer.Id, [NewUser()], default);

        Assert.False(result.Succeeded);
        Assert.False((await Portal.GetAsync(actor!, customer.Id, default)).Succeeded);
    }

    [Fact]
    public async Task UpdateAsync_NewPermissions_AreSavedAuditedAndTakeEffectOnTheActor()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var row = await RowAsync(staff, customer.Id, user.Id);
        var narrowed = new PortalUserPermissions(PortalModules.Jobs, CanPay: false, CanAcceptEstimates: false, CanSubmitRequests: true);

        var result = await Users.UpdateAsync(staff, user.Id, new PortalUserEdit("Robin Renamed", PortalLoginMode.Password, narrowed, row.Version), default);

        Assert.True(result.Succeeded, result.Message);
        var saved = await RowAsync(staff, customer.Id, user.Id);
        Assert.Equal("Robin Renamed", saved.Name);
        Assert.Equal(narrowed, saved.Permissions);
        Assert.Equal(1, await AuditCountAsync(AuditActions.PortalUserChanged, user.Id.ToString()));
        var actor = await PortalAdminKit.ResolveAsync(_app, PortalAdminKit.PortalPrincipal(user));
        var rules = _app.Get<AccessRules>();
        Assert.False(rules.Can(actor!, Operation.ViewInvoice));
        Assert.False(rules.Can(actor!, Operation.PayInvoice));
        Assert.True(rules.Can(actor!, Operation.ViewJob));
    }

    [Fact]
    public async Task UpdateAsync_WithStaleVersion_IsAConflictAndKeepsTheOtherChange()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var loaded = await RowAsync(staff, customer.Id, user.Id);
        var first = await Users.UpdateAsync(staff, user.Id, new PortalUserEdit("First Editor", PortalLoginMode.Password, PortalUserPermissions.Full, loaded.Version), default);
        Assert.True(first.Succeeded, first.Message);

        var second = await Users.UpdateAsync(staff, user.Id, new PortalUserEdit("Second Editor", PortalLoginMode.Password, PortalUserPermissions.Full, loaded.Version), default);

        Assert.Equal(ResultKind.Conflict, second.Kind);
        Assert.Equal(PortalUserAdminService.ConflictMessage, second.Message);
        Assert.Equal("First Editor", (await RowAsync(staff, customer.Id, user.Id)).Name);
    }

    [Fact]
    public async Task RegistrationLink_IssuedByStaff_WorksOnceThenIsRefused()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var added = await Users.AddAsync(staff, customer.Id, [NewUser()], default);
        var userId = added.Value!.Single();
        var email = (await RowAsync(staff, customer.Id, userId)).Email;

        var link = await Users.IssueLinkAsync(staff, userId, MagicLinkPurpose.Registration, default);

        Assert.True(link.Succeeded, link.Message);
        Assert.StartsWith(_app.BaseUrl + "/portal/register/", link.Value);
        Assert.Equal(1, await AuditCountAsync(AuditActions.PortalLinkIssued, userId.ToString()));
        var path = new Uri(link.Value!).AbsolutePath.TrimStart('/');
        var fields = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "First-visit-77", ["Input.ConfirmPassword"] = "First-visit-77" };
        using var client = _app.CreateHttpClient();
        var first = await Forms.PostAsync(client, path, "set-password", fields);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/portal", Redirects.LocationPath(first));

        using var again = _app.CreateHttpClient();
        var second = await again.GetStringAsync(path);
        Assert.Contains(WebUtility.HtmlEncode(MagicLinkService.UsedMessage), second);
        Assert.Equal(PortalUserStatus.Registered, (await RowAsync(staff, customer.Id, userId)).Status);
    }

    [Fact]
    public async Task SignInLink_IssuedByStaff_SignsTheUserInWithoutPassword()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var added = await Users.AddAsync(staff, customer.Id, [NewUser(mode: PortalLoginMode.LinkOnly)], default);

        var link = await Users.IssueLinkAsync(staff, added.Value!.Single(), MagicLinkPurpose.SignIn, default);

        Assert.True(link.Succeeded, link.Message);
        using var client = _app.CreateHttpClient();
        var response = await Forms.PostAsync(client, new Uri(link.Value!).AbsolutePath.TrimStart('/'), "magic-link-continue", new Dictionary<string, string>());
        Assert.Equal("/portal", Redirects.LocationPath(response));
    }

    [Fact]
    public async Task LockAsync_LockedUser_CannotSignInOrSubmitAndUnlockRestores()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var rules = _app.Get<AccessRules>();

        var locked = await Users.LockAsync(staff, user.Id, default);

        Assert.True(locked.Succeeded, locked.Message);
        Assert.Equal(PortalUserStatus.Locked, (await RowAsync(staff, customer.Id, user.Id)).Status);
        Assert.Equal(1, await AuditCountAsync(AuditActions.PortalUserLocked, user.Id.ToString()));
        using (var client = _app.CreateHttpClient())
        {
            var signIn = await SignIn.PortalAsync(client, user.Email);
            Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
            Assert.Contains(SignInService.AccountLockedMessage, await signIn.Content.ReadAsStringAsync());
        }
        Assert.Null(await PortalAdminKit.ResolveAsync(_app, PortalAdminKit.PortalPrincipal(user)));
        Assert.Equal(ResultKind.Conflict, (await Users.LockAsync(staff, user.Id, default)).Kind);

        var unlocked = await Users.UnlockAsync(staff, user.Id, default);

        Assert.True(unlocked.Succeeded, unlocked.Message);
        Assert.Equal(PortalUserStatus.Invited, (await RowAsync(staff, customer.Id, user.Id)).Status);
        Assert.True(rules.Can((await PortalAdminKit.ResolveAsync(_app, PortalAdminKit.PortalPrincipal(user)))!, Operation.SubmitRequest));
        using var again = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(again, user.Email)).StatusCode);
    }

    [Fact]
    public async Task LockAsync_SignedInUser_IsSignedOutOnTheNextPageAndToldWhyAtSignIn()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(client, user.Email)).StatusCode);

        await Users.LockAsync(staff, user.Id, default);

        var page = await client.GetAsync("portal");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/portal/login", Redirects.LocationPath(page));
        var signIn = await SignIn.PortalAsync(client, user.Email);
        Assert.Contains("Your portal account is locked", await signIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SetInitialPasswordAsync_ThenSignIn_Works()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var added = await Users.AddAsync(staff, customer.Id, [NewUser(mode: PortalLoginMode.LinkOnly)], default);
        var userId = added.Value!.Single();
        var email = (await RowAsync(staff, customer.Id, userId)).Email;

        var weak = await Users.SetInitialPasswordAsync(staff, userId, "short", default);
        var set = await Users.SetInitialPasswordAsync(staff, userId, "Handed-over-2024", default);

        Assert.Equal(ResultKind.Invalid, weak.Kind);
        Assert.True(set.Succeeded, set.Message);
        var row = await RowAsync(staff, customer.Id, userId);
        Assert.Equal(PortalLoginMode.Password, row.LoginMode);
        Assert.True(row.HasPassword);
        Assert.Equal(1, await AuditCountAsync(AuditActions.PasswordSet, userId.ToString()));
        using var client = _app.CreateHttpClient();
        var signIn = await SignIn.PortalAsync(client, email, "Handed-over-2024");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(PortalUserStatus.Registered, (await RowAsync(staff, customer.Id, userId)).Status);
    }

    [Fact]
    public async Task SendPasswordResetAsync_QueuesEmailWhoseLinkSetsANewPassword()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);

        var sent = await Users.SendPasswordResetAsync(staff, user.Id, default);

        Assert.True(sent.Succeeded, sent.Message);
        string body;
        await using (var db = await _app.CreateDbContextAsync())
        {
            var mail = await db.OutboxMessages.SingleAsync(m => m.PortalUserId == user.Id);
            Assert.Equal(user.Email, mail.ToAddress);
            body = mail.Body;
        }
        Assert.Equal(1, await AuditCountAsync(AuditActions.PasswordResetSent, user.Id.ToString()));
        var link = ResetLink().Match(body);
        Assert.True(link.Success, body);
        Assert.StartsWith(_app.BaseUrl, link.Value);

        await using (var scope = _app.CreateScope())
        {
            var reset = await scope.ServiceProvider.GetRequiredService<PortalPasswordService>()
                .SetPasswordAsync(link.Groups[1].Value, MagicLinkPurpose.PasswordReset, null, "Brand-new-pass-9", default);
            Assert.True(reset.Succeeded, reset.Message);
        }
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(client, user.Email, "Brand-new-pass-9")).StatusCode);
    }

    [Fact]
    public async Task RemoveAsync_DeletesPortalUserAndAccountTogether()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var row = await RowAsync(staff, customer.Id, user.Id);

        var stale = await Users.RemoveAsync(staff, user.Id, row.Version + 1, default);
        var removed = await Users.RemoveAsync(staff, user.Id, row.Version, default);

        Assert.Equal(ResultKind.Conflict, stale.Kind);
        Assert.True(removed.Succeeded, removed.Message);
        await using var db = await _app.CreateDbContextAsync();
        Assert.False(await db.PortalUsers.AnyAsync(p => p.Id == user.Id));
        Assert.False(await db.Users.AnyAsync(a => a.Id == user.AccountId));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.PortalUserRemoved && e.EntityId == user.Id.ToString()));
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await SignIn.PortalAsync(client, user.Email)).StatusCode);
    }

    [Fact]
    public async Task UpdateAsync_SwitchToLinkOnly_RemovesThePassword()
    {
        var (customer, staff) = await CustomerAndStaffAsync();
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var row = await RowAsync(staff, customer.Id, user.Id);

        var result = await Users.UpdateAsync(staff, user.Id, new PortalUserEdit(row.Name, PortalLoginMode.LinkOnly, row.Permissions, row.Version), default);

        Assert.True(result.Succeeded, result.Message);
        Assert.False((await RowAsync(staff, customer.Id, user.Id)).HasPassword);
        await using var scope = _app.CreateScope();
        var account = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(user.AccountId!);
        Assert.False(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().HasPasswordAsync(account!));
    }

    [GeneratedRegex(@"http://[^\s]+/portal/reset-password/([A-Za-z0-9_-]{43})")]
    private static partial Regex ResetLink();
}
