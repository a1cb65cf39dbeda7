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
    public int? ProjectId { get; set; }

    /// <summary>The accepted estimate this job was made from, if any.</summary>
    public int? EstimateId { get; private set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public Address ServiceAddress { get; set; } = Address.Empty;
    public JobStatus Status { get; private set; }

    /// <summary>Never shown to a customer.</summary>
    public string InternalNotes { get; set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }
    public List<Visit> Visits { get; private set; } = [];

    public bool IsVisibleToCustomer => true;
    public bool IsOpen => Status is not (JobStatus.Completed or JobStatus.Cancelled);

    private Job() { }

    public Job(string number, int customerId, string title, string description, Address serviceAddress, DateTime createdAtUtc, int? estimateId = null)
    {
        Number = number;
        CustomerId = customerId;
        Title = title;
        Description = description;
        ServiceAddress = serviceAddress;
        CreatedAtUtc = createdAtUtc;
        EstimateId = estimateId;
        Status = JobStatus.Unscheduled;
    }

    public Visit ScheduleVisit(DateTime startUtc, DateTime endUtc, string technicianName)
    {
        var visit = new Visit(startUtc, endUtc, technicianName);
        Visits.Add(visit);
        if (Status == JobStatus.Unscheduled) Status = JobStatus.Scheduled;
        return visit;
    }

    public Result ChangeStatus(JobStatus status, DateTime nowUtc)
    {
        if (Status == status) return Result.Success();
        if (Status == JobStatus.Cancelled) return Result.Conflict("A cancelled job cannot change status.");
        Status = status;
        CompletedAtUtc = status == JobStatus.Completed ? nowUtc : null;
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
    public DateTime ScheduledStartUtc { get; set; }
    public DateTime ScheduledEndUtc { get; set; }
    public string TechnicianName { get; set; } = "";
    public VisitStatus Status { get; set; }
    public string Notes { get; set; } = "";

    private Visit() { }

    public Visit(DateTime startUtc, DateTime endUtc, string technicianName)
    {
        ScheduledStartUtc = startUtc;
        ScheduledEndUtc = endUtc;
        TechnicianName = technicianName;
        Status = VisitStatus.Scheduled;
    }
}
