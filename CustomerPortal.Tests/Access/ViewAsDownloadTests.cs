using System.Net;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Web.Staff.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Access;

/// <summary>
/// Downloads use the same actor as the page: a staff member viewing a customer's portal gets that customer's view of
/// files and PDFs (no drafts, no staff-only files), and their own staff view again once they leave.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ViewAsDownloadTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;
    private static readonly Actor Uploader = Actor.Staff(1, "Sam Staff", StaffRole.Staff);

    private sealed record Documents(int DraftInvoiceId, int SentInvoiceId, int DraftFileId, int SharedFileId, int StaffOnlyFileId, int CustomerId);

    private async Task<Documents> DocumentsAsync()
    {
        await using var db = await _app.CreateDbContextAsync();
        var customer = await TestRecords.CustomerAsync(db, "Viewasdownloads");
        var draft = await TestRecords.DraftInvoiceAsync(db, customer.Id, 120m);
        var sent = await TestRecords.SentInvoiceAsync(db, customer.Id, 80m);
        var attachments = _app.Services.GetRequiredService<AttachmentService>();

        async Task<int> UploadAsync(int invoiceId, bool shared)
        {
            using var stream = new MemoryStream("%PDF-1.4\n% attachment\n"u8.ToArray());
            var uploaded = await attachments.UploadAsync(Uploader, new AttachmentOwner(AttachmentOwnerKind.Invoice, invoiceId), stream, "spec.pdf", "",
                new UploadSettings(VisibleToCustomer: shared), default);
            return uploaded.Value?.Id ?? throw new InvalidOperationException(uploaded.Message);
        }

        return new Documents(draft.Id, sent.Id, await UploadAsync(draft.Id, shared: true), await UploadAsync(sent.Id, shared: true),
            await UploadAsync(sent.Id, shared: false), customer.Id);
    }

    private async Task<HttpClient> StaffClientAsync()
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.StaffAsync(client, staff.Email)).StatusCode);
        return client;
    }

    private static async Task StartViewAsAsync(HttpClient client, int customerId)
    {
        var start = await PortalAdminKit.PostWithTokenAsync(client, ViewAsCustomerEndpoints.StartPath(customerId).TrimStart('/'),
            await PortalAdminKit.AntiforgeryTokenAsync(client, "staff"));
        Assert.Equal("/portal", Redirects.LocationPath(start));
    }

    [Fact]
    public async Task ViewAs_FilesAndPortalPdfs_ServeOnlyWhatTheCustomerSees()
    {
        var documents = await DocumentsAsync();
        using var client = await StaffClientAsync();
        await StartViewAsAsync(client, documents.CustomerId);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"files/{documents.DraftFileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"files/{documents.DraftFileId}?download=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"files/{documents.StaffOnlyFileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"portal/invoices/{documents.DraftInvoiceId}/pdf")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"files/{documents.SharedFileId}")).StatusCode);
        var sentPdf = await client.GetAsync($"portal/invoices/{documents.SentInvoiceId}/pdf");
        Assert.Equal(HttpStatusCode.OK, sentPdf.StatusCode);
        Assert.Equal("application/pdf", sentPdf.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task StaffNotViewingAs_FilesAndStaffPdfs_ServeTheStaffView()
    {
        var documents = await DocumentsAsync();
        using var client = await StaffClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"files/{documents.DraftFileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"files/{documents.StaffOnlyFileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"staff/invoices/{documents.DraftInvoiceId}/pdf")).StatusCode);
        Assert.Equal("/account/access-denied", Redirects.LocationPath(await client.GetAsync($"portal/invoices/{documents.SentInvoiceId}/pdf")));
    }

    [Fact]
    public async Task PortalUser_DraftInvoiceFileAndPdf_AreNotFound()
    {
        var documents = await DocumentsAsync();
        var user = await TestAccounts.CreatePortalUserAsync(_app, documents.CustomerId);
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, user.Email);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"files/{documents.DraftFileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"portal/invoices/{documents.DraftInvoiceId}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"files/{documents.SharedFileId}")).StatusCode);
        Assert.Equal("/account/access-denied", Redirects.LocationPath(await client.GetAsync($"staff/invoices/{documents.SentInvoiceId}/pdf")));
    }
}
