using System.Net;
using System.Text;

namespace CustomerPortal.Tests.Exports;

/// <summary>The export endpoint through the real app: staff get the filtered file; a portal user and a stranger get nothing.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ExportEndpointTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task InvoicesExport_ForStaff_IsAnAttachmentWithOnlyTheFilteredRows()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app, $"Exp{Guid.NewGuid():N}"[..14]);
        var other = await TestAccounts.CreateCustomerAsync(_app, $"Exp{Guid.NewGuid():N}"[..14]);
        var boiler = await DocumentData.SentInvoiceAsync(_app, customer.Id, "Boiler service");
        var gutters = await DocumentData.SentInvoiceAsync(_app, customer.Id, "Gutter clean");
        var elsewhere = await DocumentData.SentInvoiceAsync(_app, other.Id, "Boiler service");
        var staff = await TestAccounts.CreateStaffAsync(_app);
        using var client = _app.CreateHttpClient();
        await SignIn.StaffAsync(client, staff.Email);

        var response = await client.GetAsync($"staff/export/invoices.csv?customerId={customer.Id}&search=boiler");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^invoices-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var csv = CsvFile.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal([boiler.Number], csv.Column("Number"));
        Assert.DoesNotContain(gutters.Number, csv.Column("Number"));
        Assert.DoesNotContain(elsewhere.Number, csv.Column("Number"));
    }

    [Fact]
    public async Task EveryListsExport_OpensForStaff()
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        using var client = _app.CreateHttpClient();
        await SignIn.StaffAsync(client, staff.Email);

        foreach (var list in new[] { "customers", "jobs", "projects", "estimates", "invoices", "payments", "requests", "reviews" })
        {
            var response = await client.GetAsync($"staff/export/{list}.csv");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{list}: {response.StatusCode}");
            var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
            Assert.StartsWith("\uFEFF", text);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("staff/export/staffusers.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("staff/export/invoices.csv?status=Bogus")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("staff/export/invoices.csv?status=99")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("staff/export/jobs.csv?from=03/01/2026")).StatusCode);
    }

    [Fact]
    public async Task Exports_AreNotReachable_ByAPortalUserOrAStranger()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app, $"Exp{Guid.NewGuid():N}"[..14]);
        await DocumentData.SentInvoiceAsync(_app, customer.Id, "Boiler service");
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var portal = _app.CreateHttpClient();
        await SignIn.PortalAsync(portal, user.Email);
        using var stranger = _app.CreateHttpClient();

        foreach (var list in new[] { "customers", "jobs", "projects", "estimates", "invoices", "payments", "requests", "reviews" })
        {
            foreach (var client in new[] { portal, stranger })
            {
                var response = await client.GetAsync($"staff/export/{list}.csv?customerId={customer.Id}");
                Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
                Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized });
                if (response.StatusCode == HttpStatusCode.Redirect)
                    Assert.Matches("/account/(login|access-denied)", response.Headers.Location?.OriginalString ?? "");
            }
        }
    }
}
