using System.Net;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Security;

/// <summary>
/// The Data Protection key ring lives in the database: a sign-in cookie made by one instance is good on another instance
/// on the same database, and not on an instance with a database of its own. On one machine the framework's default key
/// folder would let the second instance read the cookie too, so the keys' row in the database is what shows where the
/// ring is (without PersistKeysToDbContext this test fails there).
/// </summary>
public sealed class DataProtectionKeyRingTests : IDisposable
{
    private readonly PortalAppFactory _first = new();
    private readonly SecondInstanceFactory _second;
    private readonly PortalAppFactory _elsewhere = new();

    public DataProtectionKeyRingTests() => _second = new SecondInstanceFactory(_first);

    [Fact]
    public async Task SignInCookie_FromOneInstance_WorksOnAnotherOnTheSameDatabase_AndNotOnAnotherDatabase()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_first);
        var user = await TestAccounts.CreatePortalUserAsync(_first, customer.Id);
        var cookies = new CookieContainer();
        using (var signingIn = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies })
               { BaseAddress = new Uri(_first.BaseUrl + "/") })
        {
            var signedIn = await SignIn.PortalAsync(signingIn, user.Email);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await signingIn.GetAsync("portal")).StatusCode);
        }
        var cookie = cookies.GetCookieHeader(new Uri(_first.BaseUrl));

        Assert.Equal(HttpStatusCode.OK, (await GetPortalAsync(_second, cookie)).StatusCode);
        var refused = await GetPortalAsync(_elsewhere, cookie);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("login", Redirects.LocationPath(refused), StringComparison.Ordinal);
        await using var db = await _first.CreateDbContextAsync();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
        _elsewhere.Dispose();
    }

    private static async Task<HttpResponseMessage> GetPortalAsync(PortalAppFactory app, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl + "/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "portal");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
