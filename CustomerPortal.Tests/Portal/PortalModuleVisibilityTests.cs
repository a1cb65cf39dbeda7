using System.Net;
using CustomerPortal.Core.Access;

namespace CustomerPortal.Tests.Portal;

[Collection(WebAppCollection.Name)]
public sealed class PortalModuleVisibilityTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task PicturesHiddenForCustomer_PageIsNotFoundAndMenuHasNoEntry()
    {
        var hidden = await OneOfEverything.CreateAsync(_app, "Golf");
        var shown = await OneOfEverything.CreateAsync(_app, "Hotel");
        await using (var db = await _app.CreateDbContextAsync())
        {
            var customer = await db.Customers.FindAsync(hidden.Customer.Id);
            customer!.ChangeModules(PortalModules.All & ~PortalModules.Pictures);
            await db.SaveChangesAsync();
        }
        using var hiddenClient = _app.CreateHttpClient();
        await SignIn.PortalAsync(hiddenClient, hidden.User.Email);
        using var shownClient = _app.CreateHttpClient();
        await SignIn.PortalAsync(shownClient, shown.User.Email);

        var page = await hiddenClient.GetAsync("portal/pictures");
        var dashboard = await hiddenClient.GetStringAsync("portal");
        var shownPage = await shownClient.GetAsync("portal/pictures");
        var shownDashboard = await shownClient.GetStringAsync("portal");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("href=\"/portal/pictures\"", dashboard);
        Assert.Equal(HttpStatusCode.OK, shownPage.StatusCode);
        Assert.Contains("href=\"/portal/pictures\"", shownDashboard);
        Assert.Contains($"/files/{shown.VisitPictureId}/thumb", await shownPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task JobsNotAmongPortalUsersModules_OwnJobPageAndListAreNotFound()
    {
        var customer = await OneOfEverything.CreateAsync(_app, "India");
        await using (var db = await _app.CreateDbContextAsync())
        {
            var user = await db.PortalUsers.FindAsync(customer.User.Id);
            user!.ChangePermissions(PortalModules.All & ~PortalModules.Jobs, user.CanPay, user.CanAcceptEstimates, user.CanSubmitRequests);
            await db.SaveChangesAsync();
        }
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, customer.User.Email);

        var job = await client.GetAsync($"portal/jobs/{customer.JobId}");
        var list = await client.GetAsync("portal/jobs");
        var projects = await client.GetAsync($"portal/projects/{customer.ProjectId}");

        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
        Assert.DoesNotContain($"{customer.Marker} job", await job.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, projects.StatusCode);
        Assert.DoesNotContain($"{customer.Marker} job", await projects.Content.ReadAsStringAsync());
    }
}
