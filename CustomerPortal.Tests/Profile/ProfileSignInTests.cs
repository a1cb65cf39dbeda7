using System.Net;
using System.Text.RegularExpressions;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Profile;
using CustomerPortal.Tests.Security;
using CustomerPortal.Web.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Profile;

/// <summary>My profile's sign-in: password set-up and change, other devices, the sign-in e-mail change by confirmation link.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class ProfileSignInTests(WebAppFixture fixture)
{
    private const string NewPassword = "Fresh-pass-2027";
    private readonly PortalAppFactory _app = fixture.App;

    private ProfileSignInService SignInService => _app.Services.GetRequiredService<ProfileSignInService>();

    [Fact]
    public async Task ChangePassword_WrongCurrentIsRefused_RightOneEndsOtherDevicesAndKeepsThisOne()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var phone = await CapturedSession.PortalAsync(_app, user.Email);
        using var laptop = await CapturedSession.PortalAsync(_app, user.Email);
        var phoneCookie = phone.Capture();

        var wrong = await Forms.PostAsync(laptop.Browser, "portal/profile/password", "profile-password", Fields("not-my-password"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains(ProfileSignInService.WrongCurrentPasswordMessage, await wrong.Content.ReadAsStringAsync());
        using (var stillOn = phone.Replay(phoneCookie)) Assert.Equal(HttpStatusCode.OK, (await stillOn.GetAsync("portal")).StatusCode);

        var right = await Forms.PostAsync(laptop.Browser, "portal/profile/password", "profile-password", Fields(TestAccounts.Password));

        Assert.Equal("/portal/profile", Redirects.LocationPath(right));
        Assert.Equal(HttpStatusCode.OK, (await laptop.Browser.GetAsync("portal/profile")).StatusCode);
        using var stale = phone.Replay(phoneCookie);
        Assert.Equal(HttpStatusCode.Redirect, (await stale.GetAsync("portal")).StatusCode);
        Assert.True(await PasswordIsAsync(user, NewPassword));
        await using var db = await _app.CreateDbContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.PasswordSet && a.EntityId == user.Id.ToString() && a.ActorKind == ActorKind.Customer));
    }

    [Fact]
    public async Task SetUpPassword_LinkOnlyUser_CanSignInWithItAfterwards()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id, password: null);
        await using (var db = await _app.CreateDbContextAsync())
            await db.PortalUsers.Where(p => p.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.LoginMode, PortalLoginMode.LinkOnly));

        var result = await SignInService.ChangePasswordAsync(ActorOf(user), null, NewPassword, default);

        Assert.True(result.Succeeded, result.Message);
        Assert.True(await PasswordIsAsync(user, NewPassword));
        await using var check = await _app.CreateDbContextAsync();
        Assert.Equal(PortalLoginMode.Password, (await check.PortalUsers.SingleAsync(p => p.Id == user.Id)).LoginMode);
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(client, user.Email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("portal/profile")).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_ByViewAsOrLockedActor_IsRefused()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var actor = ActorOf(user);

        Assert.Equal(ResultKind.Forbidden, (await SignInService.ChangePasswordAsync(actor with { ViewingStaffUserId = 1 }, TestAccounts.Password, NewPassword, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await SignInService.ChangePasswordAsync(actor with { IsLocked = true }, TestAccounts.Password, NewPassword, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await SignInService.RequestEmailChangeAsync(actor with { ViewingStaffUserId = 1 }, "x@example.test", default)).Kind);
        Assert.True(await PasswordIsAsync(user, TestAccounts.Password));
    }

    [Fact]
    public async Task EmailChange_NothingChangesUntilTheLinkSentToTheNewAddressIsConfirmed_ThenItWorksOnce()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var newEmail = TestAccounts.UniqueEmail("moved");

        var requested = await SignInService.RequestEmailChangeAsync(ActorOf(user), newEmail, default);

        Assert.True(requested.Succeeded, requested.Message);
        string link;
        await using (var db = await _app.CreateDbContextAsync())
        {
            Assert.Equal(user.Email, (await db.PortalUsers.SingleAsync(p => p.Id == user.Id)).Email);
            var toNew = await db.OutboxMessages.SingleAsync(m => m.ToAddress == newEmail);
            Assert.Equal("portal-email-change-confirmation", toNew.TemplateKey);
            link = ConfirmLink().Match(toNew.Body).Value;
            Assert.StartsWith(_app.PublicBaseUrl, link);
            var toOld = await db.OutboxMessages.SingleAsync(m => m.ToAddress == user.Email && m.TemplateKey == "portal-email-change-notice");
            Assert.Contains(newEmail, toOld.Body);
            Assert.DoesNotContain("/account/confirm-email/", toOld.Body);
        }
        var path = new Uri(link).AbsolutePath.TrimStart('/');

        using var browser = _app.CreateHttpClient();
        var tampered = await Forms.PostAsync(browser, Tampered(path), "confirm-email", new Dictionary<string, string> { ["confirm"] = "1" });
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        await using (var db = await _app.CreateDbContextAsync()) Assert.Equal(user.Email, (await db.PortalUsers.SingleAsync(p => p.Id == user.Id)).Email);

        var confirmed = await Forms.PostAsync(browser, path, "confirm-email", new Dictionary<string, string> { ["confirm"] = "1" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains(newEmail, await confirmed.Content.ReadAsStringAsync());
        await using (var db = await _app.CreateDbContextAsync())
        {
            Assert.Equal(newEmail, (await db.PortalUsers.SingleAsync(p => p.Id == user.Id)).Email);
            Assert.True(await db.AuditEvents.AnyAsync(a => a.EntityId == user.Id.ToString() && a.Details.Contains("Confirmed the new sign-in e-mail")));
        }
        using (var signIn = _app.CreateHttpClient())
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(signIn, newEmail)).StatusCode);

        var again = await Forms.PostAsync(browser, path, "confirm-email", new Dictionary<string, string> { ["confirm"] = "1" });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task EmailChange_ToAnAddressInUse_IsRefused_WhenAskedAndWhenConfirmed()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var other = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);

        var asked = await SignInService.RequestEmailChangeAsync(ActorOf(user), other.Email, default);
        Assert.Equal(ResultKind.Invalid, asked.Kind);
        Assert.Equal(ProfileSignInService.EmailInUseMessage, asked.Errors["NewEmail"]);

        var wanted = TestAccounts.UniqueEmail("taken-later");
        Assert.True((await SignInService.RequestEmailChangeAsync(ActorOf(user), wanted, default)).Succeeded);
        string token;
        await using (var db = await _app.CreateDbContextAsync())
            token = ConfirmLink().Match((await db.OutboxMessages.SingleAsync(m => m.ToAddress == wanted)).Body).Value.Split('/').Last();
        await TestAccounts.CreatePortalUserAsync(_app, customer.Id, email: wanted);

        var confirmed = await SignInService.ConfirmEmailChangeAsync(token, default);

        Assert.Equal(ResultKind.Conflict, confirmed.Kind);
        await using var check = await _app.CreateDbContextAsync();
        Assert.Equal(user.Email, (await check.PortalUsers.SingleAsync(p => p.Id == user.Id)).Email);
    }

    [Fact]
    public async Task SignOutOfOtherDevices_FromMyProfile_EndsTheOtherSessionOnItsNextRequest()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var phone = await CapturedSession.PortalAsync(_app, user.Email);
        using var laptop = await CapturedSession.PortalAsync(_app, user.Email);
        var phoneCookie = phone.Capture();
        var profile = await laptop.Browser.GetStringAsync("portal/profile");
        Assert.Contains($"action=\"{AccountEndpoints.SignOutOtherDevicesPath}\"", profile);
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(profile).Groups[1].Value);

        var response = await laptop.Browser.PostAsync(AccountEndpoints.SignOutOtherDevicesPath.TrimStart('/'),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.Browser.GetAsync("portal/profile")).StatusCode);
        using var stale = phone.Replay(phoneCookie);
        Assert.Equal(HttpStatusCode.Redirect, (await stale.GetAsync("portal/profile")).StatusCode);
    }

    private static Dictionary<string, string> Fields(string current) => new()
    {
        ["Input.CurrentPassword"] = current, ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
    };

    private static Actor ActorOf(PortalUser user) => user.ToActor(PortalModules.All, null);

    private static string Tampered(string path) => path[..^1] + (path[^1] == '0' ? '1' : '0');

    private async Task<bool> PasswordIsAsync(PortalUser user, string password)
    {
        await using var scope = _app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.CheckPasswordAsync((await users.FindByIdAsync(user.AccountId!))!, password);
    }

    [GeneratedRegex(@"https?://[^\s""<]+/account/confirm-email/[0-9a-f]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
