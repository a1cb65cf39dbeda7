using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Requests;
using CustomerPortal.Tests.Messaging;
using CustomerPortal.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Requests;

public sealed class RequestDecisionServiceTests : IAsyncLifetime
{
    private MessagingKit _kit = null!;
    private CoreServices Core => _kit.Core;
    private RequestDecisionService Requests => Core.Get<RequestDecisionService>();
    private AttachmentService Attachments => Core.Get<AttachmentService>();
    private static readonly Actor Staff = CoreServices.Staff;

    public async Task InitializeAsync() => _kit = await MessagingKit.StartAsync();

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    private async Task<ServiceRequest> RequestAsync(string title = "Kitchen sink leaking", int? customerId = null, string lastName = "Martinez")
    {
        await using var db = await Core.DbAsync();
        customerId ??= (await TestRecords.CustomerAsync(db, lastName)).Id;
        return await TestRecords.ServiceRequestAsync(db, customerId.Value, title);
    }

    [Fact]
    public async Task ConvertToJob_KeepsPhotosAndAddressAndMarksTheRequestConverted()
    {
        var request = await RequestAsync();
        var photos = await TestRecords.RequestPhotosAsync(Attachments, request, 2);

        var converted = await Requests.ConvertToJobAsync(Staff, request.Id, default);

        Assert.True(converted.Succeeded, converted.Message);
        var job = (await Core.Get<JobService>().GetAsync(Staff, converted.Value, default)).Value!;
        Assert.Equal("Kitchen sink leaking", job.Title);
        Assert.Equal("10 Oak Lane", job.ServiceAddress.Line1);
        Assert.Equal("Springfield", job.ServiceAddress.City);
        Assert.Contains(request.Number, job.InternalNotes);
        Assert.Contains("Mar 20, 2026, Morning (8–12)", job.InternalNotes);
        var onJob = (await Attachments.ListAsync(Staff, new AttachmentOwner(AttachmentOwnerKind.Job, job.Id), default)).Value!;
        Assert.Equal(photos.Select(p => p.FileName), onJob.Select(p => p.FileName));
        Assert.All(onJob, p => Assert.True(p.IsPicture && p.VisibleToCustomer));
        await AssertSameBytesAsync(photos[0].Id, onJob[0].Id);
        // The request keeps its own photos: the files were copied, not moved.
        Assert.Equal(2, (await Attachments.ListAsync(Staff, new AttachmentOwner(AttachmentOwnerKind.ServiceRequest, request.Id), default)).Value!.Count);

        var detail = (await Requests.GetAsync(Staff, request.Id, default)).Value!;
        Assert.Equal(ServiceRequestStatus.Converted, detail.Status);
        Assert.Equal(job.Id, detail.JobId);
        Assert.Equal(job.Number, detail.JobNumber);
        Assert.Equal(Staff.Name, detail.DecidedBy);
    }

    [Fact]
    public async Task ConvertToEstimate_MakesADraftWithThePhotosAndTheAddressInItsNotes()
    {
        var request = await RequestAsync("Replace water heater");
        var photos = await TestRecords.RequestPhotosAsync(Attachments, request, 3);

        var converted = await Requests.ConvertToEstimateAsync(Staff, request.Id, default);

        Assert.True(converted.Succeeded, converted.Message);
        var estimate = (await Core.Get<EstimateService>().GetAsync(Staff, converted.Value, default)).Value!;
        Assert.Equal(EstimateStatus.Draft, estimate.Status);
        Assert.Equal(request.CustomerId, estimate.CustomerId);
        Assert.Equal("Replace water heater", estimate.Title);
        Assert.Equal("Replace water heater", Assert.Single(estimate.Lines).Description);
        Assert.Contains("Service address: 10 Oak Lane, Unit 2, Springfield, IL 62704", estimate.InternalNotes);
        Assert.Contains("Please look at it: replace water heater.", estimate.InternalNotes);
        var onEstimate = (await Attachments.ListAsync(Staff, new AttachmentOwner(AttachmentOwnerKind.Estimate, estimate.Id), default)).Value!;
        Assert.Equal(photos.Select(p => p.FileName), onEstimate.Select(p => p.FileName));
        await AssertSameBytesAsync(photos[2].Id, onEstimate[2].Id);

        var detail = (await Requests.GetAsync(Staff, request.Id, default)).Value!;
        Assert.Equal(ServiceRequestStatus.Converted, detail.Status);
        Assert.Equal(estimate.Id, detail.EstimateId);
        Assert.Null(detail.JobId);
    }

