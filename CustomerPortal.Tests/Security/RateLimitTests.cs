using System.Net;
using System.Text.RegularExpressions;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Security;

[Collection(ThrottledAppCollection.Name)]
public sealed partial class RateLimitTests(ThrottledAppFixture fixture)
{
    private readonly ThrottledAppFactory _app = fixture.App;

    [Theory]
    [InlineData("[email-sign-in-link]email-sign-in-link")]
    [InlineData("[forgot-password]forgot-password")]
    public async Task LinkRequests_ThirtyForOneAddressAtOnce_SendAtMostTheLimit_AndTellTheRestToWait(string handler)
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(await client.GetStringAsync("portal/login")).Groups[1].Value);

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => client.PostAsync("portal/login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = handler, ["Input.Email"] = user.Email }))));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        await using var db = await _app.CreateDbContextAsync();
        var mails = await db.OutboxMessages.CountAsync(m => m.PortalUserId == user.Id);
        Assert.InRange(mails, 1, ThrottledAppFactory.LinkEmailsPerAddress);
        Assert.Equal(30 - ThrottledAppFactory.LinkEmailsPerAddress, bodies.Count(b => b.Contains(AccountThrottle.MessageStart)));
        Assert.Equal(30 - ThrottledAppFactory.LinkEmailsPerAddress, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Contains("minutes and try again", bodies.First(b => b.Contains(AccountThrottle.MessageStart)));
    }

    [Fact]
    public async Task PasswordSignIn_PastTheLimitForOneAddress_IsToldToWait_AndOtherAddressesStillSignIn()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var other = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();

        for (var i = 0; i < ThrottledAppFactory.SignInsPerAddressAndIp; i++)
            Assert.Contains(SignInService.WrongCredentialsMessage, await (await SignIn.PortalAsync(client, user.Email, "Wrong-password-1")).Content.ReadAsStringAsync());
        var throttled = await SignIn.PortalAsync(client, user.Email);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains(AccountThrottle.MessageStart, await throttled.Content.ReadAsStringAsync());
        using var otherClient = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(otherClient, other.Email)).StatusCode);
    }

    [Fact]
    public async Task PasswordSignIn_ManyWrongPasswords_DoNotLockTheAccount()
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        using var client = _app.CreateHttpClient();
        for (var i = 0; i < ThrottledAppFactory.SignInsPerAddressAndIp - 1; i++) await SignIn.StaffAsync(client, staff.Email, "Wrong-password-1");

        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.StaffAsync(client, staff.Email)).StatusCode);
        await using var db = await _app.CreateDbContextAsync();
        Assert.Null((await db.Users.SingleAsync(u => u.Email == staff.Email)).LockoutEnd);
    }

    [Fact]
    public async Task PasswordSignIn_UnknownAddress_StillChecksAPassword()
    {
        var password = $"Probe-{Guid.NewGuid():N}";
        using var client = _app.CreateHttpClient();

        var response = await SignIn.PortalAsync(client, TestAccounts.UniqueEmail("nobody"), password);

        Assert.Contains(SignInService.WrongCredentialsMessage, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, _app.Hasher.ChecksOf(password));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
