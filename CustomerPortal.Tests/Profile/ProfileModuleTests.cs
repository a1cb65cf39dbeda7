using System.Net;
using CustomerPortal.Core.Access;

namespace CustomerPortal.Tests.Profile;

/// <summary>My profile and Rate us follow the module switches: hidden means 404 (its password page too) and no menu entry.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ProfileModuleTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task ProfileAndReviewsHidden_PagesAreNotFound_AndMenuHasNoEntries()
    {
        var hidden = await OneOfEverything.CreateAsync(_app, "Hidprof");
        await using (var db = await _app.CreateDbContextAsync())
        {
            var customer = await db.Customers.FindAsync(hidden.Customer.Id);
            customer!.ChangeModules(PortalModules.All & ~PortalModules.Profile & ~PortalModules.Reviews);
            await db.SaveChangesAsync();
        }
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, hidden.User.Email);

        var dashboard = await client.GetStringAsync("portal");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("portal/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("portal/profile/password")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("portal/rate-us")).StatusCode);
        Assert.DoesNotContain("href=\"/portal/profile\"", dashboard);
        Assert.DoesNotContain("href=\"/portal/rate-us\"", dashboard);
    }

    [Fact]
    public async Task ProfileAndReviewsShown_PagesOpen()
    {
        var shown = await OneOfEverything.CreateAsync(_app, "Shownprof");
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, shown.User.Email);

        var profile = await client.GetAsync("portal/profile");
        var rateUs = await client.GetAsync("portal/rate-us?job=" + shown.JobId);

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        var html = await profile.Content.ReadAsStringAsync();
        foreach (var section in new[] { "Your details", "Service addresses", "Notifications", "Sign-in and security" }) Assert.Contains(section, html);
        Assert.Equal(HttpStatusCode.OK, rateUs.StatusCode);
        Assert.Contains("data-testid=\"rate-form\"", await rateUs.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("portal/profile/password")).StatusCode);
    }
}