    [Fact]
    public async Task Convert_ASecondTime_IsRefusedAsAlreadyConvertedAndMakesNothing()
    {
        var request = await RequestAsync();
        Assert.True((await Requests.ConvertToEstimateAsync(Staff, request.Id, default)).Succeeded);

        var asJob = await Requests.ConvertToJobAsync(Staff, request.Id, default);
        var asEstimate = await Requests.ConvertToEstimateAsync(Staff, request.Id, default);

        Assert.Equal(ResultKind.Conflict, asJob.Kind);
        Assert.Equal("This request was already turned into an estimate.", asJob.Message);
        Assert.Equal(ResultKind.Conflict, asEstimate.Kind);
        await using var db = await Core.DbAsync();
        Assert.Equal(0, await db.Jobs.CountAsync());
        Assert.Equal(1, await db.Estimates.CountAsync());
    }

    [Fact]
    public async Task Convert_ByTwoStaffAtOnce_OneWinsAndTheOtherLeavesNoStrayRecord()
    {
        var request = await RequestAsync();
        await TestRecords.RequestPhotosAsync(Attachments, request, 1);

        var results = await Task.WhenAll(
            Task.Run(() => Requests.ConvertToJobAsync(Staff, request.Id, default)),
            Task.Run(() => Requests.ConvertToJobAsync(CoreServices.Admin, request.Id, default)));

        Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(ResultKind.Conflict, loser.Kind);
        Assert.Contains("already turned into a job", loser.Message);
        await using var db = await Core.DbAsync();
        var job = await db.Jobs.SingleAsync();
        Assert.Equal(job.Id, (await db.ServiceRequests.SingleAsync()).JobId);
        Assert.Equal(1, await db.Attachments.CountAsync(a => a.JobId != null));
        // The request's photo and thumbnail, and one copy of each: a losing attempt's copies were removed.
        Assert.Equal(4, Directory.GetFiles(Core.Get<CustomerPortal.Core.Data.DataPaths>().FilesFolder).Length);
    }

