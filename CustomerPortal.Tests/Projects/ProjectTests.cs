using CustomerPortal.Core.Common;
using CustomerPortal.Core.Projects;

namespace CustomerPortal.Tests.Projects;

public sealed class ProjectTests
{
    private static Project NewProject() => new("PRJ-1", 1, " Clinic ", "", DateTime.UtcNow, internalNotes: " note ");

    [Theory]
    [InlineData(-1, ResultKind.Invalid, ProjectStatus.Planned, 0)]
    [InlineData(101, ResultKind.Invalid, ProjectStatus.Planned, 0)]
    [InlineData(0, ResultKind.Success, ProjectStatus.Planned, 0)]
    [InlineData(30, ResultKind.Success, ProjectStatus.InProgress, 30)]
    [InlineData(100, ResultKind.Success, ProjectStatus.Completed, 100)]
    public void RecordProgress_KeepsPercentInRangeAndMovesStatus(int percent, ResultKind kind, ProjectStatus status, int stored)
    {
        var project = NewProject();

        var result = project.RecordProgress(percent);

        Assert.Equal(kind, result.Kind);
        Assert.Equal(status, project.Status);
        Assert.Equal(stored, project.CompletionPercent);
    }

    [Fact]
    public void RecordProgress_OnHoldProject_StaysOnHold()
    {
        var project = NewProject();
        project.PutOnHold();

        project.RecordProgress(100);

        Assert.Equal(ProjectStatus.OnHold, project.Status);
    }

    [Fact]
    public void Constructor_TrimsAndStartsPlanned()
    {
        var project = NewProject();

        Assert.Equal("Clinic", project.Name);
        Assert.Equal("note", project.InternalNotes);
        Assert.Equal(ProjectStatus.Planned, project.Status);
    }
}
