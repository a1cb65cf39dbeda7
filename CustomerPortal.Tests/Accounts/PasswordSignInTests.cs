using System.Net;
using CustomerPortal.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Accounts;

[Collection(WebAppCollection.Name)]
public sealed class PasswordSignInTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task PortalLogin_WithWrongPassword_ShowsMessage()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();

        var response = await SignIn.PortalAsync(client, user.Email, "Wrong-password-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(SignInService.WrongCredentialsMessage, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://evil.example/staff", "/staff")]
    [InlineData("//evil.example", "/staff")]
    [InlineData("/\\evil.example", "/staff")]
    [InlineData("/staff/customers", "/staff/customers")]
    public async Task StaffLogin_FollowsOnlyLocalReturnUrl(string returnUrl, string expected)
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        using var client = _app.CreateHttpClient();

        var response = await SignIn.PostLoginAsync(client, $"account/login?returnUrl={Uri.EscapeDataString(returnUrl)}", "staff-login", staff.Email, TestAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, Redirects.LocationPath(response));
    }

    [Theory]
    [InlineData("https://evil.example/portal", "/portal")]
    [InlineData("//evil.example", "/portal")]
    [InlineData("/\\evil.example", "/portal")]
    [InlineData("/portal/estimates", "/portal/estimates")]
    public async Task PortalLogin_FollowsOnlyLocalReturnUrl(string returnUrl, string expected)
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();

        var response = await SignIn.PostLoginAsync(client, $"portal/login?returnUrl={Uri.EscapeDataString(returnUrl)}", "portal-login", user.Email, TestAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, Redirects.LocationPath(response));
    }
}
