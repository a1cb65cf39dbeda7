using System.Net;

namespace CustomerPortal.Tests.Accounts;

[Collection(WebAppCollection.Name)]
public sealed class SignInTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task StaffLogin_WithRightPassword_RedirectsToStaffArea()
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        using var client = _app.CreateHttpClient();

        var response = await SignIn.StaffAsync(client, staff.Email);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff", Redirects.LocationPath(response));
        var dashboard = await client.GetAsync("staff");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task StaffLogin_WithWrongPassword_ShowsMessageAndStaysSignedOut()
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        using var client = _app.CreateHttpClient();

        var response = await SignIn.StaffAsync(client, staff.Email, "not-the-password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The e-mail or password is not right.", await response.Content.ReadAsStringAsync());
        var staffPage = await client.GetAsync("staff");
        Assert.Equal(HttpStatusCode.Redirect, staffPage.StatusCode);
        Assert.Equal("/account/login", Redirects.LocationPath(staffPage));
    }

    [Fact]
    public async Task PortalLogin_WithRightPassword_OpensPortalDashboard()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();

        var response = await SignIn.PortalAsync(client, user.Email);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/portal", Redirects.LocationPath(response));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("portal")).StatusCode);
    }
}
