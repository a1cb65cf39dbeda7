using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Jobs;

public sealed class JobServiceTests : IAsyncLifetime
{
    private CoreServices _core = null!;
    private JobService Jobs => _core.Get<JobService>();

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task CreateAsync_NumbersJobAndTakesCustomersAddress()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        customer.AddServiceAddress("Home", new("9 Elm Rd", "", "Dayton", "OH", "45402"), "");
        await db.SaveChangesAsync();

        var created = await Jobs.CreateAsync(CoreServices.Staff, new JobInput(customer.Id, "Install heat pump", "", Address.Empty, null, ""), default);

        var job = (await Jobs.GetAsync(CoreServices.Staff, created.Value, default)).Value!;
        Assert.Equal("JOB-1001", job.Number);
        Assert.Equal("9 Elm Rd", job.ServiceAddress.Line1);
        Assert.Equal(JobStatus.Unscheduled, job.Status);
    }

    [Fact]
    public async Task CreateAsync_WithoutTitle_IsInvalid()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);

        var result = await Jobs.CreateAsync(CoreServices.Staff, new JobInput(customer.Id, "  ", "", Address.Empty, null, ""), default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.True(result.Errors.ContainsKey("Title"));
    }

    [Fact]
    public async Task ScheduleVisitAsync_StoresCompanyLocalTimeAsUtcAndSchedulesJob()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var job = await TestRecords.JobAsync(db, customer.Id);

        var visit = await Jobs.ScheduleVisitAsync(CoreServices.Staff, job.Id,
            new VisitInput(new DateTime(2026, 3, 12, 9, 0, 0), new DateTime(2026, 3, 12, 11, 30, 0), "Alex Tech"), default);

        Assert.True(visit.Succeeded, visit.Message);
        await using var check = await _core.DbAsync();
        var saved = await check.Visits.SingleAsync(v => v.Id == visit.Value);
        Assert.Equal(new DateTime(2026, 3, 12, 13, 0, 0, DateTimeKind.Utc), saved.ScheduledStartUtc); // New York is on daylight time (UTC-4)
        var detail = (await Jobs.GetAsync(CoreServices.Staff, job.Id, default)).Value!;
        Assert.Equal(JobStatus.Scheduled, detail.Status);
        Assert.Equal(new DateTime(2026, 3, 12, 9, 0, 0), Assert.Single(detail.Visits).StartLocal);
    }

    [Fact]
    public async Task ScheduleVisitAsync_EndingBeforeStart_IsInvalid()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var job = await TestRecords.JobAsync(db, customer.Id);

        var result = await Jobs.ScheduleVisitAsync(CoreServices.Staff, job.Id,
            new VisitInput(new DateTime(2026, 3, 12, 9, 0, 0), new DateTime(2026, 3, 12, 8, 0, 0), "Alex"), default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
    }

    [Fact]
    public async Task RescheduleAndCancelVisit_ChangeTheVisit()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var job = await TestRecords.JobAsync(db, customer.Id, visitStartUtc: new DateTime(2026, 3, 20, 14, 0, 0, DateTimeKind.Utc));
        var visitId = job.Visits.Single().Id;

        var moved = await Jobs.RescheduleVisitAsync(CoreServices.Staff, visitId,
            new VisitInput(new DateTime(2026, 3, 21, 8, 0, 0), new DateTime(2026, 3, 21, 10, 0, 0), "Jordan Tech"), default);
        var cancelled = await Jobs.CancelVisitAsync(CoreServices.Staff, visitId, default);

        Assert.True(moved.Succeeded && cancelled.Succeeded);
        var visit = Assert.Single((await Jobs.GetAsync(CoreServices.Staff, job.Id, default)).Value!.Visits);
        Assert.Equal(("Jordan Tech", VisitStatus.Cancelled, new DateTime(2026, 3, 21, 8, 0, 0)), (visit.TechnicianName, visit.Status, visit.StartLocal));
    }

    [Fact]
    public async Task ChangeStatusAsync_CancelledJob_CannotBeReopened()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var job = await TestRecords.JobAsync(db, customer.Id);

        await Jobs.ChangeStatusAsync(CoreServices.Staff, job.Id, JobStatus.Cancelled, default);
        var reopen = await Jobs.ChangeStatusAsync(CoreServices.Staff, job.Id, JobStatus.InProgress, default);

        Assert.Equal(ResultKind.Conflict, reopen.Kind);
    }

    [Fact]
    public async Task ListAsync_FiltersAndPagesOnTheServer()
    {
        await using var db = await _core.DbAsync();
        var smith = await TestRecords.CustomerAsync(db, "Smith");
        var jones = await TestRecords.CustomerAsync(db, "Jones");
        for (var i = 0; i < 5; i++) await TestRecords.JobAsync(db, smith.Id, $"Gutter clean {i}");
        var inMarch = await TestRecords.JobAsync(db, jones.Id, "Boiler service", new DateTime(2026, 3, 15, 14, 0, 0, DateTimeKind.Utc));
        await TestRecords.JobAsync(db, jones.Id, "Boiler check", new DateTime(2026, 4, 15, 14, 0, 0, DateTimeKind.Utc));
        await Jobs.ChangeStatusAsync(CoreServices.Staff, inMarch.Id, JobStatus.InProgress, default);

        var page = (await Jobs.ListAsync(CoreServices.Staff, new JobListQuery { CustomerId = smith.Id, Page = new(1, 2) }, default)).Value!;
        var search = (await Jobs.ListAsync(CoreServices.Staff, new JobListQuery { Search = "boiler" }, default)).Value!;
        var byName = (await Jobs.ListAsync(CoreServices.Staff, new JobListQuery { Search = "jones" }, default)).Value!;
        var march = (await Jobs.ListAsync(CoreServices.Staff, new JobListQuery { From = new(2026, 3, 1), To = new(2026, 3, 31) }, default)).Value!;
        var inProgress = (await Jobs.ListAsync(CoreServices.Staff, new JobListQuery { Status = JobStatus.InProgress }, default)).Value!;

        Assert.Equal(5, page.TotalCount);
        Assert.Equal(["Gutter clean 2", "Gutter clean 1"], page.Items.Select(j => j.Title));
        Assert.Equal(2, search.TotalCount);
        Assert.Equal(2, byName.TotalCount);
        Assert.Equal([inMarch.Id], march.Items.Select(j => j.Id));
        Assert.Equal(new DateTime(2026, 3, 15, 10, 0, 0), march.Items[0].NextVisitLocal);
        Assert.Equal([inMarch.Id], inProgress.Items.Select(j => j.Id));
    }

    [Fact]
    public async Task ListAsync_ByPortalUser_IsForbidden()
    {
        var result = await Jobs.ListAsync(TestActors.Customer(1), new JobListQuery(), default);

        Assert.Equal(ResultKind.Forbidden, result.Kind);
    }

    [Fact]
    public async Task PortalListAsync_SplitsOpenJobsFromFinishedOnesAndShowsOwnOnly()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var upcoming = await TestRecords.JobAsync(db, customer.Id, "Upcoming", new DateTime(2026, 3, 20, 14, 0, 0, DateTimeKind.Utc));
        var done = await TestRecords.JobAsync(db, customer.Id, "Done");
        await Jobs.ChangeStatusAsync(CoreServices.Staff, done.Id, JobStatus.Completed, default);
        var other = await TestRecords.CustomerAsync(db, "Other");
        await TestRecords.JobAsync(db, other.Id, "Not theirs");

        var lists = (await Jobs.PortalListAsync(TestActors.Customer(customer.Id), default)).Value!;

        var open = Assert.Single(lists.Open);
        Assert.Equal((upcoming.Id, new DateTime(2026, 3, 20, 10, 0, 0)), (open.Id, open.NextVisitStartLocal!.Value));
        Assert.Equal([done.Id], lists.Finished.Select(j => j.Id));
    }

    [Fact]
    public async Task PortalGetAsync_AnotherCustomersJobOrHiddenModule_IsNotFound()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var other = await TestRecords.CustomerAsync(db, "Other");
        var job = await TestRecords.JobAsync(db, customer.Id);

        Assert.Equal(ResultKind.NotFound, (await Jobs.PortalGetAsync(TestActors.Customer(other.Id), job.Id, default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await Jobs.PortalGetAsync(TestActors.Customer(customer.Id, PortalModules.All & ~PortalModules.Jobs), job.Id, default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await Jobs.PortalListAsync(TestActors.Customer(customer.Id, PortalModules.Projects), default)).Kind);
        Assert.True((await Jobs.PortalGetAsync(TestActors.Customer(customer.Id), job.Id, default)).Succeeded);
    }

    [Fact]
    public async Task PortalGetAsync_ShowsOnlySharedFilesAndPicturesWithVisits()
    {
        var (customerId, jobId, visitId) = await JobWithFilesAsync();

        var job = (await Jobs.PortalGetAsync(TestActors.Customer(customerId), jobId, default)).Value!;

        Assert.Equal(["report.pdf"], job.Attachments.Select(a => a.FileName));
        Assert.Equal(["photo.jpg"], Assert.Single(job.Visits, v => v.Id == visitId).Attachments.Select(a => a.FileName));
        Assert.DoesNotContain(job.Attachments, a => a.FileName == "hidden.jpg");
    }

    [Fact]
    public async Task PortalGetAsync_CompanyHidesPicturesOnJobs_ShowsDocumentsOnly()
    {
        var (customerId, jobId, _) = await JobWithFilesAsync();
        await _core.UpdateCompanyAsync(c => c.ChangeJobSharing(showPictures: false, c.ShowDocumentsOnJobs, c.ShowPricesOnJobs));

        var job = (await Jobs.PortalGetAsync(TestActors.Customer(customerId), jobId, default)).Value!;

        Assert.All(job.Attachments, a => Assert.Equal(AttachmentKind.File, a.Kind));
        Assert.Single(job.Attachments);
        Assert.All(job.Visits, v => Assert.Empty(v.Attachments));
    }

    [Fact]
    public async Task PortalGetAsync_CompanyHidesDocumentsOnJobs_ShowsPicturesOnly()
    {
        var (customerId, jobId, _) = await JobWithFilesAsync();
        await _core.UpdateCompanyAsync(c => c.ChangeJobSharing(c.ShowPicturesOnJobs, showDocuments: false, c.ShowPricesOnJobs));

        var job = (await Jobs.PortalGetAsync(TestActors.Customer(customerId), jobId, default)).Value!;

        Assert.Empty(job.Attachments);
        Assert.Equal(["photo.jpg"], job.Visits.SelectMany(v => v.Attachments).Select(a => a.FileName));
    }

    [Fact]
    public async Task PortalGetAsync_CompanyHidesPricesOnJobs_LeavesAmountsOut()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var job = await TestRecords.JobAsync(db, customer.Id);
        await TestRecords.SentInvoiceAsync(db, customer.Id, 480m, jobId: job.Id);
        await TestRecords.DraftInvoiceAsync(db, customer.Id, 999m, jobId: job.Id);

        var withPrices = (await Jobs.PortalGetAsync(TestActors.Customer(customer.Id), job.Id, default)).Value!;
        await _core.UpdateCompanyAsync(c => c.ChangeJobSharing(c.ShowPicturesOnJobs, c.ShowDocumentsOnJobs, showPrices: false));
        var withoutPrices = (await Jobs.PortalGetAsync(TestActors.Customer(customer.Id), job.Id, default)).Value!;

        Assert.Equal(480m, Assert.Single(withPrices.Documents).Total);
        Assert.Null(Assert.Single(withoutPrices.Documents).Total);
        Assert.False(withoutPrices.ShowsPrices);
    }

    private async Task<(int CustomerId, int JobId, int VisitId)> JobWithFilesAsync()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var job = await TestRecords.JobAsync(db, customer.Id, visitStartUtc: new DateTime(2026, 3, 20, 14, 0, 0, DateTimeKind.Utc));
        var visitId = job.Visits.Single().Id;
        var attachments = _core.Get<AttachmentService>();
        async Task Upload(AttachmentOwner owner, byte[] bytes, string name, bool visible)
        {
            using var stream = new MemoryStream(bytes);
            var result = await attachments.UploadAsync(CoreServices.Staff, owner, stream, name, "", new UploadSettings(visible), default);
            Assert.True(result.Succeeded, result.Message);
        }
        await Upload(new(AttachmentOwnerKind.Visit, visitId), TestImages.Jpeg(40, 30), "photo.jpg", true);
        await Upload(new(AttachmentOwnerKind.Job, job.Id), "%PDF-1.4\n"u8.ToArray(), "report.pdf", true);
        await Upload(new(AttachmentOwnerKind.Job, job.Id), TestImages.Jpeg(40, 30), "hidden.jpg", false);
        return (customer.Id, job.Id, visitId);
    }
}
