using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Notifications;
using CustomerPortal.Core.Templates.MergeTags;
using System.Globalization;
using CustomerPortal.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Jobs;

/// <summary>Jobs and their visits: the staff job board and job page, and the customer's "My jobs".</summary>
public sealed class JobService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings,
    ILiveEventPublisher live, CustomerNotifications notifications)
{
    /// <summary>The staff job list: filters, newest first, one page at a time.</summary>
    public async Task<Result<PagedList<JobListItem>>> ListAsync(Actor actor, JobListQuery query, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageJob)) return Result<PagedList<JobListItem>>.From(Result.Forbidden());
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var rows = Listed(db, query, company, now);
        var total = await rows.CountAsync(ct);
        var page = await rows.Skip(query.Page.Skip).Take(query.Page.SafePageSize).ToListAsync(ct);

        var items = page.Select(r => new JobListItem(r.Id, r.Number, r.Title, r.CustomerId, r.CustomerName, r.Status,
            r.Next is null ? null : company.ToLocal(r.Next.StartUtc), r.Next?.TechnicianName ?? "",
            company.ToLocal(r.CreatedAtUtc), r.ProjectId)).ToList();
        return new PagedList<JobListItem>(items, total);
    }

    /// <summary>
    /// Every job of the staff list for the query, filtered and sorted (newest first), without paging: the list's pages and
    /// its export read this. <paramref name="nowUtc"/> decides which visit is the next one.
    /// </summary>
    internal static IQueryable<JobListRecord> Listed(PortalDbContext db, JobListQuery query, CompanySettings company, DateTime nowUtc)
    {
        var jobs = db.Jobs.AsNoTracking();
        if (query.Status is { } status) jobs = jobs.Where(j => j.Status == status);
        if (query.OpenOnly) jobs = jobs.Where(j => j.Status != JobStatus.Completed && j.Status != JobStatus.Cancelled);
        if (query.CustomerId is { } customerId) jobs = jobs.Where(j => j.CustomerId == customerId);
        if (query.ProjectId is { } projectId) jobs = jobs.Where(j => j.ProjectId == projectId);
        if (query.From is not null || query.To is not null)
        {
            var fromUtc = query.From is { } from ? company.StartOfDayUtc(from) : DateTime.MinValue;
            var toUtc = query.To is { } to ? company.StartOfDayUtc(to.AddDays(1)) : DateTime.MaxValue;
            jobs = query.DateBasis == JobDateBasis.Created
                ? jobs.Where(j => j.CreatedAtUtc >= fromUtc && j.CreatedAtUtc < toUtc)
                : jobs.Where(j => j.Visits.Any(v => v.Status != VisitStatus.Cancelled && v.ScheduledStartUtc >= fromUtc && v.ScheduledStartUtc < toUtc));
        }

        var rows = jobs.Join(db.Customers, j => j.CustomerId, c => c.Id, (j, c) => new { Job = j, CustomerName = c.DisplayName });
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SqlLike.Anywhere(query.Search);
            rows = rows.Where(r => EF.Functions.Like(r.Job.Number.ToLower(), pattern, SqlLike.Escape) || EF.Functions.Like(r.Job.Title.ToLower(), pattern, SqlLike.Escape)
                                   || EF.Functions.Like(r.CustomerName.ToLower(), pattern, SqlLike.Escape));
        }

        return rows.OrderByDescending(r => r.Job.Id)
            .Select(r => new JobListRecord
            {
                Id = r.Job.Id, Number = r.Job.Number, Title = r.Job.Title, CustomerId = r.Job.CustomerId, CustomerName = r.CustomerName,
                Status = r.Job.Status, CreatedAtUtc = r.Job.CreatedAtUtc, CompletedAtUtc = r.Job.CompletedAtUtc, ProjectId = r.Job.ProjectId,
                Next = r.Job.Visits
                    .Where(v => (v.Status == VisitStatus.Scheduled || v.Status == VisitStatus.InProgress) && v.ScheduledEndUtc >= nowUtc)
                    .OrderBy(v => v.ScheduledStartUtc)
                    .Select(v => new NextVisit { StartUtc = v.ScheduledStartUtc, TechnicianName = v.TechnicianName })
                    .FirstOrDefault(),
            });
    }

    /// <summary>The staff job page.</summary>
    public async Task<Result<JobDetail>> GetAsync(Actor actor, int jobId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageJob)) return Result<JobDetail>.From(Result.Forbidden());
        var company = await companySettings.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.AsNoTracking().Include(j => j.Visits).SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return Result<JobDetail>.From(Result.NotFound("That job was not found."));
        var customerName = await db.Customers.Where(c => c.Id == job.CustomerId).Select(c => c.DisplayName).SingleAsync(ct);
        var projectName = job.ProjectId is { } projectId
            ? await db.Projects.Where(p => p.Id == projectId).Select(p => p.Number + " " + p.Name).SingleOrDefaultAsync(ct)
            : null;

        return new JobDetail(job.Id, job.Number, job.CustomerId, customerName, job.ProjectId, projectName, job.EstimateId,
            job.Title, job.Description, job.ServiceAddress, job.Status, job.InternalNotes,
            company.ToLocal(job.CreatedAtUtc), job.CompletedAtUtc is { } done ? company.ToLocal(done) : null,
            job.Visits.OrderBy(v => v.ScheduledStartUtc).Select(v => ToView(v, company)).ToList());
    }

    /// <summary>Creates a job with the next JOB- number. An empty address takes the customer's primary service address.</summary>
    public async Task<Result<int>> CreateAsync(Actor actor, JobInput input, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageJob)) return Result<int>.From(Result.Forbidden());
        var invalid = Validate(input.Title, input.Description, input.InternalNotes);
        if (invalid is not null) return Result<int>.From(invalid);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Include(c => c.ServiceAddresses).SingleOrDefaultAsync(c => c.Id == input.CustomerId, ct);
        if (customer is null) return Result<int>.From(Result.Invalid(nameof(JobInput.CustomerId), "Choose the customer this job is for."));
        var projectCheck = await CheckProjectAsync(db, input.ProjectId, customer.Id, ct);
        if (projectCheck is not null) return Result<int>.From(projectCheck);

        var address = input.ServiceAddress.IsEmpty ? customer.PrimaryAddress?.Address ?? Address.Empty : Clean(input.ServiceAddress);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var job = await AddNewAsync(db, customer.Id, input.Title, input.Description, address, clock.GetUtcNow().UtcDateTime, ct,
            input.ProjectId, input.InternalNotes);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await JobLiveEvents.PublishAsync(live, job, ct);
        return job.Id;
    }

    public async Task<Result> UpdateAsync(Actor actor, int jobId, JobEdit edit, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageJob)) return Result.Forbidden();
        var invalid = Validate(edit.Title, edit.Description, edit.InternalNotes);
        if (invalid is not null) return invalid;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return Result.NotFound("That job was not found.");
        var projectCheck = await CheckProjectAsync(db, edit.ProjectId, job.CustomerId, ct);
        if (projectCheck is not null) return projectCheck;

        var leftProjectId = job.ProjectId;
        job.Revise(edit.Title, edit.Description, Clean(edit.ServiceAddress), edit.InternalNotes);
        job.MoveToProject(edit.ProjectId);
        await db.SaveChangesAsync(ct);
        await JobLiveEvents.PublishAsync(live, job, ct, leftProjectId);
        return Result.Success();
    }

    public async Task<Result> ChangeStatusAsync(Actor actor, int jobId, JobStatus status, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageJob)) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return Result.NotFound("That job was not found.");
        var result = status switch
        {
            JobStatus.Unscheduled => job.Unschedule(),
            JobStatus.Scheduled => job.Schedule(),
            JobStatus.InProgress => job.Start(),
            JobStatus.OnHold => job.PutOnHold(),
            JobStatus.Completed => job.Complete(clock.GetUtcNow().UtcDateTime),
            JobStatus.Cancelled => job.Cancel(),
            _ => Result.Invalid("Choose a status from the list."),
        };
        if (!result.Succeeded) return result;
        if (status == JobStatus.Completed)
            await notifications.QueueAsync(db, await companySettings.GetAsync(ct), job.CustomerId, PortalModules.Jobs, TemplateEvent.JobCompleted,
                values => JobFields(values, job), ct);
        await db.SaveChangesAsync(ct);
        await JobLiveEvents.PublishAsync(live, job, ct);
        return result;
    }

    /// <summary>Adds a visit; an unscheduled job becomes scheduled. A visit still to come is announced to the customer.</summary>
    public async Task<Result<int>> ScheduleVisitAsync(Actor actor, int jobId, VisitInput input, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageJob)) return Result<int>.From(Result.Forbidden());
        var invalid = Validate(input);
        if (invalid is not null) return Result<int>.From(invalid);
        var company = await companySettings.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return Result<int>.From(Result.NotFound("That job was not found."));
        if (!job.IsOpen) return Result<int>.From(Result.Conflict($"This job is {JobStatusText.Of(job.Status).ToLowerInvariant()}; reopen it before scheduling a visit."));

        var visit = job.ScheduleVisit(company.ToUtc(input.StartLocal), company.ToUtc(input.EndLocal), input.TechnicianName, input.Notes);
        await AnnounceVisitAsync(db, company, job, visit, ct);
        await db.SaveChangesAsync(ct);
        await JobLiveEvents.PublishAsync(live, job, ct);
        return visit.Id;
    }

    /// <summary>
    /// Moves a visit to a new time or technician; a cancelled visit rescheduled is scheduled again. The customer is told
    /// when the time or the technician of a visit still to come changed.
    /// </summary>
    public async Task<Result> RescheduleVisitAsync(Actor actor, int visitId, VisitInput input, CancellationToken ct)
    {
        var invalid = Validate(input);
        if (invalid is not null) return invalid;
        var company = await companySettings.GetAsync(ct);
        var announce = false;
        return await ChangeVisitAsync(actor, visitId, (job, visit) =>
        {
            if (!job.IsOpen) return Result.Conflict($"This job is {JobStatusText.Of(job.Status).ToLowerInvariant()}; reopen it before rescheduling.");
            var before = (visit.ScheduledStartUtc, visit.ScheduledEndUtc, visit.TechnicianName, visit.Status);
            var moved = visit.Reschedule(company.ToUtc(input.StartLocal), company.ToUtc(input.EndLocal));
            if (!moved.Succeeded) return moved;
            visit.AssignTechnician(input.TechnicianName);
            visit.UpdateNotes(input.Notes);
            announce = before != (visit.ScheduledStartUtc, visit.ScheduledEndUtc, visit.TechnicianName, visit.Status);
            return job.Status == JobStatus.Unscheduled ? job.Schedule() : Result.Success();
        }, ct, (db, job, visit) => announce ? AnnounceVisitAsync(db, company, job, visit, ct) : Task.CompletedTask);
    }

    public Task<Result> CancelVisitAsync(Actor actor, int visitId, CancellationToken ct) =>
        ChangeVisitStatusAsync(actor, visitId, VisitStatus.Cancelled, ct);

    public Task<Result> ChangeVisitStatusAsync(Actor actor, int visitId, VisitStatus status, CancellationToken ct) =>
        ChangeVisitAsync(actor, visitId, (job, visit) =>
        {
            var changed = status switch
            {
                VisitStatus.Scheduled => visit.MarkScheduled(),
                VisitStatus.InProgress => visit.Start(),
                VisitStatus.Completed => visit.Complete(),
                VisitStatus.Cancelled => visit.Cancel(),
                _ => Result.Invalid("Choose a status from the list."),
            };
            if (!changed.Succeeded) return changed;
            // The first visit under way puts a scheduled job in progress.
            if (status == VisitStatus.InProgress && job.Status is JobStatus.Scheduled or JobStatus.Unscheduled) return job.Start();
            return Result.Success();
        }, ct);

    /// <summary>The customer's open jobs (with the next visit) and the history of finished ones.</summary>
    public async Task<Result<PortalJobLists>> PortalListAsync(Actor actor, CancellationToken ct)
    {
        if (actor.CustomerId is not { } customerId || !access.Can(actor, Operation.ViewJob)) return Result<PortalJobLists>.From(Result.NotFound());
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = await db.Jobs.AsNoTracking().Include(j => j.Visits).Where(j => j.CustomerId == customerId).ToListAsync(ct);

        var rows = jobs.Where(j => access.Can(actor, Operation.ViewJob, j)).Select(j =>
        {
            var next = NextVisit(j, now);
            var last = j.Visits.Where(v => v.Status != VisitStatus.Cancelled && v.ScheduledStartUtc <= now).MaxBy(v => v.ScheduledStartUtc);
            return new PortalJobRow(j.Id, j.Number, j.Title, j.Status,
                next is null ? null : company.ToLocal(next.ScheduledStartUtc), next is null ? null : company.ToLocal(next.ScheduledEndUtc),
                last is null ? null : company.ToLocal(last.ScheduledStartUtc), company.ToLocal(j.CreatedAtUtc),
                j.CompletedAtUtc is { } done ? company.ToLocal(done) : null);
        }).ToList();

        var open = rows.Where(r => r.Status is not (JobStatus.Completed or JobStatus.Cancelled))
            .OrderBy(r => r.NextVisitStartLocal ?? DateTime.MaxValue).ThenByDescending(r => r.CreatedLocal).ToList();
        var finished = rows.Where(r => r.Status is JobStatus.Completed or JobStatus.Cancelled)
            .OrderByDescending(r => r.CompletedLocal ?? r.LastVisitLocal ?? r.CreatedLocal).ToList();
        return new PortalJobLists(open, finished);
    }

    /// <summary>
    /// The customer's job page. Pictures and documents appear only when the company shows them on jobs and staff shared
    /// each one; amounts of related estimates and invoices only when the company shows prices on jobs.
    /// </summary>
    public async Task<Result<PortalJobDetail>> PortalGetAsync(Actor actor, int jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.AsNoTracking().Include(j => j.Visits).SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || !access.Can(actor, Operation.ViewJob, job)) return Result<PortalJobDetail>.From(Result.NotFound());
        var company = await companySettings.GetAsync(ct);

        var shared = await db.Attachments.AsNoTracking()
            .Where(a => a.JobId == job.Id && a.CustomerId == job.CustomerId && a.VisibleToCustomer)
            .OrderBy(a => a.UploadedAtUtc).ThenBy(a => a.Id)
            .ToListAsync(ct);
        var views = shared
            .Where(a => a.Kind == AttachmentKind.Picture ? company.ShowPicturesOnJobs : company.ShowDocumentsOnJobs)
            .Select(a => AttachmentService.ToView(a, company))
            .ToList();

        var visits = job.Visits.OrderBy(v => v.ScheduledStartUtc)
            .Select(v => new PortalVisit(v.Id, company.ToLocal(v.ScheduledStartUtc), company.ToLocal(v.ScheduledEndUtc), v.TechnicianName, v.Status,
                views.Where(a => a.VisitId == v.Id).ToList()))
            .ToList();

        string? projectName = null;
        int? projectId = null;
        if (job.ProjectId is { } pid)
        {
            var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pid, ct);
            if (project is not null && access.Can(actor, Operation.ViewProject, project)) (projectId, projectName) = (project.Id, project.Name);
        }

        var documents = new List<PortalJobDocument>();
        var showPrices = company.ShowPricesOnJobs;
        var today = company.Today(clock.GetUtcNow().UtcDateTime);
        var estimateIds = new[] { job.EstimateId }.Where(id => id is not null).Select(id => id!.Value).ToList();
        var estimates = await db.Estimates.AsNoTracking()
            .Where(e => estimateIds.Contains(e.Id) || e.ConvertedJobId == job.Id).ToListAsync(ct);
        documents.AddRange(estimates.Where(e => access.Can(actor, Operation.ViewEstimate, e)).DistinctBy(e => e.Id)
            .Select(e => new PortalJobDocument("Estimate", e.Id, e.Number, e.Title, DocumentText.Humanize(e.StatusOn(today)), showPrices ? e.Total : null)));
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.JobId == job.Id).OrderBy(i => i.Id).ToListAsync(ct);
        documents.AddRange(invoices.Where(i => access.Can(actor, Operation.ViewInvoice, i))
            .Select(i => new PortalJobDocument("Invoice", i.Id, i.Number, i.Title, DocumentText.Humanize(i.StatusOn(today)), showPrices ? i.Total : null)));

        return new PortalJobDetail(job.Id, job.Number, job.Title, job.Description, job.ServiceAddress, job.Status,
            company.ToLocal(job.CreatedAtUtc), job.CompletedAtUtc is { } done ? company.ToLocal(done) : null, projectId, projectName,
            visits, views.Where(a => a.VisitId is null).ToList(), documents, showPrices);
    }

    /// <summary>The next visit still to come (or under way) on a job, if any.</summary>
    /// <summary>Adds a new job with the next JOB- number to the caller's save; call it inside the transaction that saves the job.</summary>
    internal static async Task<Job> AddNewAsync(PortalDbContext db, int customerId, string title, string description, Address address,
        DateTime nowUtc, CancellationToken ct, int? projectId = null, string internalNotes = "")
    {
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Job, ct);
        var job = new Job(number, customerId, title, description, address, nowUtc, projectId: projectId, internalNotes: internalNotes);
        db.Jobs.Add(job);
        return job;
    }

    internal static Visit? NextVisit(Job job, DateTime nowUtc) =>
        job.Visits.Where(v => v.Status is VisitStatus.Scheduled or VisitStatus.InProgress && v.ScheduledEndUtc >= nowUtc)
            .MinBy(v => v.ScheduledStartUtc);

    private async Task<Result> ChangeVisitAsync(Actor actor, int visitId, Func<Job, Visit, Result> change, CancellationToken ct,
        Func<PortalDbContext, Job, Visit, Task>? alsoQueue = null)
    {
        if (!access.Can(actor, Operation.ManageJob)) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visit = await db.Visits.SingleOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null) return Result.NotFound("That visit was not found.");
        var job = await db.Jobs.SingleAsync(j => j.Id == visit.JobId, ct);
        var result = change(job, visit);
        if (!result.Succeeded) return result;
        if (alsoQueue is not null) await alsoQueue(db, job, visit);
        await db.SaveChangesAsync(ct);
        await JobLiveEvents.PublishAsync(live, job, ct);
        return result;
    }

    /// <summary>Queues "we'll come on…" to the customer, for a visit still to come, in the caller's save.</summary>
    private async Task AnnounceVisitAsync(PortalDbContext db, CompanySettings company, Job job, Visit visit, CancellationToken ct)
    {
        if (visit.Status == VisitStatus.Cancelled || visit.ScheduledStartUtc <= clock.GetUtcNow().UtcDateTime) return;
        var start = company.ToLocal(visit.ScheduledStartUtc);
        var end = company.ToLocal(visit.ScheduledEndUtc);
        await notifications.QueueAsync(db, company, job.CustomerId, PortalModules.Jobs, TemplateEvent.VisitScheduled, values => JobFields(values, job)
            .Set(MergeTagCatalog.VisitDate, start.ToString("ddd, MMM d, yyyy", CultureInfo.InvariantCulture))
            .Set(MergeTagCatalog.VisitTimeWindow, start.ToString("h:mm tt", CultureInfo.InvariantCulture) + " – " + end.ToString("h:mm tt", CultureInfo.InvariantCulture))
            .Set(MergeTagCatalog.TechnicianName, string.IsNullOrWhiteSpace(visit.TechnicianName) ? null : visit.TechnicianName), ct);
    }

    private static MergeValues JobFields(MergeValues values, Job job) => values
        .Set(MergeTagCatalog.JobNumber, job.Number)
        .Set(MergeTagCatalog.JobTitle, job.Title)
        .SetLink(MergeTagCatalog.JobLink, PortalPaths.Job(job.Id));

    private static async Task<Result?> CheckProjectAsync(PortalDbContext db, int? projectId, int customerId, CancellationToken ct)
    {
        if (projectId is not { } id) return null;
        var owner = await db.Projects.Where(p => p.Id == id).Select(p => (int?)p.CustomerId).SingleOrDefaultAsync(ct);
        return owner == customerId ? null : Result.Invalid("ProjectId", "Choose a project of the same customer.");
    }

    private static Result? Validate(string title, string description, string internalNotes)
    {
        if (string.IsNullOrWhiteSpace(title)) return Result.Invalid("Title", "Give the job a title.");
        if (title.Trim().Length > 200) return Result.Invalid("Title", "The title can be at most 200 characters.");
        if (description.Length > 8000) return Result.Invalid("Description", "The description can be at most 8000 characters.");
        if (internalNotes.Length > 8000) return Result.Invalid("InternalNotes", "Internal notes can be at most 8000 characters.");
        return null;
    }

    private static Result? Validate(VisitInput input)
    {
        if (input.EndLocal <= input.StartLocal) return Result.Invalid("EndLocal", "The visit must end after it starts.");
        if (input.EndLocal - input.StartLocal > TimeSpan.FromDays(14)) return Result.Invalid("EndLocal", "A visit can last at most 14 days.");
        if (input.TechnicianName.Trim().Length > 200) return Result.Invalid("TechnicianName", "The technician's name can be at most 200 characters.");
        if (input.Notes.Length > 4000) return Result.Invalid("Notes", "Notes can be at most 4000 characters.");
        return null;
    }

    private static Address Clean(Address address) => new(address.Line1.Trim(), address.Line2.Trim(), address.City.Trim(),
        address.Region.Trim(), address.PostalCode.Trim());

    private static VisitView ToView(Visit v, CompanySettings company) =>
        new(v.Id, company.ToLocal(v.ScheduledStartUtc), company.ToLocal(v.ScheduledEndUtc), v.TechnicianName, v.Status, v.Notes);
}

/// <summary>
/// What a change to a job tells other screens: the job changed, and so did the project it is in (a project page lists
/// its jobs with their status and next visit) and the one it just left, if any.
/// </summary>
internal static class JobLiveEvents
{
    public static async Task PublishAsync(ILiveEventPublisher live, Job job, CancellationToken ct, int? leftProjectId = null)
    {
        await live.PublishAsync(new JobChanged(job.CustomerId, job.Id), ct);
        if (job.ProjectId is { } projectId) await live.PublishAsync(new ProjectChanged(job.CustomerId, projectId), ct);
        if (leftProjectId is { } left && left != job.ProjectId) await live.PublishAsync(new ProjectChanged(job.CustomerId, left), ct);
    }
}

/// <summary>A job or one of its visits changed (status, schedule, details).</summary>
public sealed record JobChanged(int Customer, int JobId) : LiveEvent
{
    public override int? CustomerId => Customer;
}
