using System.Net;
using System.Text.RegularExpressions;

namespace CustomerPortal.Tests.Security;

/// <summary>Sign-ins of one user at the same moment never fail on each other.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class ConcurrentSignInTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task PortalSignIn_TwentyAtOnceForOneUser_AllSucceed()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var clients = Enumerable.Range(0, 20).Select(_ => _app.CreateHttpClient()).ToList();
        try
        {
            // Every form is fetched first, so the twenty posts leave together.
            var tokens = await Task.WhenAll(clients.Select(async c => WebUtility.HtmlDecode(AntiforgeryField().Match(await c.GetStringAsync("portal/login")).Groups[1].Value)));
            var posts = clients.Select((c, i) => c.PostAsync("portal/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = tokens[i], ["_handler"] = "portal-login", ["Input.Email"] = user.Email, ["Input.Password"] = TestAccounts.Password,
            })));

            var responses = await Task.WhenAll(posts);

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
            Assert.All(responses, r => Assert.Equal("/portal", Redirects.LocationPath(r)));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
