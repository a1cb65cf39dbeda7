using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Requests;

/// <summary>
/// The staff side of work requests: the list, opening one (New becomes In review), turning it into a draft estimate or
/// a job with its photos and address, declining it with a message in its thread, and staff notes.
/// </summary>
public sealed class RequestDecisionService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings,
    ILiveEventPublisher live, AuditLog audit, AttachmentService attachments, EstimateService estimates, JobService jobs,
    MessagingService messaging)
{
    private const string NotFoundMessage = "That request was not found.";
    public const string PendingCustomerMessage =
        "This request came from the website from someone not yet approved as a customer. Approve them first, then create the estimate or job.";
    private const string ChangedMeanwhile = "Someone else changed this request at the same moment. Reload it and try again.";

    /// <summary>A page of requests for the chosen tab, newest first, with the count of every tab.</summary>
    public async Task<Result<RequestList>> ListAsync(Actor actor, RequestListQuery query, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageRequests)) return Result<RequestList>.From(Result.Forbidden());
        var company = await companySettings.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var matching = Matching(db, query);
        var perStatus = await matching.GroupBy(r => r.Request.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        int CountOf(ServiceRequestStatus status) => perStatus.FirstOrDefault(s => s.Status == status)?.Count ?? 0;
        var counts = new RequestCounts(CountOf(ServiceRequestStatus.New), CountOf(ServiceRequestStatus.InReview),
            CountOf(ServiceRequestStatus.Converted), CountOf(ServiceRequestStatus.Declined));

        var page = await Listed(db, query).Skip(query.Page.Skip).Take(query.Page.SafePageSize).ToListAsync(ct);
        var items = page.Select(r => new RequestListItem(r.Id, r.Number, r.Title, r.Category, r.CustomerId, r.CustomerName, r.CustomerPendingReview,
            r.Source, r.Status, r.PhotoCount, r.PreferredDate, r.PreferredTimeWindow, company.ToLocal(r.CreatedAtUtc))).ToList();
        return new RequestList(new PagedList<RequestListItem>(items, counts.Of(query.Filter)), counts);
    }

    /// <summary>
    /// Every request of the staff list for the query (its tab, customer and search), newest first, without paging: the
    /// list's pages and its export read this.
    /// </summary>
    internal static IQueryable<RequestListRecord> Listed(PortalDbContext db, RequestListQuery query)
    {
        var rows = Matching(db, query);
        rows = query.Filter switch
        {
            RequestListFilter.Open => rows.Where(r => r.Request.Status == ServiceRequestStatus.New || r.Request.Status == ServiceRequestStatus.InReview),
            RequestListFilter.New => rows.Where(r => r.Request.Status == ServiceRequestStatus.New),
            RequestListFilter.InReview => rows.Where(r => r.Request.Status == ServiceRequestStatus.InReview),
            RequestListFilter.Converted => rows.Where(r => r.Request.Status == ServiceRequestStatus.Converted),
            RequestListFilter.Declined => rows.Where(r => r.Request.Status == ServiceRequestStatus.Declined),
            _ => rows,
        };
        return rows.OrderByDescending(r => r.Request.CreatedAtUtc).ThenByDescending(r => r.Request.Id)
            .Select(r => new RequestListRecord
            {
                Id = r.Request.Id, Number = r.Request.Number, Title = r.Request.Title, Category = r.Request.Category,
                CustomerId = r.Request.CustomerId, CustomerName = r.CustomerName, CustomerPendingReview = r.CustomerPendingReview,
                Source = r.Request.Source, Status = r.Request.Status, PreferredDate = r.Request.PreferredDate,
                PreferredTimeWindow = r.Request.PreferredTimeWindow, CreatedAtUtc = r.Request.CreatedAtUtc,
                PhotoCount = db.Attachments.Count(a => a.ServiceRequestId == r.Request.Id),
            });
    }

    /// <summary>The requests of the customer and search, whatever their tab (the tabs count these).</summary>
    private static IQueryable<ListedRequest> Matching(PortalDbContext db, RequestListQuery query)
    {
        var rows = db.ServiceRequests.AsNoTracking()
            .Join(db.Customers, r => r.CustomerId, c => c.Id,
                (r, c) => new ListedRequest { Request = r, CustomerName = c.DisplayName, CustomerPendingReview = c.IsPendingReview });
        if (query.CustomerId is { } customerId) rows = rows.Where(r => r.Request.CustomerId == customerId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SqlLike.Anywhere(query.Search);
            rows = rows.Where(r => EF.Functions.Like(r.Request.Number.ToLower(), pattern, SqlLike.Escape) || EF.Functions.Like(r.Request.Title.ToLower(), pattern, SqlLike.Escape)
                                   || EF.Functions.Like(r.CustomerName.ToLower(), pattern, SqlLike.Escape));
        }
        return rows;
    }

    private sealed class ListedRequest
    {
        public required ServiceRequest Request { get; init; }
        public required string CustomerName { get; init; }
        public bool CustomerPendingReview { get; init; }
    }

    /// <summary>How many requests no one has opened yet (the menu's badge).</summary>
    public async Task<int> CountNewAsync(Actor actor, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageRequests)) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ServiceRequests.CountAsync(r => r.Status == ServiceRequestStatus.New, ct);
    }

    /// <summary>The staff request page. The first time staff open a new request it moves to In review.</summary>
    public async Task<Result<RequestDetail>> GetAsync(Actor actor, int requestId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageRequests)) return Result<RequestDetail>.From(Result.Forbidden());
        var company = await companySettings.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.ServiceRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return Result<RequestDetail>.From(Result.NotFound(NotFoundMessage));

        if (request.StartReview(clock.GetUtcNow().UtcDateTime))
        {
            audit.Add(db, actor, "request.reviewing", nameof(ServiceRequest), request.Id.ToString(), request.CustomerId, request.Number);
            try
            {
                await db.SaveChangesAsync(ct);
                await live.PublishAsync(new ServiceRequestChanged(request.CustomerId, request.Id), ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else opened or decided it at the same moment: show it as it now is.
                db.ChangeTracker.Clear();
                request = await db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, ct);
            }
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == request.CustomerId)
            .Select(c => new { c.DisplayName, c.IsPendingReview }).SingleAsync(ct);
        var jobNumber = request.JobId is { } jobId ? await db.Jobs.Where(j => j.Id == jobId).Select(j => j.Number).SingleOrDefaultAsync(ct) : null;
        var estimateNumber = request.EstimateId is { } estimateId
            ? await db.Estimates.Where(e => e.Id == estimateId).Select(e => e.Number).SingleOrDefaultAsync(ct)
            : null;
        var photos = await attachments.ListAsync(actor, new AttachmentOwner(AttachmentOwnerKind.ServiceRequest, request.Id), ct);

        return new RequestDetail(request.Id, request.Number, request.CustomerId, customer.DisplayName, customer.IsPendingReview, request.Source,
            request.Status, request.IsDirectWorkOrder, request.Category, request.Title, request.Description, request.ServiceAddress,
            request.PreferredDate, request.PreferredTimeWindow, request.AlternativeDate, request.AlternativeTimeWindow,
            request.ContactBy, request.ContactName, request.ContactEmail, request.ContactPhone,
            company.ToLocal(request.CreatedAtUtc), request.DecidedAtUtc is { } decided ? company.ToLocal(decided) : null, request.DecidedBy,
            request.DeclineReason, request.StaffNotes, request.JobId, jobNumber, request.EstimateId, estimateNumber,
            photos.Succeeded ? photos.Value! : []);
    }

    /// <summary>
    /// Makes a draft estimate from an open request (its title; one line to price; the description, address and preferred
    /// times in the internal notes), copies the photos onto it and marks the request converted. Returns the estimate's id.
    /// </summary>
    public Task<Result<int>> ConvertToEstimateAsync(Actor actor, int requestId, CancellationToken ct) =>
        ConvertAsync(actor, requestId, AttachmentOwnerKind.Estimate,
            async request =>
            {
                var input = await estimates.NewInputAsync(request.CustomerId, ct);
                input.Title = request.Title;
                input.InternalNotes = Fit(NotesFor(request, withDescription: true), 8000);
                input.Lines[0].Description = request.Title;
                return await estimates.CreateAsync(actor, input, ct);
            },
            (request, id, now) => request.ConvertToEstimate(id, actor.Name, now),
            async (db, id) =>
            {
                if (await db.Estimates.SingleOrDefaultAsync(e => e.Id == id, CancellationToken.None) is { } estimate) db.Estimates.Remove(estimate);
                return "Estimate";
            },
            ct);

    /// <summary>
    /// Makes an unscheduled job from an open request (title, description and service address; the preferred times in the
    /// internal notes, since they are the customer's wishes, not a booking), copies the photos onto it and marks the
    /// request converted. Returns the job's id.
    /// </summary>
    public Task<Result<int>> ConvertToJobAsync(Actor actor, int requestId, CancellationToken ct) =>
        ConvertAsync(actor, requestId, AttachmentOwnerKind.Job,
            request => jobs.CreateAsync(actor,
                new JobInput(request.CustomerId, request.Title, request.Description, request.ServiceAddress, null,
                    Fit(NotesFor(request, withDescription: false), 8000)), ct),
            (request, id, now) => request.ConvertToJob(id, actor.Name, now),
            async (db, id) =>
            {
                if (await db.Jobs.Include(j => j.Visits).SingleOrDefaultAsync(j => j.Id == id, CancellationToken.None) is { } job) db.Jobs.Remove(job);
                return "Job";
            },
            ct);

    /// <summary>Declines an open request and posts the message in the request's thread, where the customer reads it (and is e-mailed as they chose).</summary>
    public async Task<Result> DeclineAsync(Actor actor, int requestId, string message, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageRequests)) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.ServiceRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return Result.NotFound(NotFoundMessage);
        var declined = request.Decline(message ?? "", actor.Name, clock.GetUtcNow().UtcDateTime);
        if (!declined.Succeeded) return declined;
        audit.Add(db, actor, "request.declined", nameof(ServiceRequest), request.Id.ToString(), request.CustomerId, request.Number);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(await DecidedMessageAsync(requestId, ct));
        }
        await live.PublishAsync(new ServiceRequestChanged(request.CustomerId, request.Id), ct);

        // The decline stands even if the message cannot be posted: the reason is kept on the request, which the customer sees.
        var thread = await messaging.GetThreadForSubjectAsync(actor, ThreadSubject.Request, request.Id, ct);
        var posted = thread.Succeeded
            ? await messaging.PostAsync(actor, new PostMessage(thread.Value!.Summary.Id, Guid.NewGuid(), request.DeclineReason), ct)
            : Result<ThreadMessage>.From(thread);
        return posted.Succeeded
            ? Result.Success("The request is declined and your message is in its conversation with the customer.")
            : Result.Success($"The request is declined, but the message could not be posted: {posted.Message}");
    }

    public async Task<Result> UpdateStaffNotesAsync(Actor actor, int requestId, string notes, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageRequests)) return Result.Forbidden();
        notes = (notes ?? "").Trim();
        if (notes.Length > 4000) return Result.Invalid("StaffNotes", "The notes can be at most 4,000 characters.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.ServiceRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return Result.NotFound(NotFoundMessage);
        request.UpdateStaffNotes(notes, clock.GetUtcNow().UtcDateTime);
        audit.Add(db, actor, "request.notes", nameof(ServiceRequest), request.Id.ToString(), request.CustomerId, request.Number);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(ChangedMeanwhile);
        }
        await live.PublishAsync(new ServiceRequestChanged(request.CustomerId, request.Id), ct);
        return Result.Success("Notes saved.");
    }

    /// <summary>
    /// The estimate or job is made through its own service (its own transaction, number and event); the request is then
    /// marked converted with the photo copies in one save guarded by the request's version. When that save fails (another
    /// staff member decided the request first), the new record and the copied files are removed again.
    /// </summary>
    private async Task<Result<int>> ConvertAsync(Actor actor, int requestId, AttachmentOwnerKind ownerKind,
        Func<ServiceRequest, Task<Result<int>>> create, Func<ServiceRequest, int, DateTime, Result> mark,
        Func<PortalDbContext, int, Task<string>> discard, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageRequests)) return Result<int>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.ServiceRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return Result<int>.From(Result.NotFound(NotFoundMessage));
        if (!request.IsOpen) return Result<int>.From(Result.Conflict(await DecidedMessageAsync(requestId, ct)));
        // Someone who wrote in from the website is not a customer until staff say so; nothing is made for them before.
        if (await db.Customers.AnyAsync(c => c.Id == request.CustomerId && c.IsPendingReview, ct))
            return Result<int>.From(Result.Conflict(PendingCustomerMessage));

        var created = await create(request);
        if (!created.Succeeded) return created;
        var recordId = created.Value;
        List<Attachment> copies = [];
        try
        {
            var photos = await db.Attachments.AsNoTracking().Where(a => a.ServiceRequestId == requestId).OrderBy(a => a.Id).ToListAsync(ct);
            copies = await attachments.CopyAsync(photos, new AttachmentOwner(ownerKind, recordId), actor.Name, ct);
            var marked = mark(request, recordId, clock.GetUtcNow().UtcDateTime);
            if (!marked.Succeeded) throw new DbUpdateConcurrencyException(marked.Message);
            db.Attachments.AddRange(copies);
            audit.Add(db, actor, "request.converted", nameof(ServiceRequest), request.Id.ToString(), request.CustomerId,
                $"{request.Number} -> {(ownerKind == AttachmentOwnerKind.Job ? "job" : "estimate")} {recordId}; {copies.Count} photo(s) copied");
            await db.SaveChangesAsync(ct);
        }
        catch (Exception failure)
        {
            await attachments.DeleteStoredFilesAsync(copies);
            await DiscardAsync(actor, request, recordId, discard);
            if (failure is DbUpdateConcurrencyException) return Result<int>.From(Result.Conflict(await DecidedMessageAsync(requestId, CancellationToken.None)));
            throw;
        }

        await live.PublishAsync(new ServiceRequestChanged(request.CustomerId, request.Id), ct);
        return recordId;
    }

    private async Task DiscardAsync(Actor actor, ServiceRequest request, int recordId, Func<PortalDbContext, int, Task<string>> discard)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var type = await discard(db, recordId);
        audit.Add(db, actor, "request.conversion-undone", type, recordId.ToString(), request.CustomerId,
            $"Made from {request.Number}, removed because the request could not be marked converted");
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Why a request can no longer be decided, in the entity's words ("already turned into an estimate").</summary>
    private async Task<string> DecidedMessageAsync(int requestId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || request.IsOpen) return ChangedMeanwhile;
        return request.ConvertToJob(0, "", DateTime.MinValue).Message;
    }

    private static string NotesFor(ServiceRequest request, bool withDescription)
    {
        var lines = new List<string> { $"From work request {request.Number}{(request.Category.Length > 0 ? $" ({request.Category})" : "")}." };
        if (!request.ServiceAddress.IsEmpty) lines.Add($"Service address: {request.ServiceAddress.SingleLine}");
        if (RequestText.When(request.PreferredDate, request.PreferredTimeWindow) is { Length: > 0 } preferred) lines.Add($"Preferred: {preferred}");
        if (RequestText.When(request.AlternativeDate, request.AlternativeTimeWindow) is { Length: > 0 } alternative) lines.Add($"Alternative: {alternative}");
        var contact = string.Join(", ", new[] { request.ContactName, request.ContactEmail, request.ContactPhone }.Where(p => p.Length > 0));
        lines.Add($"Contact by {RequestText.Of(request.ContactBy).ToLowerInvariant()}{(contact.Length > 0 ? $": {contact}" : "")}");
        if (withDescription && request.Description.Length > 0) lines.Add("\n" + request.Description);
        return string.Join("\n", lines);
    }

    private static string Fit(string text, int max) => text.Length <= max ? text : text[..max];
}
