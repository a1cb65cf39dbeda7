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
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public ProjectStatus Status { get; set; }
    public int CompletionPercent { get; private set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? TargetDate { get; set; }
    public string InternalNotes { get; set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    public bool IsVisibleToCustomer => true;

    private Project() { }

    public Project(string number, int customerId, string name, string description, DateTime createdAtUtc)
    {
        Number = number;
        CustomerId = customerId;
        Name = name;
        Description = description;
        CreatedAtUtc = createdAtUtc;
    }

    public Result SetCompletion(int percent)
    {
        if (percent is < 0 or > 100) return Result.Invalid(nameof(CompletionPercent), "Completion must be between 0 and 100 percent.");
        CompletionPercent = percent;
        if (percent == 100 && Status is ProjectStatus.Planned or ProjectStatus.InProgress) Status = ProjectStatus.Completed;
        else if (percent > 0 && Status == ProjectStatus.Planned) Status = ProjectStatus.InProgress;
        return Result.Success();
    }
}
