using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Projects;

/// <summary>Projects: larger pieces of work made of jobs, with a completion percent the customer can follow.</summary>
public sealed class ProjectService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings,
    ILiveEventPublisher live)
{
    public async Task<Result<PagedList<ProjectListItem>>> ListAsync(Actor actor, ProjectListQuery query, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageProject)) return Result<PagedList<ProjectListItem>>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = Listed(db, query);
        var total = await rows.CountAsync(ct);
        var items = await rows.Skip(query.Page.Skip).Take(query.Page.SafePageSize).ToListAsync(ct);
        return new PagedList<ProjectListItem>(items, total);
    }

    /// <summary>Every project of the staff list for the query, filtered and sorted (newest first), without paging: the list's pages and its export read this.</summary>
    internal static IQueryable<ProjectListItem> Listed(PortalDbContext db, ProjectListQuery query)
    {
        var projects = db.Projects.AsNoTracking();
        if (query.Status is { } status) projects = projects.Where(p => p.Status == status);
        if (query.CustomerId is { } customerId) projects = projects.Where(p => p.CustomerId == customerId);
        var rows = projects.Join(db.Customers, p => p.CustomerId, c => c.Id, (p, c) => new { Project = p, CustomerName = c.DisplayName });
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SqlLike.Anywhere(query.Search);
            rows = rows.Where(r => EF.Functions.Like(r.Project.Number.ToLower(), pattern, SqlLike.Escape) || EF.Functions.Like(r.Project.Name.ToLower(), pattern, SqlLike.Escape)
                                   || EF.Functions.Like(r.CustomerName.ToLower(), pattern, SqlLike.Escape));
        }
        return rows.OrderByDescending(r => r.Project.Id)
            .Select(r => new ProjectListItem(r.Project.Id, r.Project.Number, r.Project.Name, r.Project.CustomerId, r.CustomerName,
                r.Project.Status, r.Project.CompletionPercent, r.Project.StartDate, r.Project.TargetDate,
                db.Jobs.Count(j => j.ProjectId == r.Project.Id)));
    }

    public async Task<Result<ProjectDetail>> GetAsync(Actor actor, int projectId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageProject)) return Result<ProjectDetail>.From(Result.Forbidden());
        var company = await companySettings.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null) return Result<ProjectDetail>.From(Result.NotFound("That project was not found."));
        var customerName = await db.Customers.Where(c => c.Id == project.CustomerId).Select(c => c.DisplayName).SingleAsync(ct);
        var jobs = await JobsOfAsync(db, project.Id, company, ct);
        return new ProjectDetail(project.Id, project.Number, project.CustomerId, customerName, project.Name, project.Description,
            project.Status, project.CompletionPercent, project.StartDate, project.TargetDate, project.InternalNotes,
            company.ToLocal(project.CreatedAtUtc), jobs);
    }

    /// <summary>Creates a project with the next PRJ- number.</summary>
    public async Task<Result<int>> CreateAsync(Actor actor, ProjectInput input, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageProject)) return Result<int>.From(Result.Forbidden());
        var invalid = Validate(input);
        if (invalid is not null) return Result<int>.From(invalid);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct))
            return Result<int>.From(Result.Invalid(nameof(ProjectInput.CustomerId), "Choose the customer this project is for."));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Project, ct);
        var project = new Project(number, input.CustomerId, input.Name, input.Description, clock.GetUtcNow().UtcDateTime,
            input.StartDate, input.TargetDate, input.InternalNotes);
        var status = ChangeStatus(project, input.Status);
        if (!status.Succeeded) return Result<int>.From(status);
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await live.PublishAsync(new ProjectChanged(project.CustomerId, project.Id), ct);
        return project.Id;
    }

    /// <summary>Edits name, description, status and dates. The customer cannot change: the project's jobs are theirs.</summary>
    public async Task<Result> UpdateAsync(Actor actor, int projectId, ProjectInput input, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageProject)) return Result.Forbidden();
        var invalid = Validate(input);
        if (invalid is not null) return invalid;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null) return Result.NotFound("That project was not found.");
        if (project.CustomerId != input.CustomerId) return Result.Invalid(nameof(ProjectInput.CustomerId), "A project's customer cannot be changed.");

        project.Revise(input.Name, input.Description, input.StartDate, input.TargetDate, input.InternalNotes);
        var status = ChangeStatus(project, input.Status);
        if (!status.Succeeded) return status;
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new ProjectChanged(project.CustomerId, project.Id), ct);
        return Result.Success();
    }

    /// <summary>Sets how far along the project is, 0 to 100 percent; 100 completes a planned or running project.</summary>
    public async Task<Result> SetCompletionAsync(Actor actor, int projectId, int percent, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageProject)) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null) return Result.NotFound("That project was not found.");
        var result = project.RecordProgress(percent);
        if (!result.Succeeded) return result;
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new ProjectChanged(project.CustomerId, project.Id), ct);
        return result;
    }

    /// <summary>Puts an existing job of the same customer into the project (or takes it out with <paramref name="projectId"/> null).</summary>
    public async Task<Result> AssignJobAsync(Actor actor, int jobId, int? projectId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageProject) || !access.Can(actor, Operation.ManageJob)) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return Result.NotFound("That job was not found.");
        if (projectId is { } id)
        {
            var customerId = await db.Projects.Where(p => p.Id == id).Select(p => (int?)p.CustomerId).SingleOrDefaultAsync(ct);
            if (customerId is null) return Result.NotFound("That project was not found.");
            if (customerId != job.CustomerId) return Result.Invalid("A job can only join a project of the same customer.");
        }
        var leftProjectId = job.ProjectId;
        job.MoveToProject(projectId);
        await db.SaveChangesAsync(ct);
        await JobLiveEvents.PublishAsync(live, job, ct, leftProjectId);
        return Result.Success();
    }

    /// <summary>Moves the project to the status staff chose on the form, through the method named for it.</summary>
    private static Result ChangeStatus(Project project, ProjectStatus status) => status switch
    {
        ProjectStatus.Planned => project.Plan(),
        ProjectStatus.InProgress => project.Start(),
        ProjectStatus.OnHold => project.PutOnHold(),
        ProjectStatus.Completed => project.Complete(),
        ProjectStatus.Cancelled => project.Cancel(),
        _ => Result.Invalid(nameof(ProjectInput.Status), "Choose a status from the list."),
    };

    /// <summary>Jobs of the customer that are not in any project yet, to add to one.</summary>
    public async Task<Result<IReadOnlyList<ProjectJob>>> UnassignedJobsAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageProject)) return Result<IReadOnlyList<ProjectJob>>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.CustomerId == customerId && j.ProjectId == null)
            .OrderByDescending(j => j.Id).Take(100)
            .Select(j => new ProjectJob(j.Id, j.Number, j.Title, j.Status, null))
            .ToListAsync(ct);
        return jobs;
    }

    public async Task<Result<IReadOnlyList<PortalProjectRow>>> PortalListAsync(Actor actor, CancellationToken ct)
    {
        if (actor.CustomerId is not { } customerId || !access.Can(actor, Operation.ViewProject))
            return Result<IReadOnlyList<PortalProjectRow>>.From(Result.NotFound());
        var company = await companySettings.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projects = await db.Projects.AsNoTracking().Where(p => p.CustomerId == customerId).ToListAsync(ct);
        return projects.Where(p => access.Can(actor, Operation.ViewProject, p))
            .OrderBy(p => p.Status is ProjectStatus.Completed or ProjectStatus.Cancelled)
            .ThenByDescending(p => p.StartDate ?? DateOnly.FromDateTime(p.CreatedAtUtc))
            .Select(p => new PortalProjectRow(p.Id, p.Number, p.Name, p.Status, p.CompletionPercent, p.StartDate, p.TargetDate,
                company.ToLocal(p.CreatedAtUtc)))
            .ToList();
    }

    public async Task<Result<PortalProjectDetail>> PortalGetAsync(Actor actor, int projectId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null || !access.Can(actor, Operation.ViewProject, project)) return Result<PortalProjectDetail>.From(Result.NotFound());
        var company = await companySettings.GetAsync(ct);

        var showsJobs = access.Can(actor, Operation.ViewJob);
        var jobs = showsJobs ? await JobsOfAsync(db, project.Id, company, ct) : [];
        var attachments = await db.Attachments.AsNoTracking()
            .Where(a => a.ProjectId == project.Id && a.CustomerId == project.CustomerId && a.VisibleToCustomer)
            .OrderBy(a => a.UploadedAtUtc).ThenBy(a => a.Id)
            .ToListAsync(ct);

        return new PortalProjectDetail(project.Id, project.Number, project.Name, project.Description, project.Status,
            project.CompletionPercent, project.StartDate, project.TargetDate, company.ToLocal(project.CreatedAtUtc), jobs, showsJobs,
            attachments.Select(a => AttachmentService.ToView(a, company)).ToList());
    }

    private async Task<IReadOnlyList<ProjectJob>> JobsOfAsync(PortalDbContext db, int projectId, CompanySettings company, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var jobs = await db.Jobs.AsNoTracking().Include(j => j.Visits).Where(j => j.ProjectId == projectId).OrderBy(j => j.Id).ToListAsync(ct);
        return jobs.Select(j =>
        {
            var next = JobService.NextVisit(j, now);
            return new ProjectJob(j.Id, j.Number, j.Title, j.Status, next is null ? null : company.ToLocal(next.ScheduledStartUtc));
        }).ToList();
    }

    private static Result? Validate(ProjectInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name)) return Result.Invalid("Name", "Give the project a name.");
        if (input.Name.Trim().Length > 200) return Result.Invalid("Name", "The name can be at most 200 characters.");
        if (input.Description.Length > 8000) return Result.Invalid("Description", "The description can be at most 8000 characters.");
        if (input.InternalNotes.Length > 8000) return Result.Invalid("InternalNotes", "Internal notes can be at most 8000 characters.");
        if (input.StartDate is { } start && input.TargetDate is { } target && target < start)
            return Result.Invalid("TargetDate", "The target date cannot be before the start date.");
        return null;
    }
}

/// <summary>A project changed (details, completion, its jobs: one joined or left, or one of them changed).</summary>
public sealed record ProjectChanged(int Customer, int ProjectId) : LiveEvent
{
    public override int? CustomerId => Customer;
}
