using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Security;

/// <summary>Links in e-mails come from App:PublicBaseUrl; a forged Host is refused and changes no link.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class HostHeaderTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Theory]
    [InlineData("[forgot-password]forgot-password")]
    [InlineData("[email-sign-in-link]email-sign-in-link")]
    public async Task LinkForms_WithForgedHost_AreRefusedAndPutNoForeignLinkInTheOutbox(string handler)
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        var token = AntiforgeryField().Match(await client.GetStringAsync("portal/login")).Groups[1].Value;

        var forged = new HttpRequestMessage(HttpMethod.Post, "portal/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["_handler"] = handler, ["Input.Email"] = user.Email,
            }),
        };
        forged.Headers.Host = "evil.example";
        var response = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = await _app.CreateDbContextAsync();
        var bodies = await db.OutboxMessages.Where(m => m.PortalUserId == user.Id).Select(m => m.Body).ToListAsync();
        Assert.DoesNotContain(bodies, b => b.Contains("evil.example"));
    }

    [Fact]
    public async Task LinkForm_SentThroughAnotherAllowedHostName_LinksToPublicBaseUrl()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        var token = AntiforgeryField().Match(await client.GetStringAsync("portal/login")).Groups[1].Value;

        // localhost is allowed (loopback), but it is not the public address: the link must still use App:PublicBaseUrl.
        var request = new HttpRequestMessage(HttpMethod.Post, "portal/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["_handler"] = "[forgot-password]forgot-password", ["Input.Email"] = user.Email,
            }),
        };
        request.Headers.Host = $"localhost:{_app.Port}";
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await _app.CreateDbContextAsync();
        var body = (await db.OutboxMessages.SingleAsync(m => m.PortalUserId == user.Id)).Body;
        Assert.Contains($"{_app.PublicBaseUrl}/portal/reset-password/", body);
        Assert.DoesNotContain("localhost", body);
    }

    [Fact]
    public async Task AnyPage_WithForgedHost_IsRefused()
    {
        using var client = _app.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "portal/login");
        request.Headers.Host = "evil.example";

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
