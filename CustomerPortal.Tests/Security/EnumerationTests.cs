using System.Net;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Security;

/// <summary>Sign-in and the customer's portal address answer alike whether or not an account or customer exists.</summary>
[Collection(WebAppCollection.Name)]
public sealed class EnumerationTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Theory]
    [InlineData("portal")]
    [InlineData("staff")]
    public async Task SignIn_RealAddressWrongPassword_AndUnknownAddress_GetTheSameAnswer(string area)
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var email = area == "portal"
            ? (await TestAccounts.CreatePortalUserAsync(_app, customer.Id)).Email
            : (await TestAccounts.CreateStaffAsync(_app)).Email;
        var unknown = TestAccounts.UniqueEmail("nobody");
        using var client = _app.CreateHttpClient();

        var real = await SignInAsync(client, area, email, "Wrong-password-1");
        var none = await SignInAsync(client, area, unknown, "Wrong-password-1");

        Assert.Equal(HttpStatusCode.BadRequest, real.StatusCode);
        Assert.Equal(real.StatusCode, none.StatusCode);
        var realBody = (await real.Content.ReadAsStringAsync()).Replace(email, "X");
        var noneBody = (await none.Content.ReadAsStringAsync()).Replace(unknown, "X");
        Assert.Contains(SignInService.WrongCredentialsMessage, realBody);
        Assert.Contains(SignInService.WrongCredentialsMessage, noneBody);
        Assert.Equal(realBody.Length, noneBody.Length);
    }

    [Fact]
    public async Task SignIn_LockedUserWithWrongPassword_GetsTheSameAnswerAsAnUnknownAddress()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var staff = await TestAccounts.CreateStaffAsync(_app);
        await _app.Get<PortalUserAdminService>().LockAsync(staff.ToActor(), user.Id, default);
        using var client = _app.CreateHttpClient();

        var locked = await SignIn.PortalAsync(client, user.Email, "Wrong-password-1");

        var body = await locked.Content.ReadAsStringAsync();
        Assert.Contains(SignInService.WrongCredentialsMessage, body);
        Assert.DoesNotContain(SignInService.AccountLockedMessage, body);
        Assert.Contains(SignInService.AccountLockedMessage, await (await SignIn.PortalAsync(client, user.Email)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CustomerLink_ClosedPortal_AnswersLikeAnUnknownIdentifier()
    {
        var closed = await TestAccounts.CreateCustomerAsync(_app);
        var (_, staff) = await PortalAdminKit.StaffAsync(_app);
        var portal = _app.Get<CustomerPortalService>();
        var view = (await portal.GetAsync(staff, closed.Id, default)).Value!;
        var off = await portal.UpdateAccessAsync(staff, closed.Id, new PortalAccessInput(false, view.PortalIdentifier, view.ModuleOverrides, view.CustomerVersion), default);
        Assert.True(off.Succeeded, off.Message);
        var unknown = $"c-{Guid.NewGuid():N}"[..20];
        using var client = _app.CreateHttpClient();

        var closedPage = await client.GetAsync($"portal/c/{closed.PortalIdentifier}");
        var unknownPage = await client.GetAsync($"portal/c/{unknown}");

        Assert.Equal(unknownPage.StatusCode, closedPage.StatusCode);
        var closedHtml = (await closedPage.Content.ReadAsStringAsync()).Replace(closed.PortalIdentifier!, "X");
        var unknownHtml = (await unknownPage.Content.ReadAsStringAsync()).Replace(unknown, "X");
        Assert.Contains("Sign in to your portal", closedHtml);
        Assert.DoesNotContain("portal-closed", closedHtml);
        Assert.Equal(unknownHtml.Length, closedHtml.Length);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string area, string email, string password) =>
        area == "portal" ? SignIn.PortalAsync(client, email, password) : SignIn.StaffAsync(client, email, password);
}
