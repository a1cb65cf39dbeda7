using System.Net;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.PortalAdmin;

[Collection(WebAppCollection.Name)]
public sealed class CustomerPortalAccessTests(WebAppFixture fixture)
{
    private const string ClosedText = "The customer portal is closed at the moment";
    private readonly PortalAppFactory _app = fixture.App;

    private CustomerPortalService Portal => _app.Get<CustomerPortalService>();

    private async Task<PortalAccessInput> CurrentAsync(Actor staff, int customerId)
    {
        var view = (await Portal.GetAsync(staff, customerId, default)).Value!;
        return new PortalAccessInput(view.PortalEnabled, view.PortalIdentifier, view.ModuleOverrides, view.CustomerVersion);
    }

    private static string UniqueIdentifier(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    [Fact]
    public async Task UpdateAccessAsync_NewIdentifierAndModules_AreSavedAndAudited()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var (_, staff) = await PortalAdminKit.StaffAsync(_app);
        var identifier = UniqueIdentifier("smith-family");
        var current = await CurrentAsync(staff, customer.Id);

        var result = await Portal.UpdateAccessAsync(staff, customer.Id,
            current with { PortalIdentifier = identifier, ModuleOverrides = PortalModules.Invoices | PortalModules.Payments }, default);

        Assert.True(result.Succeeded, result.Message);
        var view = (await Portal.GetAsync(staff, customer.Id, default)).Value!;
        Assert.Equal(identifier, view.PortalIdentifier);
        Assert.Equal(PortalModules.Invoices | PortalModules.Payments, view.EffectiveModules);
        Assert.Equal($"{_app.BaseUrl}/portal/c/{identifier}", PortalUrls.CustomerUrl(_app.BaseUrl + "/", view.PortalIdentifier));
        await using var db = await _app.CreateDbContextAsync();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.CustomerChanged && e.CustomerId == customer.Id);
        Assert.Contains(identifier, audit.Details);
    }

    [Fact]
    public async Task UpdateAccessAsync_IdentifierOfAnotherCustomer_IsRefused()
    {
        var first = await TestAccounts.CreateCustomerAsync(_app);
        var second = await TestAccounts.CreateCustomerAsync(_app);
        var (_, staff) = await PortalAdminKit.StaffAsync(_app);

        var result = await Portal.UpdateAccessAsync(staff, second.Id, (await CurrentAsync(staff, second.Id)) with { PortalIdentifier = first.PortalIdentifier }, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Contains("already used by another customer", result.Errors[nameof(PortalAccessInput.PortalIdentifier)]);
        Assert.Equal(second.PortalIdentifier, (await CurrentAsync(staff, second.Id)).PortalIdentifier);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Smith Family")]
    [InlineData("smith--family")]
    [InlineData("-smith")]
    [InlineData("smith/../admin")]
    public async Task UpdateAccessAsync_InvalidIdentifier_IsRefused(string identifier)
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var (_, staff) = await PortalAdminKit.StaffAsync(_app);

        var result = await Portal.UpdateAccessAsync(staff, customer.Id, (await CurrentAsync(staff, customer.Id)) with { PortalIdentifier = identifier }, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal(CustomerPortalService.IdentifierRules, result.Errors[nameof(PortalAccessInput.PortalIdentifier)]);
    }

    [Fact]
    public async Task UpdateAccessAsync_WithStaleVersion_IsAConflict()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var (_, staff) = await PortalAdminKit.StaffAsync(_app);
        var loaded = await CurrentAsync(staff, customer.Id);
        Assert.True((await Portal.UpdateAccessAsync(staff, customer.Id, loaded with { PortalEnabled = false }, default)).Succeeded);

        var stale = await Portal.UpdateAccessAsync(staff, customer.Id, loaded with { PortalIdentifier = UniqueIdentifier("other") }, default);

        Assert.Equal(ResultKind.Conflict, stale.Kind);
        Assert.Equal(customer.PortalIdentifier, (await CurrentAsync(staff, customer.Id)).PortalIdentifier);
    }

    [Fact]
    public async Task PortalOffForOneCustomer_ItsUsersSeeTheClosedPage_OthersAreFine()
    {
        var closedCustomer = await TestAccounts.CreateCustomerAsync(_app);
        var openCustomer = await TestAccounts.CreateCustomerAsync(_app);
        var closedUser = await TestAccounts.CreatePortalUserAsync(_app, closedCustomer.Id);
        var openUser = await TestAccounts.CreatePortalUserAsync(_app, openCustomer.Id);
        var (_, staff) = await PortalAdminKit.StaffAsync(_app);
        using var closedClient = _app.CreateHttpClient();
        using var openClient = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(closedClient, closedUser.Email)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(openClient, openUser.Email)).StatusCode);

        var off = await Portal.UpdateAccessAsync(staff, closedCustomer.Id, (await CurrentAsync(staff, closedCustomer.Id)) with { PortalEnabled = false }, default);

        Assert.True(off.Succeeded, off.Message);
        var closedPage = await closedClient.GetAsync("portal");
        Assert.Equal(HttpStatusCode.OK, closedPage.StatusCode);
        var closedHtml = await closedPage.Content.ReadAsStringAsync();
        Assert.Contains(ClosedText, closedHtml);
        Assert.DoesNotContain("Welcome,", closedHtml);
        var openHtml = await openClient.GetStringAsync("portal");
        Assert.DoesNotContain(ClosedText, openHtml);
        Assert.Contains("Welcome,", openHtml);
        var closedActor = await PortalAdminKit.ResolveAsync(_app, PortalAdminKit.PortalPrincipal(closedUser));
        Assert.Equal(PortalModules.None, closedActor!.Modules);
        using var fresh = _app.CreateHttpClient();
        var signIn = await SignIn.PortalAsync(fresh, closedUser.Email);
        Assert.Contains(Core.Accounts.SignInService.PortalClosedMessage, await signIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CustomerLink_SignInFormOnIt_SignsTheUserIn()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();

        var response = await SignIn.PostLoginAsync(client, $"portal/c/{customer.PortalIdentifier}", "portal-login", user.Email, TestAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/portal", Redirects.LocationPath(response));
    }
}
