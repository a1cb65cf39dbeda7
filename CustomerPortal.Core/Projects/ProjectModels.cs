using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Jobs;

namespace CustomerPortal.Core.Projects;

public sealed record ProjectListQuery
{
    public ProjectStatus? Status { get; init; }
    public int? CustomerId { get; init; }
    public string? Search { get; init; }
    public PageRequest Page { get; init; } = new();
}

public sealed record ProjectListItem(
    int Id, string Number, string Name, int CustomerId, string CustomerName, ProjectStatus Status, int CompletionPercent,
    DateOnly? StartDate, DateOnly? TargetDate, int JobCount);

/// <summary>What staff fill in for a project (create and edit).</summary>
public sealed record ProjectInput(int CustomerId, string Name, string Description, ProjectStatus Status, DateOnly? StartDate,
    DateOnly? TargetDate, string InternalNotes);

public sealed record ProjectJob(int Id, string Number, string Title, JobStatus Status, DateTime? NextVisitLocal);

public sealed record ProjectDetail(
    int Id, string Number, int CustomerId, string CustomerName, string Name, string Description, ProjectStatus Status,
    int CompletionPercent, DateOnly? StartDate, DateOnly? TargetDate, string InternalNotes, DateTime CreatedLocal,
    IReadOnlyList<ProjectJob> Jobs);

public sealed record PortalProjectRow(int Id, string Number, string Name, ProjectStatus Status, int CompletionPercent,
    DateOnly? StartDate, DateOnly? TargetDate, DateTime CreatedLocal);

/// <summary>The customer's project page. Jobs are listed only when the customer may see the Jobs module (<see cref="ShowsJobs"/>).</summary>
public sealed record PortalProjectDetail(
    int Id, string Number, string Name, string Description, ProjectStatus Status, int CompletionPercent,
    DateOnly? StartDate, DateOnly? TargetDate, DateTime CreatedLocal, IReadOnlyList<ProjectJob> Jobs, bool ShowsJobs,
    IReadOnlyList<AttachmentView> Attachments);

public static class ProjectStatusText
{
    public static string Of(ProjectStatus status) => status switch
    {
        ProjectStatus.InProgress => "In progress",
        ProjectStatus.OnHold => "On hold",
        _ => status.ToString(),
    };
}
