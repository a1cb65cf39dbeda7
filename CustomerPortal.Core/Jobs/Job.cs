using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Jobs;

public enum JobStatus
{
    Unscheduled,
    Scheduled,
    InProgress,
    OnHold,
    Completed,
    Cancelled,
}

/// <summary>A work order: something the business does for a customer at a place, over one or more visits.</summary>
public sealed class Job : ICustomerOwned
{
    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public int CustomerId { get; private set; }
    public int? ProjectId { get; private set; }

    /// <summary>The accepted estimate this job was made from, if any.</summary>
    public int? EstimateId { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public Address ServiceAddress { get; private set; } = Address.Empty;
    public JobStatus Status { get; private set; }

    /// <summary>Never shown to a customer.</summary>
    public string InternalNotes { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }

    /// <summary>When the customer was asked to review this job.</summary>
    public DateTime? ReviewRequestedAtUtc { get; private set; }
    public List<Visit> Visits { get; private set; } = [];

    /// <summary>A job is shown to its customer from the start (queries that read no job row use this too).</summary>
    public const bool AlwaysVisibleToCustomer = true;

    public bool IsVisibleToCustomer => AlwaysVisibleToCustomer;
    public bool IsOpen => Status is not (JobStatus.Completed or JobStatus.Cancelled);

    private Job() { }

    public Job(string number, int customerId, string title, string description, Address serviceAddress, DateTime createdAtUtc,
        int? estimateId = null, int? projectId = null, string internalNotes = "")
    {
        Number = number;
        CustomerId = customerId;
        CreatedAtUtc = createdAtUtc;
        EstimateId = estimateId;
        Status = JobStatus.Unscheduled;
        Revise(title, description, serviceAddress, internalNotes);
        ProjectId = projectId;
    }

    /// <summary>Staff corrected what the job is, where, and the notes kept from the customer.</summary>
    public void Revise(string title, string description, Address serviceAddress, string internalNotes)
    {
        Title = title.Trim();
        Description = description.Trim();
        ServiceAddress = serviceAddress;
        InternalNotes = internalNotes.Trim();
    }

    /// <summary>Puts the job into a project of the same customer, or takes it out with null (the service checks the customer).</summary>
    public void MoveToProject(int? projectId) => ProjectId = projectId;

    /// <summary>The customer was asked to review this job now.</summary>
    public void RecordReviewRequest(DateTime nowUtc) => ReviewRequestedAtUtc = nowUtc;

    /// <summary>Adds a visit; an unscheduled job becomes scheduled.</summary>
    public Visit ScheduleVisit(DateTime startUtc, DateTime endUtc, string technicianName, string notes = "")
    {
        var visit = new Visit(startUtc, endUtc, technicianName, notes);
        Visits.Add(visit);
        if (Status == JobStatus.Unscheduled) Status = JobStatus.Scheduled;
        return visit;
    }

    public Result Unschedule() => MoveTo(JobStatus.Unscheduled, null);

    public Result Schedule() => MoveTo(JobStatus.Scheduled, null);

    public Result Start() => MoveTo(JobStatus.InProgress, null);

    public Result PutOnHold() => MoveTo(JobStatus.OnHold, null);

    public Result Complete(DateTime nowUtc) => MoveTo(JobStatus.Completed, nowUtc);

    public Result Cancel() => MoveTo(JobStatus.Cancelled, null);

    /// <summary>A cancelled job stays cancelled; a completed one reopened forgets when it was completed.</summary>
    private Result MoveTo(JobStatus status, DateTime? completedAtUtc)
    {
        if (Status == status) return Result.Success();
        if (Status == JobStatus.Cancelled) return Result.Conflict("A cancelled job cannot change status.");
        Status = status;
        CompletedAtUtc = status == JobStatus.Completed ? completedAtUtc : null;
        return Result.Success();
    }
}

public enum VisitStatus
{
    Scheduled,
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>One appointment on a job: when, and which technician.</summary>
public sealed class Visit
{
    public int Id { get; private set; }
    public int JobId { get; private set; }
    public DateTime ScheduledStartUtc { get; private set; }
    public DateTime ScheduledEndUtc { get; private set; }
    public string TechnicianName { get; private set; } = "";
    public VisitStatus Status { get; private set; }
    public string Notes { get; private set; } = "";

    private Visit() { }

    internal Visit(DateTime startUtc, DateTime endUtc, string technicianName, string notes)
    {
        ScheduledStartUtc = startUtc;
        ScheduledEndUtc = endUtc;
        TechnicianName = technicianName.Trim();
        Notes = notes.Trim();
        Status = VisitStatus.Scheduled;
    }

    /// <summary>Moves the visit to a new time; a cancelled visit rescheduled is scheduled again.</summary>
    public Result Reschedule(DateTime startUtc, DateTime endUtc)
    {
        if (endUtc <= startUtc) return Result.Invalid("End", "The visit must end after it starts.");
        ScheduledStartUtc = startUtc;
        ScheduledEndUtc = endUtc;
        if (Status == VisitStatus.Cancelled) Status = VisitStatus.Scheduled;
        return Result.Success();
    }

    public void AssignTechnician(string technicianName) => TechnicianName = technicianName.Trim();

    public void UpdateNotes(string notes) => Notes = notes.Trim();

    public Result MarkScheduled() => MoveTo(VisitStatus.Scheduled);

    public Result Start() => MoveTo(VisitStatus.InProgress);

    public Result Complete() => MoveTo(VisitStatus.Completed);

    public Result Cancel() => MoveTo(VisitStatus.Cancelled);

    private Result MoveTo(VisitStatus status)
    {
        if (Status == VisitStatus.Completed && status == VisitStatus.Cancelled)
            return Result.Conflict("A completed visit cannot be cancelled.");
        Status = status;
        return Result.Success();
    }
}
