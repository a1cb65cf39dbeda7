using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Projects;

public enum ProjectStatus
{
    Planned,
    InProgress,
    OnHold,
    Completed,
    Cancelled,
}

/// <summary>A larger piece of work made of several jobs, with a completion percentage the customer can follow.</summary>
public sealed class Project : ICustomerOwned
{
    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public int CustomerId { get; private set; }
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public ProjectStatus Status { get; private set; }
    public int CompletionPercent { get; private set; }
    public DateOnly? StartDate { get; private set; }
    public DateOnly? TargetDate { get; private set; }
    public string InternalNotes { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    public bool IsVisibleToCustomer => true;

    private Project() { }

    public Project(string number, int customerId, string name, string description, DateTime createdAtUtc,
        DateOnly? startDate = null, DateOnly? targetDate = null, string internalNotes = "")
    {
        Number = number;
        CustomerId = customerId;
        CreatedAtUtc = createdAtUtc;
        Status = ProjectStatus.Planned;
        Revise(name, description, startDate, targetDate, internalNotes);
    }

    /// <summary>Staff corrected the project's name, description, dates or notes.</summary>
    public void Revise(string name, string description, DateOnly? startDate, DateOnly? targetDate, string internalNotes)
    {
        Name = name.Trim();
        Description = description.Trim();
        StartDate = startDate;
        TargetDate = targetDate;
        InternalNotes = internalNotes.Trim();
    }

    /// <summary>Records how far along the work is; 100 completes a planned or running project, progress starts a planned one.</summary>
    public Result RecordProgress(int percent)
    {
        if (percent is < 0 or > 100) return Result.Invalid(nameof(CompletionPercent), "Completion must be between 0 and 100 percent.");
        CompletionPercent = percent;
        if (percent == 100 && Status is ProjectStatus.Planned or ProjectStatus.InProgress) Status = ProjectStatus.Completed;
        else if (percent > 0 && Status == ProjectStatus.Planned) Status = ProjectStatus.InProgress;
        return Result.Success();
    }

    public Result Plan() => MoveTo(ProjectStatus.Planned);

    public Result Start() => MoveTo(ProjectStatus.InProgress);

    public Result PutOnHold() => MoveTo(ProjectStatus.OnHold);

    public Result Complete() => MoveTo(ProjectStatus.Completed);

    public Result Cancel() => MoveTo(ProjectStatus.Cancelled);

    private Result MoveTo(ProjectStatus status)
    {
        if (!Enum.IsDefined(status)) return Result.Invalid(nameof(Status), "Choose a status from the list.");
        Status = status;
        return Result.Success();
    }
}
