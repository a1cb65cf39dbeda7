using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Jobs;

/// <summary>Which date the job list's date range looks at.</summary>
public enum JobDateBasis
{
    /// <summary>Jobs with a visit (not cancelled) starting in the range.</summary>
    Visit,

    /// <summary>Jobs created in the range.</summary>
    Created,
}

/// <summary>Filters of the staff job list. Dates are company-local days, both ends included.</summary>
public sealed record JobListQuery
{
    public JobStatus? Status { get; init; }
    public bool OpenOnly { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public JobDateBasis DateBasis { get; init; } = JobDateBasis.Visit;
    public int? CustomerId { get; init; }
    public int? ProjectId { get; init; }
    public string? Search { get; init; }
    public PageRequest Page { get; init; } = new();
}

/// <summary>A row of the staff job list; times are in the company's time zone.</summary>
public sealed record JobListItem(
    int Id, string Number, string Title, int CustomerId, string CustomerName, JobStatus Status,
    DateTime? NextVisitLocal, string NextTechnician, DateTime CreatedLocal, int? ProjectId);

/// <summary>A job of the staff list as the database gives it (times in UTC), before the page or the export shapes it.</summary>
internal sealed class JobListRecord
{
    public int Id { get; init; }
    public string Number { get; init; } = "";
    public string Title { get; init; } = "";
    public int CustomerId { get; init; }
    public string CustomerName { get; init; } = "";
    public JobStatus Status { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    public DateTime? CompletedAtUtc { get; init; }
    public int? ProjectId { get; init; }
    public NextVisit? Next { get; init; }
}

/// <summary>The next visit still to come of a listed job.</summary>
internal sealed class NextVisit
{
    public DateTime StartUtc { get; init; }
    public string TechnicianName { get; init; } = "";
}

/// <summary>What staff fill in to create a job. An empty address means the customer's primary service address.</summary>
public sealed record JobInput(int CustomerId, string Title, string Description, Address ServiceAddress, int? ProjectId, string InternalNotes);

/// <summary>The editable parts of a job.</summary>
public sealed record JobEdit(string Title, string Description, Address ServiceAddress, int? ProjectId, string InternalNotes);

/// <summary>A visit as staff enter it: company-local start and end, and who goes.</summary>
public sealed record VisitInput(DateTime StartLocal, DateTime EndLocal, string TechnicianName, string Notes = "");

public sealed record VisitView(int Id, DateTime StartLocal, DateTime EndLocal, string TechnicianName, VisitStatus Status, string Notes);

/// <summary>Everything the staff job page shows.</summary>
public sealed record JobDetail(
    int Id, string Number, int CustomerId, string CustomerName, int? ProjectId, string? ProjectName, int? EstimateId,
    string Title, string Description, Address ServiceAddress, JobStatus Status, string InternalNotes,
    DateTime CreatedLocal, DateTime? CompletedLocal, IReadOnlyList<VisitView> Visits);

/// <summary>A job as the customer sees it in their lists.</summary>
public sealed record PortalJobRow(
    int Id, string Number, string Title, JobStatus Status, DateTime? NextVisitStartLocal, DateTime? NextVisitEndLocal,
    DateTime? LastVisitLocal, DateTime CreatedLocal, DateTime? CompletedLocal);

/// <summary>The customer's open jobs and the history of finished ones.</summary>
public sealed record PortalJobLists(IReadOnlyList<PortalJobRow> Open, IReadOnlyList<PortalJobRow> Finished);

public sealed record PortalVisit(int Id, DateTime StartLocal, DateTime EndLocal, string TechnicianName, VisitStatus Status,
    IReadOnlyList<AttachmentView> Attachments);

/// <summary>An estimate or invoice that belongs to the job, as a link. Total is null when the company hides prices on jobs.</summary>
public sealed record PortalJobDocument(string Kind, int Id, string Number, string Title, string Status, decimal? Total);

/// <summary>The customer's job page: description, visits and what the company shares.</summary>
public sealed record PortalJobDetail(
    int Id, string Number, string Title, string Description, Address ServiceAddress, JobStatus Status,
    DateTime CreatedLocal, DateTime? CompletedLocal, int? ProjectId, string? ProjectName,
    IReadOnlyList<PortalVisit> Visits, IReadOnlyList<AttachmentView> Attachments, IReadOnlyList<PortalJobDocument> Documents,
    bool ShowsPrices);

public static class JobStatusText
{
    public static string Of(JobStatus status) => status switch
    {
        JobStatus.InProgress => "In progress",
        JobStatus.OnHold => "On hold",
        _ => status.ToString(),
    };

    public static string Of(VisitStatus status) => status switch
    {
        VisitStatus.InProgress => "In progress",
        _ => status.ToString(),
    };
}
