using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Attachments;

public sealed class AttachmentVisibilityTests : IAsyncLifetime
{
    private CoreServices _core = null!;
    private AttachmentService Attachments => _core.Get<AttachmentService>();

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Open_SharedPictureOnOwnJob_IsServedToPortalUser()
    {
        var (customerId, jobId) = await CustomerWithJobAsync();
        var picture = await UploadAsync(new(AttachmentOwnerKind.Job, jobId), visible: true);

        Assert.True((await Attachments.OpenAsync(TestActors.Customer(customerId), picture, false, default)).Succeeded);
        Assert.True((await Attachments.OpenAsync(TestActors.Customer(customerId), picture, true, default)).Succeeded);
    }

    [Fact]
    public async Task Open_StaffOnlyAttachment_IsNotFoundForPortalUserButServedToStaff()
    {
        var (customerId, jobId) = await CustomerWithJobAsync();
        var picture = await UploadAsync(new(AttachmentOwnerKind.Job, jobId), visible: false);

        Assert.Equal(ResultKind.NotFound, (await Attachments.OpenAsync(TestActors.Customer(customerId), picture, false, default)).Kind);
        Assert.True((await Attachments.OpenAsync(CoreServices.Staff, picture, false, default)).Succeeded);
    }

    [Fact]
    public async Task Open_AnotherCustomersSharedAttachment_IsNotFound()
    {
        var (_, jobId) = await CustomerWithJobAsync();
        var (otherCustomerId, _) = await CustomerWithJobAsync();
        var picture = await UploadAsync(new(AttachmentOwnerKind.Job, jobId), visible: true);

        var result = await Attachments.OpenAsync(TestActors.Customer(otherCustomerId), picture, false, default);

        Assert.Equal(ResultKind.NotFound, result.Kind);
    }

    [Fact]
    public async Task Open_SharedAttachmentOnDraftEstimate_IsNotFoundUntilEstimateIsSent()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var estimate = await TestRecords.EstimateAsync(db, customer.Id, 500m, send: false);
        var picture = await UploadAsync(new(AttachmentOwnerKind.Estimate, estimate.Id), visible: true);