    [Fact]
    public async Task Convert_WhenSomeoneDecidesTheRequestMeanwhile_RemovesTheNewJobAndCopiedPhotos()
    {
        var publisher = new HookPublisher();
        await using var kit = await MessagingKit.StartAsync(services: s => s.AddSingleton<ILiveEventPublisher>(publisher));
        ServiceRequest request;
        await using (var db = await kit.Core.DbAsync())
            request = await TestRecords.ServiceRequestAsync(db, (await TestRecords.CustomerAsync(db)).Id);
        await TestRecords.RequestPhotosAsync(kit.Core.Get<AttachmentService>(), request, 2);
        // The job exists (its event is out) but the request is not yet marked: another staff member declines it now.
        publisher.Hook = async e =>
        {
            if (e is not JobChanged) return;
            await using var other = await kit.Core.DbAsync();
            var same = await other.ServiceRequests.SingleAsync();
            same.Decline("Not our kind of work.", "Ada Admin", kit.Core.Clock.Now.UtcDateTime);
            await other.SaveChangesAsync();
        };

        var converted = await kit.Core.Get<RequestDecisionService>().ConvertToJobAsync(Staff, request.Id, default);

        Assert.Equal(ResultKind.Conflict, converted.Kind);
        Assert.Equal("This request was already declined.", converted.Message);
        await using var check = await kit.Core.DbAsync();
        Assert.Equal(0, await check.Jobs.CountAsync());
        Assert.Equal(2, await check.Attachments.CountAsync());
        Assert.Equal(4, Directory.GetFiles(kit.Core.Get<CustomerPortal.Core.Data.DataPaths>().FilesFolder).Length);
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.Action == "request.conversion-undone"));
        Assert.DoesNotContain(publisher.Events, e => e is ServiceRequestChanged);
    }

    [Fact]
    public async Task Decline_WithoutAMessage_IsInvalidAndLeavesTheRequestOpen()
    {
        var request = await RequestAsync();

        var declined = await Requests.DeclineAsync(Staff, request.Id, "   ", default);

        Assert.Equal(ResultKind.Invalid, declined.Kind);
        Assert.True(declined.Errors.ContainsKey("DeclineReason"));
        await using var db = await Core.DbAsync();
        Assert.Equal(ServiceRequestStatus.New, (await db.ServiceRequests.SingleAsync()).Status);
    }

    [Fact]
    public async Task Decline_PostsTheMessageInTheRequestThreadWhereTheCustomerReadsIt()
    {
        var staff = await _kit.StaffAsync("Dana Dispatcher");
        var customer = await _kit.CustomerAsync();
        var portalUser = await _kit.PortalUserAsync(customer.Id);
        var request = await RequestAsync(customerId: customer.Id);

        var declined = await Requests.DeclineAsync(staff, request.Id, "Sorry, we do not work on commercial plumbing.", default);

        Assert.True(declined.Succeeded, declined.Message);
        Assert.Contains("your message is in its conversation", declined.Message);
        var thread = await _kit.Messaging.GetThreadForSubjectAsync(portalUser, ThreadSubject.Request, request.Id, default);
        Assert.True(thread.Succeeded, thread.Message);
        var message = Assert.Single(thread.Value!.Messages);
        Assert.Equal("Sorry, we do not work on commercial plumbing.", message.Body);
        Assert.Equal("Dana Dispatcher", message.AuthorName);
        var detail = (await Requests.GetAsync(staff, request.Id, default)).Value!;
        Assert.Equal(ServiceRequestStatus.Declined, detail.Status);
        Assert.Equal("Sorry, we do not work on commercial plumbing.", detail.DeclineReason);
        Assert.Equal(ResultKind.Conflict, (await Requests.ConvertToJobAsync(staff, request.Id, default)).Kind);
        Assert.Equal("This request was already declined.", (await Requests.DeclineAsync(staff, request.Id, "Again", default)).Message);
    }

    [Fact]
    public async Task PortalUser_CannotListOpenConvertDeclineOrAnnotate()
    {
        var request = await RequestAsync();
        var customer = TestActors.Customer(request.CustomerId);

        Assert.Equal(ResultKind.Forbidden, (await Requests.ListAsync(customer, new RequestListQuery(), default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Requests.GetAsync(customer, request.Id, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Requests.ConvertToJobAsync(customer, request.Id, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Requests.ConvertToEstimateAsync(customer, request.Id, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Requests.DeclineAsync(customer, request.Id, "No", default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Requests.UpdateStaffNotesAsync(customer, request.Id, "x", default)).Kind);
        Assert.Equal(0, await Requests.CountNewAsync(customer, default));
        await using var db = await Core.DbAsync();
        var unchanged = await db.ServiceRequests.SingleAsync();
        Assert.Equal(ServiceRequestStatus.New, unchanged.Status);
        Assert.Equal("", unchanged.StaffNotes);
    }

    [Fact]
    public async Task Get_ANewRequest_MovesItToInReviewOnceAndAuditsIt()
    {
        var request = await RequestAsync();

        var first = (await Requests.GetAsync(Staff, request.Id, default)).Value!;
        var second = (await Requests.GetAsync(CoreServices.Admin, request.Id, default)).Value!;

        Assert.Equal(ServiceRequestStatus.InReview, first.Status);
        Assert.Equal(ServiceRequestStatus.InReview, second.Status);
        await using var db = await Core.DbAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "request.reviewing" && e.EntityId == request.Id.ToString()));
        Assert.Equal(ResultKind.NotFound, (await Requests.GetAsync(Staff, request.Id + 100, default)).Kind);
    }

    [Fact]
    public async Task List_FiltersByStatusAndSearchesNameNumberAndTitleNewestFirst()
    {
        await using (var db = await Core.DbAsync())
        {
            var martinez = await TestRecords.CustomerAsync(db, "Martinez");
            var chen = await TestRecords.CustomerAsync(db, "Chen");
            await TestRecords.ServiceRequestAsync(db, martinez.Id, "Leaking tap", createdAtUtc: TestRecords.Created);
            await TestRecords.ServiceRequestAsync(db, martinez.Id, "Broken gate", createdAtUtc: TestRecords.Created.AddDays(1));
            await TestRecords.ServiceRequestAsync(db, chen.Id, "New outlet", createdAtUtc: TestRecords.Created.AddDays(2));
            await TestRecords.ServiceRequestAsync(db, chen.Id, "Gutter cleaning", createdAtUtc: TestRecords.Created.AddDays(3));
        }
        var ids = (await Requests.ListAsync(Staff, new RequestListQuery { Filter = RequestListFilter.All }, default)).Value!.Page.Items.Select(r => r.Id).ToList();
        await Requests.GetAsync(Staff, ids[1], default); // "New outlet" in review
        Assert.True((await Requests.DeclineAsync(await _kit.StaffAsync(), ids[0], "We do not clean gutters.", default)).Succeeded);

        var open = (await Requests.ListAsync(Staff, new RequestListQuery(), default)).Value!;
        var inReview = (await Requests.ListAsync(Staff, new RequestListQuery { Filter = RequestListFilter.InReview }, default)).Value!;
        var byName = (await Requests.ListAsync(Staff, new RequestListQuery { Filter = RequestListFilter.All, Search = "chen" }, default)).Value!;
        var byTitle = (await Requests.ListAsync(Staff, new RequestListQuery { Search = "gate" }, default)).Value!;
        var byNumber = (await Requests.ListAsync(Staff, new RequestListQuery { Filter = RequestListFilter.All, Search = "REQ-" }, default)).Value!;
        var forCustomer = (await Requests.ListAsync(Staff, new RequestListQuery { Filter = RequestListFilter.All, CustomerId = byTitle.Page.Items[0].CustomerId }, default)).Value!;

        Assert.Equal(["New outlet", "Broken gate", "Leaking tap"], open.Page.Items.Select(r => r.Title));
        Assert.Equal(3, open.Page.TotalCount);
        Assert.Equal(new RequestCounts(New: 2, InReview: 1, Converted: 0, Declined: 1), open.Counts);
        Assert.Equal("New outlet", Assert.Single(inReview.Page.Items).Title);
        Assert.Equal(["Gutter cleaning", "New outlet"], byName.Page.Items.Select(r => r.Title));
        Assert.Equal(new RequestCounts(New: 0, InReview: 1, Converted: 0, Declined: 1), byName.Counts);
        Assert.Equal("Broken gate", Assert.Single(byTitle.Page.Items).Title);
        Assert.Equal(4, byNumber.Page.TotalCount);
        Assert.Equal(["Broken gate", "Leaking tap"], forCustomer.Page.Items.Select(r => r.Title));
        var row = open.Page.Items[0];
        Assert.Equal(ServiceRequestSource.Portal, row.Source);
        Assert.Equal(new DateOnly(2026, 3, 20), row.PreferredDate);
        Assert.Equal(0, row.PhotoCount);
        Assert.Equal("Pat Chen", row.CustomerName);
    }

    [Fact]
    public async Task UpdateStaffNotes_SavesAndAuditsAndRefusesTooLong()
    {
        var request = await RequestAsync();

        var saved = await Requests.UpdateStaffNotesAsync(Staff, request.Id, "  Call before noon.  ", default);
        var tooLong = await Requests.UpdateStaffNotesAsync(Staff, request.Id, new string('x', 4001), default);

        Assert.True(saved.Succeeded, saved.Message);
        Assert.Equal(ResultKind.Invalid, tooLong.Kind);
        Assert.Equal("Call before noon.", (await Requests.GetAsync(Staff, request.Id, default)).Value!.StaffNotes);
        await using var db = await Core.DbAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "request.notes"));
    }

    [Fact]
    public async Task List_CountsPhotos()
    {
        var request = await RequestAsync();
        await TestRecords.RequestPhotosAsync(Attachments, request, 3);

        var row = Assert.Single((await Requests.ListAsync(Staff, new RequestListQuery(), default)).Value!.Page.Items);

        Assert.Equal(3, row.PhotoCount);
    }

    private sealed class HookPublisher : ILiveEventPublisher
    {
        private readonly List<LiveEvent> _events = [];
        public Func<LiveEvent, Task>? Hook { get; set; }

        public IReadOnlyList<LiveEvent> Events
        {
            get { lock (_events) return [.. _events]; }
        }

        public async Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default)
        {
            lock (_events) _events.Add(liveEvent);
            if (Hook is { } hook) await hook(liveEvent);
        }
    }

    private async Task AssertSameBytesAsync(int originalId, int copyId)
    {
        using var original = (await Attachments.OpenAsync(Staff, originalId, thumbnail: false, default)).Value!;
        using var copy = (await Attachments.OpenAsync(Staff, copyId, thumbnail: false, default)).Value!;
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        await original.Content.CopyToAsync(a);
        await copy.Content.CopyToAsync(b);
        Assert.Equal(a.ToArray(), b.ToArray());
    }
}
