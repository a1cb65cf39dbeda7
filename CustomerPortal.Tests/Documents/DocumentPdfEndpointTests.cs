using System.Net;

namespace CustomerPortal.Tests.Documents;

[Collection(WebAppCollection.Name)]
public sealed class DocumentPdfEndpointTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task PortalPdfs_OfOwnDocuments_AreInlinePdfs()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var estimate = await DocumentData.SentEstimateAsync(_app, customer.Id);
        var invoice = await DocumentData.SentInvoiceAsync(_app, customer.Id);
        var payment = await DocumentData.PaymentAsync(_app, customer.Id, invoice.Id, 50m);
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, user.Email);

        foreach (var (path, fileName) in new[]
                 {
                     ($"portal/estimates/{estimate.Id}/pdf", $"{estimate.Number}.pdf"),
                     ($"portal/invoices/{invoice.Id}/pdf", $"{invoice.Number}.pdf"),
                     ($"portal/payments/{payment}/receipt.pdf", "-receipt.pdf"),
                 })
        {
            var response = await client.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.EndsWith(fileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await response.Content.ReadAsByteArrayAsync())[..4]));
        }
    }

    [Fact]
    public async Task PortalPdf_WithDownload_IsAnAttachment()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var estimate = await DocumentData.SentEstimateAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, user.Email);

        var response = await client.GetAsync($"portal/estimates/{estimate.Id}/pdf?download=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task PortalPdfs_OfAnotherCustomer_Are404WithNoneOfTheirData()
    {
        var mine = await TestAccounts.CreateCustomerAsync(_app);
        var theirName = $"Zebulon{Guid.NewGuid():N}"[..20];
        var theirs = await TestAccounts.CreateCustomerAsync(_app, theirName);
        var user = await TestAccounts.CreatePortalUserAsync(_app, mine.Id);
        var estimate = await DocumentData.SentEstimateAsync(_app, theirs.Id, title: "Secret rooftop project");
        var invoice = await DocumentData.SentInvoiceAsync(_app, theirs.Id, title: "Secret rooftop invoice");
        var payment = await DocumentData.PaymentAsync(_app, theirs.Id, invoice.Id, 20m);
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, user.Email);

        foreach (var path in new[]
                 {
                     $"portal/estimates/{estimate.Id}/pdf", $"portal/estimates/{estimate.Id}/pdf?download=1",
                     $"portal/invoices/{invoice.Id}/pdf", $"portal/payments/{payment}/receipt.pdf",
                 })
        {
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(theirName, body);
            Assert.DoesNotContain("Secret rooftop", body);
            Assert.DoesNotContain(estimate.Number, body);
            Assert.DoesNotContain(invoice.Number, body);
        }
    }

    [Fact]
    public async Task StaffPdf_OfAnyCustomer_IsServedToStaffButNotToPortalUsers()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var invoice = await DocumentData.SentInvoiceAsync(_app, customer.Id);
        using var staffClient = _app.CreateHttpClient();
        using var portalClient = _app.CreateHttpClient();
        using var anonymous = _app.CreateHttpClient();
        await SignIn.StaffAsync(staffClient, staff.Email);
        await SignIn.PortalAsync(portalClient, user.Email);

        var asStaff = await staffClient.GetAsync($"staff/invoices/{invoice.Id}/pdf");
        var asPortalUser = await portalClient.GetAsync($"staff/invoices/{invoice.Id}/pdf");
        var signedOut = await anonymous.GetAsync($"portal/invoices/{invoice.Id}/pdf");

        Assert.Equal(HttpStatusCode.OK, asStaff.StatusCode);
        Assert.Equal("application/pdf", asStaff.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, asPortalUser.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/portal/login", Redirects.LocationPath(signedOut));
    }

    [Fact]
    public async Task StaffPdf_OfMissingDocument_Is404()
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        using var client = _app.CreateHttpClient();
        await SignIn.StaffAsync(client, staff.Email);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("staff/estimates/987654/pdf")).StatusCode);
    }
}
