using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Data;
using CustomerPortal.Web.Access;
using CustomerPortal.Web.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Security;

/// <summary>A cookie taken before sign-out, a lock or a password reset opens nothing afterwards: pages, PDFs, files, the hub.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class SessionEndTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task SignOut_CookieCapturedBefore_GetsNothingAfterwards()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Signout");
        using var session = await CapturedSession.PortalAsync(_app, bundle.User.Email);
        var captured = session.Capture();
        await AssertOpensEverythingAsync(session, captured, bundle);

        var token = await AntiforgeryTokenAsync(session.Browser, "portal");
        var signOut = await session.Browser.PostAsync(AccountEndpoints.SignOutPath.TrimStart('/'), Form(token));
        Assert.Equal("/portal/login", Redirects.LocationPath(signOut));

        await AssertOpensNothingAsync(session, captured, bundle);
    }

    [Fact]
    public async Task Lock_CookieCapturedBefore_GetsNothingAfterwards()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Lockout");
        using var session = await CapturedSession.PortalAsync(_app, bundle.User.Email);
        var captured = session.Capture();
        await AssertOpensEverythingAsync(session, captured, bundle);

        var staff = await TestAccounts.CreateStaffAsync(_app);
        var locked = await _app.Services.GetRequiredService<PortalUserAdminService>().LockAsync(staff.ToActor(), bundle.User.Id, default);
        Assert.True(locked.Succeeded, locked.Message);

        await AssertOpensNothingAsync(session, captured, bundle);
    }

    [Fact]
    public async Task PasswordReset_CookieCapturedBefore_GetsNothingAfterwards()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Resetpw");
        using var session = await CapturedSession.PortalAsync(_app, bundle.User.Email);
        var captured = session.Capture();
        await AssertOpensEverythingAsync(session, captured, bundle);

        await _app.Services.GetRequiredService<MagicLinkService>().RequestLinkAsync(bundle.User.Email, MagicLinkPurpose.PasswordReset, default);
        string path;
        await using (var db = await _app.CreateDbContextAsync())
            path = ResetPath().Match((await db.OutboxMessages.SingleAsync(m => m.PortalUserId == bundle.User.Id && m.TemplateKey == "portal-password-reset-link")).Body).Value.TrimStart('/');
        using var elsewhere = _app.CreateHttpClient();
        var reset = await Forms.PostAsync(elsewhere, path, "set-password",
            new Dictionary<string, string> { ["Input.Password"] = "Brand-new-pass-9", ["Input.ConfirmPassword"] = "Brand-new-pass-9" });
        Assert.Equal("/portal", Redirects.LocationPath(reset));

        await AssertOpensNothingAsync(session, captured, bundle);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("portal")).StatusCode);
    }

    [Fact]
    public async Task SignOutOfOtherDevices_EndsTheOtherCookie_AndKeepsThisBrowserSignedIn()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Otherdev");
        using var phone = await CapturedSession.PortalAsync(_app, bundle.User.Email);
        using var laptop = await CapturedSession.PortalAsync(_app, bundle.User.Email);
        var phoneCookie = phone.Capture();

        var token = await AntiforgeryTokenAsync(laptop.Browser, "portal");
        var response = await laptop.Browser.PostAsync(AccountEndpoints.SignOutOtherDevicesPath.TrimStart('/'), Form(token));

        Assert.Equal("/portal", Redirects.LocationPath(response));
        Assert.Equal(HttpStatusCode.OK, (await laptop.Browser.GetAsync("portal")).StatusCode);
        using var stale = phone.Replay(phoneCookie);
        Assert.Equal(HttpStatusCode.Redirect, (await stale.GetAsync("portal")).StatusCode);
    }

    [Fact]
    public async Task Staff_SignOut_CookieCapturedBefore_OpensNoStaffPage()
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        using var session = await CapturedSession.StaffAsync(_app, staff.Email);
        var captured = session.Capture();
        using (var before = session.Replay(captured)) Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("staff/customers")).StatusCode);

        var token = await AntiforgeryTokenAsync(session.Browser, "staff");
        await session.Browser.PostAsync(AccountEndpoints.SignOutPath.TrimStart('/'), Form(token));

        using var after = session.Replay(captured);
        var page = await after.GetAsync("staff/customers");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", Redirects.LocationPath(page));
    }

    [Fact]
    public async Task ActorResolver_PrincipalWithAnOldStamp_OrOfALockedUser_ResolvesToNoActor()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        await using var scope = _app.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var account = (await signIn.UserManager.FindByEmailAsync(user.Email))!;
        var principal = await signIn.CreateUserPrincipalAsync(account);
        var resolver = scope.ServiceProvider.GetRequiredService<ActorResolver>();
        var stampType = new ClaimsIdentityOptions().SecurityStampClaimType;

        Assert.Contains(principal.Claims, c => c.Type == stampType && c.Value == account.SecurityStamp);
        Assert.NotNull(await resolver.ResolveAsync(principal));
        var withoutStamp = new ClaimsPrincipal(new ClaimsIdentity(principal.Claims.Where(c => c.Type != stampType), "test"));
        Assert.Null(await resolver.ResolveAsync(withoutStamp));

        await signIn.UserManager.UpdateSecurityStampAsync(account);
        Assert.Null(await resolver.ResolveAsync(principal));

        var fresh = await signIn.CreateUserPrincipalAsync(account);
        Assert.NotNull(await resolver.ResolveAsync(fresh));
        await using (var db = await _app.CreateDbContextAsync())
        {
            // Locked directly, without the new stamp the service gives: the resolver still refuses a locked user.
            await db.PortalUsers.Where(p => p.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PortalUserStatus.Locked));
        }
        Assert.Null(await resolver.ResolveAsync(fresh));
    }

    private async Task AssertOpensEverythingAsync(CapturedSession session, System.Net.CookieContainer captured, CustomerBundle bundle)
    {
        using var client = session.Replay(captured);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("portal")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"portal/invoices/{bundle.InvoiceId}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"files/{bundle.PictureId}")).StatusCode);
        Assert.True(await session.HubAcceptsAsync(captured, bundle.Customer.Id));
    }

    private async Task AssertOpensNothingAsync(CapturedSession session, System.Net.CookieContainer captured, CustomerBundle bundle)
    {
        using var client = session.Replay(captured);
        var page = await client.GetAsync("portal");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/portal/login", Redirects.LocationPath(page));
        var pdf = await client.GetAsync($"portal/invoices/{bundle.InvoiceId}/pdf");
        Assert.NotEqual(HttpStatusCode.OK, pdf.StatusCode);
        Assert.NotEqual("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var file = await client.GetAsync($"files/{bundle.PictureId}");
        Assert.NotEqual(HttpStatusCode.OK, file.StatusCode);
        Assert.DoesNotContain(bundle.Marker, await file.Content.ReadAsStringAsync());
        Assert.False(await session.HubAcceptsAsync(captured, bundle.Customer.Id));
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var page = await client.GetStringAsync(path);
        return WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
    }

    private static FormUrlEncodedContent Form(string token) => new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"/portal/reset-password/[A-Za-z0-9_-]{43}")]
    private static partial Regex ResetPath();
}
