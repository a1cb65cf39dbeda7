using System.Net;
using CustomerPortal.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Documents;

[Collection(WebAppCollection.Name)]
public sealed class DocumentPageTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task PortalPages_OfOwnDocuments_ShowThem()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var estimate = await DocumentData.SentEstimateAsync(_app, customer.Id);
        var invoice = await DocumentData.SentInvoiceAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, user.Email);

        var estimatePage = await client.GetAsync($"portal/estimates/{estimate.Id}");
        var invoicePage = await client.GetAsync($"portal/invoices/{invoice.Id}");

        Assert.Equal(HttpStatusCode.OK, estimatePage.StatusCode);
        Assert.Contains($"Estimate {estimate.Number}", await estimatePage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, invoicePage.StatusCode);
        Assert.Contains($"Invoice {invoice.Number}", await invoicePage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StaffPages_OfEstimateAndInvoice_OfferFilesAndPictures()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var estimate = await DocumentData.SentEstimateAsync(_app, customer.Id);
        var invoice = await DocumentData.SentInvoiceAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        await SignIn.StaffAsync(client, staff.Email);

        foreach (var path in new[] { $"staff/estimates/{estimate.Id}", $"staff/invoices/{invoice.Id}" })
        {
            var body = await client.GetStringAsync(path);

            Assert.Contains("data-testid=\"attachments\"", body);
            Assert.Contains("Files and pictures", body);
        }
    }

    [Fact]
    public async Task PortalPages_OfAnotherCustomersDocuments_Are404WithNoneOfTheirData()
    {
        var mine = await TestAccounts.CreateCustomerAsync(_app);
        var theirs = await TestAccounts.CreateCustomerAsync(_app, "Otherfamily");
        var user = await TestAccounts.CreatePortalUserAsync(_app, mine.Id);
        var estimate = await DocumentData.SentEstimateAsync(_app, theirs.Id, title: "Their private loft conversion");
        var invoice = await DocumentData.SentInvoiceAsync(_app, theirs.Id, title: "Their private invoice");
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, user.Email);

        foreach (var path in new[] { $"portal/estimates/{estimate.Id}", $"portal/invoices/{invoice.Id}" })
        {
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Their private", body);
            Assert.DoesNotContain(estimate.Number, body);
            Assert.DoesNotContain(invoice.Number, body);
            Assert.DoesNotContain("Otherfamily", body);
        }
    }

    [Fact]
    public async Task PortalPages_OfAHiddenModule_Are404()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        await using (var db = await _app.CreateDbContextAsync())
        {
            var row = await db.Customers.SingleAsync(c => c.Id == customer.Id);
            row.ChangeModules(PortalModules.All & ~PortalModules.Estimates & ~PortalModules.Invoices);
            await db.SaveChangesAsync();
        }
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var estimate = await DocumentData.SentEstimateAsync(_app, customer.Id);
        var invoice = await DocumentData.SentInvoiceAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, user.Email);

        foreach (var path in new[]
                 {
                     "portal/estimates", $"portal/estimates/{estimate.Id}", $"portal/estimates/{estimate.Id}/pdf",
                     "portal/invoices", $"portal/invoices/{invoice.Id}", $"portal/invoices/{invoice.Id}/pdf",
                 })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.DoesNotContain(estimate.Number, await response.Content.ReadAsStringAsync());
        }
    }
}
