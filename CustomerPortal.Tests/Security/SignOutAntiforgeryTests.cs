using System.Net;
using CustomerPortal.Web.Account;

namespace CustomerPortal.Tests.Security;

/// <summary>A form on another site cannot sign anyone out: sign-out needs the page's antiforgery token.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SignOutAntiforgeryTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Theory]
    [InlineData("/account/logout")]
    [InlineData("/account/logout-other-devices")]
    public async Task SignOut_CrossSitePostWithoutToken_DoesNotSignOut(string path)
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(client, user.Email)).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Origin", "https://evil.example");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("portal")).StatusCode);
    }

    [Fact]
    public async Task SignOut_WithThePagesToken_SignsOut()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, user.Email);
        var token = await PortalAdminKit.AntiforgeryTokenAsync(client, "portal");

        var response = await PortalAdminKit.PostWithTokenAsync(client, AccountEndpoints.SignOutPath.TrimStart('/'), token);

        Assert.Equal("/portal/login", Redirects.LocationPath(response));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("portal")).StatusCode);
    }
}