        var whileDraft = await Attachments.OpenAsync(TestActors.Customer(customer.Id), picture, false, default);
        var tracked = await db.Estimates.SingleAsync(e => e.Id == estimate.Id);
        tracked.MarkSent(DateTime.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow));
        await db.SaveChangesAsync();
        var onceSent = await Attachments.OpenAsync(TestActors.Customer(customer.Id), picture, false, default);

        Assert.Equal(ResultKind.NotFound, whileDraft.Kind);
        Assert.True(onceSent.Succeeded);
    }

    [Fact]
    public async Task Open_SharedFileOnDraftInvoice_IsNotFound()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var invoice = await TestRecords.DraftInvoiceAsync(db, customer.Id, 90m);
        var file = await UploadAsync(new(AttachmentOwnerKind.Invoice, invoice.Id), visible: true, pdf: true);

        Assert.Equal(ResultKind.NotFound, (await Attachments.OpenAsync(TestActors.Customer(customer.Id), file, false, default)).Kind);
    }

    [Fact]
    public async Task Open_JobPictureWhenJobsModuleHidden_IsServedThroughPicturesModuleOnly()
    {
        var (customerId, jobId) = await CustomerWithJobAsync();
        var picture = await UploadAsync(new(AttachmentOwnerKind.Job, jobId), visible: true);
        var document = await UploadAsync(new(AttachmentOwnerKind.Job, jobId), visible: true, pdf: true);
        var picturesOnly = TestActors.Customer(customerId, PortalModules.Pictures);
        var neither = TestActors.Customer(customerId, PortalModules.Invoices);

        Assert.True((await Attachments.OpenAsync(picturesOnly, picture, false, default)).Succeeded);
        Assert.Equal(ResultKind.NotFound, (await Attachments.OpenAsync(picturesOnly, document, false, default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await Attachments.OpenAsync(neither, picture, false, default)).Kind);
    }

    [Fact]
    public async Task Open_DocumentOnJobWhenCompanyHidesDocumentsOnJobs_IsNotFound()
    {
        var (customerId, jobId) = await CustomerWithJobAsync();
        var document = await UploadAsync(new(AttachmentOwnerKind.Job, jobId), visible: true, pdf: true);
        await _core.UpdateCompanyAsync(c => c.ChangeJobSharing(c.ShowPicturesOnJobs, showDocuments: false, c.ShowPricesOnJobs));

        Assert.Equal(ResultKind.NotFound, (await Attachments.OpenAsync(TestActors.Customer(customerId), document, false, default)).Kind);
        Assert.True((await Attachments.OpenAsync(CoreServices.Staff, document, false, default)).Succeeded);
    }

    [Fact]
    public async Task List_ForPortalUser_ShowsOnlySharedAttachmentsOfVisibleRecord()
    {
        var (customerId, jobId) = await CustomerWithJobAsync();
        var shared = await UploadAsync(new(AttachmentOwnerKind.Job, jobId), visible: true);
        await UploadAsync(new(AttachmentOwnerKind.Job, jobId), visible: false);
        var (otherCustomerId, _) = await CustomerWithJobAsync();

        var own = await Attachments.ListAsync(TestActors.Customer(customerId), new(AttachmentOwnerKind.Job, jobId), default);
        var staff = await Attachments.ListAsync(CoreServices.Staff, new(AttachmentOwnerKind.Job, jobId), default);
        var other = await Attachments.ListAsync(TestActors.Customer(otherCustomerId), new(AttachmentOwnerKind.Job, jobId), default);

        Assert.Equal([shared], own.Value!.Select(a => a.Id));
        Assert.Equal(2, staff.Value!.Count);
        Assert.Equal(ResultKind.NotFound, other.Kind);
    }

    [Fact]
    public async Task PortalPictures_GroupsByJobAndVisitAndAddsSentDocuments()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var job = await TestRecords.JobAsync(db, customer.Id, "Roof repair", new DateTime(2026, 2, 1, 14, 0, 0, DateTimeKind.Utc));
        var visitId = job.Visits.Single().Id;
        var onJob = await UploadAsync(new(AttachmentOwnerKind.Job, job.Id), visible: true);
        var before = await UploadAsync(new(AttachmentOwnerKind.Visit, visitId), visible: true, tag: PictureTag.Before);
        var after = await UploadAsync(new(AttachmentOwnerKind.Visit, visitId), visible: true, tag: PictureTag.After);
        await UploadAsync(new(AttachmentOwnerKind.Visit, visitId), visible: false);
        var sent = await TestRecords.EstimateAsync(db, customer.Id, 100m);
        var draft = await TestRecords.EstimateAsync(db, customer.Id, 100m, send: false);
        var onEstimate = await UploadAsync(new(AttachmentOwnerKind.Estimate, sent.Id), visible: true);
        await UploadAsync(new(AttachmentOwnerKind.Estimate, draft.Id), visible: true);
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 100m);
        var onInvoice = await UploadAsync(new(AttachmentOwnerKind.Invoice, invoice.Id), visible: true);

        var gallery = (await Attachments.PortalPicturesAsync(TestActors.Customer(customer.Id), default)).Value!;

        var jobGroup = Assert.Single(gallery.Jobs);
        Assert.Equal([onJob], jobGroup.Pictures.Select(p => p.Id));
        var visitGroup = Assert.Single(jobGroup.Visits);
        Assert.Equal([before, after], visitGroup.Pictures.Select(p => p.Id));
        Assert.Equal([PictureTag.Before, PictureTag.After], visitGroup.Pictures.Select(p => p.Tag));
        Assert.Equal([onEstimate, onInvoice], gallery.Documents.SelectMany(d => d.Pictures).Select(p => p.Id).Order());
        Assert.Contains(gallery.Documents, d => d.Link == $"/portal/estimates/{sent.Id}");
    }

    [Fact]
    public async Task PortalPictures_WithPicturesModuleHidden_IsNotFound()
    {
        var (customerId, _) = await CustomerWithJobAsync();

        var result = await Attachments.PortalPicturesAsync(TestActors.Customer(customerId, PortalModules.All & ~PortalModules.Pictures), default);

        Assert.Equal(ResultKind.NotFound, result.Kind);
    }

    [Fact]
    public async Task StaffChanges_TagVisibilityAndCaption_AreSaved()
    {
        var (customerId, jobId) = await CustomerWithJobAsync();
        var picture = await UploadAsync(new(AttachmentOwnerKind.Job, jobId), visible: false);
        var document = await UploadAsync(new(AttachmentOwnerKind.Job, jobId), visible: false, pdf: true);

        await Attachments.SetTagAsync(CoreServices.Staff, picture, PictureTag.After, default);
        await Attachments.SetVisibleToCustomerAsync(CoreServices.Staff, picture, true, default);
        await Attachments.SetCaptionAsync(CoreServices.Staff, picture, "  New boiler in place  ", default);
        var tagOnFile = await Attachments.SetTagAsync(CoreServices.Staff, document, PictureTag.Before, default);
        var byCustomer = await Attachments.SetVisibleToCustomerAsync(TestActors.Customer(customerId), document, true, default);

        var view = Assert.Single((await Attachments.ListAsync(TestActors.Customer(customerId), new(AttachmentOwnerKind.Job, jobId), default)).Value!);
        Assert.Equal((PictureTag.After, "New boiler in place"), (view.Tag, view.Caption));
        Assert.Equal(ResultKind.Invalid, tagOnFile.Kind);
        Assert.Equal(ResultKind.Forbidden, byCustomer.Kind);
    }

    private async Task<(int CustomerId, int JobId)> CustomerWithJobAsync()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var job = await TestRecords.JobAsync(db, customer.Id);
        return (customer.Id, job.Id);
    }

    private async Task<int> UploadAsync(AttachmentOwner owner, bool visible, PictureTag tag = PictureTag.None, bool pdf = false)
    {
        using var stream = new MemoryStream(pdf ? "%PDF-1.4\n"u8.ToArray() : TestImages.Jpeg(64, 48));
        var result = await Attachments.UploadAsync(CoreServices.Staff, owner, stream, pdf ? "report.pdf" : "photo.jpg",
            pdf ? "application/pdf" : "image/jpeg", new UploadSettings(visible, tag), default);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!.Id;
    }
}
