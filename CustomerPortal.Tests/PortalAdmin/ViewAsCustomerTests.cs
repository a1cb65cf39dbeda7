using System.Net;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Web.Staff.Customers;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.PortalAdmin;

[Collection(WebAppCollection.Name)]
public sealed class ViewAsCustomerTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    private async Task<(HttpClient Client, StaffUser Staff)> SignedInStaffAsync()
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.StaffAsync(client, staff.Email)).StatusCode);
        return (client, staff);
    }

    private static async Task<HttpResponseMessage> StartAsync(HttpClient client, int customerId) =>
        await PortalAdminKit.PostWithTokenAsync(client, ViewAsCustomerEndpoints.StartPath(customerId).TrimStart('/'),
            await PortalAdminKit.AntiforgeryTokenAsync(client, "staff"));

    [Fact]
    public async Task StaffWithoutViewAs_CannotOpenThePortal()
    {
        var (client, _) = await SignedInStaffAsync();
        using (client)
        {
            var response = await client.GetAsync("portal");

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/access-denied", Redirects.LocationPath(response));
        }
    }

    [Fact]
    public async Task ViewAs_ShowsBannerAndTheCustomersPortal_AuditsIt_AndExitEndsIt()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app, lastName: "Viewedcustomer");
        var (client, staff) = await SignedInStaffAsync();
        using (client)
        {
            var start = await StartAsync(client, customer.Id);

            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            Assert.Equal("/portal", Redirects.LocationPath(start));
            var portal = await client.GetAsync("portal");
            Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
            var html = await portal.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"view-as-banner\"", html);
            Assert.Contains("portal as staff", html);
            Assert.Contains("Pat Viewedcustomer", html);
            await using (var db = await _app.CreateDbContextAsync())
            {
                var audit = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ViewAsCustomer && e.CustomerId == customer.Id);
                Assert.Equal(staff.Id.ToString(), audit.ActorId);
            }
            var staffPage = await client.GetAsync("staff");
            Assert.Equal(HttpStatusCode.OK, staffPage.StatusCode);
            Assert.DoesNotContain("view-as-banner", await staffPage.Content.ReadAsStringAsync());

            var exit = await PortalAdminKit.PostWithTokenAsync(client, ViewAsCustomerEndpoints.ExitPath.TrimStart('/'),
                await PortalAdminKit.AntiforgeryTokenAsync(client, "portal"));

            Assert.Equal($"/staff/customers/{customer.Id}", Redirects.LocationPath(exit));
            Assert.Equal("/account/access-denied", Redirects.LocationPath(await client.GetAsync("portal")));
        }
    }

    [Fact]
    public async Task ViewAsActor_IsReadOnlyCustomerActor_RefusedEveryWrite()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var rules = _app.Get<AccessRules>();

        var actor = await PortalAdminKit.ResolveAsync(_app, PortalAdminKit.StaffPrincipal(staff, customer.Id), portalArea: true);
        var outsidePortal = await PortalAdminKit.ResolveAsync(_app, PortalAdminKit.StaffPrincipal(staff, customer.Id));

        Assert.NotNull(actor);
        Assert.True(actor.IsViewAsCustomer);
        Assert.True(actor.IsCustomer);
        Assert.Equal(customer.Id, actor.CustomerId);
        Assert.Equal(staff.Id, actor.ViewingStaffUserId);
        Assert.True(rules.Can(actor, Operation.ViewInvoice));
        Assert.All([Operation.SubmitRequest, Operation.PayInvoice, Operation.AcceptEstimate, Operation.SendMessage, Operation.EditOwnProfile,
                Operation.AddCredit, Operation.SubmitReview, Operation.ManagePortalUsers],
            operation => Assert.False(rules.Can(actor, operation), operation.ToString()));
        Assert.True(outsidePortal!.IsStaff);
        Assert.Null(await PortalAdminKit.ResolveAsync(_app, PortalAdminKit.StaffPrincipal(staff), portalArea: true));
    }

    [Fact]
    public async Task ViewAs_WriteAttemptThroughAService_IsRefused()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var actor = await PortalAdminKit.ResolveAsync(_app, PortalAdminKit.StaffPrincipal(staff, customer.Id), portalArea: true);

        var add = await _app.Get<PortalUserAdminService>().AddAsync(actor!, customer.Id,
            [new NewPortalUser("Sneaky", TestAccounts.UniqueEmail("sneaky"), PortalLoginMode.Password, PortalUserPermissions.Full)], default);

        Assert.False(add.Succeeded);
    }

    [Fact]
    public async Task ViewAs_StartWithoutAntiforgeryToken_IsRefused()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var (client, _) = await SignedInStaffAsync();
        using (client)
        {
            var response = await client.PostAsync(ViewAsCustomerEndpoints.StartPath(customer.Id).TrimStart('/'), new FormUrlEncodedContent([]));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("/account/access-denied", Redirects.LocationPath(await client.GetAsync("portal")));
        }
    }

    [Fact]
    public async Task PortalUser_CannotStartViewAsOrOpenStaffPages()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var other = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, user.Email);

        var start = await PortalAdminKit.PostWithTokenAsync(client, ViewAsCustomerEndpoints.StartPath(other.Id).TrimStart('/'),
            await PortalAdminKit.AntiforgeryTokenAsync(client, "portal"));

        Assert.NotEqual("/portal", Redirects.LocationPath(start));
        Assert.NotEqual(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal("/account/access-denied", Redirects.LocationPath(await client.GetAsync($"staff/customers/{customer.Id}")));
        Assert.DoesNotContain("view-as-banner", await client.GetStringAsync("portal"));
    }
}
