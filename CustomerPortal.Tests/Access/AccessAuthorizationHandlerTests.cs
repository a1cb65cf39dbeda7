using CustomerPortal.Core.Access;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Access;

/// <summary>
/// The policies of pages in an interactive circuit (where the resource is the routed page) are answered by the access
/// handler with the actor of the page's area: the viewed customer's on a portal page, the signed-in one on a staff page.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class AccessAuthorizationHandlerTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    private static RouteData Page<T>() => new(typeof(T), new Dictionary<string, object?>());

    private async Task<bool> AllowedAsync(System.Security.Claims.ClaimsPrincipal user, object? resource, string policy)
    {
        await PortalAdminKit.WithCurrentStampAsync(_app, user);
        await using var scope = _app.CreateScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(user, resource, policy)).Succeeded;
    }

    [Fact]
    public async Task AuthorizeAsync_RoutedPage_AsksForTheActorOfThePagesArea()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var viewingAs = PortalAdminKit.StaffPrincipal(staff, customer.Id);
        var portalPage = Page<Web.Portal.Invoices.PortalInvoice>();
        var staffPage = Page<Web.Staff.Invoices.InvoiceList>();

        Assert.True(await AllowedAsync(viewingAs, portalPage, Policies.Portal));
        Assert.True(await AllowedAsync(viewingAs, portalPage, nameof(Operation.ViewInvoice)));
        Assert.False(await AllowedAsync(viewingAs, portalPage, nameof(Operation.ManageInvoice)));
        Assert.True(await AllowedAsync(viewingAs, staffPage, nameof(Operation.ManageInvoice)));
        Assert.True(await AllowedAsync(viewingAs, staffPage, Policies.Staff));
        Assert.False(await AllowedAsync(PortalAdminKit.StaffPrincipal(staff), portalPage, Policies.Portal));
    }

    [Fact]
    public async Task AuthorizeAsync_PortalUser_IsRefusedStaffAndAdminPolicies()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = PortalAdminKit.PortalPrincipal(await TestAccounts.CreatePortalUserAsync(_app, customer.Id));

        Assert.True(await AllowedAsync(user, Page<Web.Portal.Invoices.PortalInvoice>(), Policies.Portal));
        Assert.False(await AllowedAsync(user, Page<Web.Staff.Invoices.InvoiceList>(), Policies.Staff));
        Assert.False(await AllowedAsync(user, null, Policies.Admin));
        Assert.False(await AllowedAsync(user, null, nameof(Operation.ViewAuditLog)));
    }

    [Fact]
    public async Task AuthorizeAsync_NonAdminStaff_IsRefusedAdminPolicies()
    {
        var staff = PortalAdminKit.StaffPrincipal(await TestAccounts.CreateStaffAsync(_app));
        var admin = PortalAdminKit.StaffPrincipal(await TestAccounts.CreateStaffAsync(_app, StaffRole.Admin));

        Assert.False(await AllowedAsync(staff, null, Policies.Admin));
        Assert.False(await AllowedAsync(staff, null, nameof(Operation.ManageTemplates)));
        Assert.True(await AllowedAsync(admin, null, Policies.Admin));
        Assert.True(await AllowedAsync(admin, null, nameof(Operation.ViewAuditLog)));
    }
}
