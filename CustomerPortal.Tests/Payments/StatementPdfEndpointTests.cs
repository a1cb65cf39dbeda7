using System.Net;

namespace CustomerPortal.Tests.Payments;

[Collection(WebAppCollection.Name)]
public sealed class StatementPdfEndpointTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task PortalStatementPdf_IsTheSignedInCustomersOwn_AndBadDatesAreRefused()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app, $"Stmt{Guid.NewGuid():N}"[..16]);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var invoice = await DocumentData.SentInvoiceAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, user.Email);

        var response = await client.GetAsync("portal/statement.pdf");
        var ranged = await client.GetAsync("portal/statement.pdf?from=2020-01-01&to=2020-01-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = PdfTools.Text(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(customer.DisplayName, text);
        Assert.Contains(invoice.Number, text);
        Assert.DoesNotContain(invoice.Number, PdfTools.Text(await ranged.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("portal/statement.pdf?from=yesterday")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("portal/statement.pdf?from=2026-02-01&to=2026-01-01")).StatusCode);
    }

    [Fact]
    public async Task StaffStatementPdf_OfAnyCustomer_OpensForStaff_AndNotForAPortalUser()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app, $"Stmt{Guid.NewGuid():N}"[..16]);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var staff = await TestAccounts.CreateStaffAsync(_app);
        using var staffClient = _app.CreateHttpClient();
        await SignIn.StaffAsync(staffClient, staff.Email);
        using var portalClient = _app.CreateHttpClient();
        await SignIn.PortalAsync(portalClient, user.Email);

        var forStaff = await staffClient.GetAsync($"staff/customers/{customer.Id}/statement.pdf");
        var forPortalUser = await portalClient.GetAsync($"staff/customers/{customer.Id}/statement.pdf");

        Assert.Equal(HttpStatusCode.OK, forStaff.StatusCode);
        Assert.Contains(customer.DisplayName, PdfTools.Text(await forStaff.Content.ReadAsByteArrayAsync()));
        Assert.NotEqual(HttpStatusCode.OK, forPortalUser.StatusCode);
        Assert.NotEqual("application/pdf", forPortalUser.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await staffClient.GetAsync("staff/customers/999999/statement.pdf")).StatusCode);
    }
}
