
namespace CustomerPortal.Tests.Security;

/// <summary>Every response carries the security headers; pages get a policy that allows only the app's own scripts.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SecurityHeaderTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Theory]
    [InlineData("portal/login")]
    [InlineData("account/login")]
    [InlineData("app.css")]
    [InlineData("no-such-page-here")]
    public async Task Response_CarriesTheSecurityHeaders(string path)
    {
        using var client = _app.CreateHttpClient();

        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var permissions = Assert.Single(response.Headers.GetValues("Permissions-Policy"));
        Assert.Contains("camera=()", permissions);
        Assert.Contains("microphone=()", permissions);
        Assert.Contains("geolocation=()", permissions);
        var policy = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("'self'", policy["frame-ancestors"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["base-uri"]);
        Assert.Equal("'self'", policy["form-action"]);
        Assert.Equal("'self'", policy["connect-src"]);
        Assert.Equal("'self' data: blob:", policy["img-src"]);
        Assert.Matches("^'self' 'nonce-[0-9A-F]{32}'$", policy["script-src"]);
    }

    [Fact]
    public async Task Page_ImportMapCarriesThePolicysNonce_AndNoOtherInlineScript()
    {
        using var client = _app.CreateHttpClient();

        var response = await client.GetAsync("portal/login");
        var html = await response.Content.ReadAsStringAsync();

        var nonce = Directives(response.Headers.GetValues("Content-Security-Policy").Single())["script-src"].Split("'nonce-")[1].TrimEnd('\'');
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).ToList();
        Assert.All(scripts, tag => Assert.True(tag.Contains(" src=") || tag.Contains($"nonce=\"{nonce}\""), tag));
    }

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
}
