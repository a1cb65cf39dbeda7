using CustomerPortal.Core.Common;
using CustomerPortal.Core.Jobs;

namespace CustomerPortal.Tests.Jobs;

public sealed class JobTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 15, 0, 0, DateTimeKind.Utc);

    private static Job NewJob() => new("JOB-1", 1, " Fix boiler ", "", Address.Empty, Now);

    [Theory]
    [InlineData(JobStatus.Scheduled)]
    [InlineData(JobStatus.InProgress)]
    [InlineData(JobStatus.OnHold)]
    [InlineData(JobStatus.Completed)]
    public void Cancelled_AnyOtherStatus_IsRefused(JobStatus target)
    {
        var job = NewJob();
        job.Cancel();

        var result = Move(job, target);

        Assert.Equal(ResultKind.Conflict, result.Kind);
        Assert.Equal(JobStatus.Cancelled, job.Status);
    }

    [Fact]
    public void Complete_ThenStart_ForgetsCompletionTime()
    {
        var job = NewJob();
        job.Complete(Now);
        Assert.Equal(Now, job.CompletedAtUtc);

        Assert.True(job.Start().Succeeded);

        Assert.Equal(JobStatus.InProgress, job.Status);
        Assert.Null(job.CompletedAtUtc);
    }

    [Fact]
    public void ScheduleVisit_OnUnscheduledJob_SchedulesIt()
    {
        var job = NewJob();

        var visit = job.ScheduleVisit(Now, Now.AddHours(2), " Sam ", " bring ladder ");

        Assert.Equal(JobStatus.Scheduled, job.Status);
        Assert.Equal("Sam", visit.TechnicianName);
        Assert.Equal("bring ladder", visit.Notes);
        Assert.Equal("Fix boiler", job.Title);
    }

    [Theory]
    [InlineData(0, ResultKind.Invalid)]
    [InlineData(-1, ResultKind.Invalid)]
    [InlineData(1, ResultKind.Success)]
    public void Reschedule_EndMustFollowStart(int hours, ResultKind expected)
    {
        var visit = NewJob().ScheduleVisit(Now, Now.AddHours(1), "Sam");

        var result = visit.Reschedule(Now.AddDays(1), Now.AddDays(1).AddHours(hours));

        Assert.Equal(expected, result.Kind);
        Assert.Equal(expected == ResultKind.Success ? Now.AddDays(1) : Now, visit.ScheduledStartUtc);
    }

    [Fact]
    public void Reschedule_CancelledVisit_IsScheduledAgain()
    {
        var visit = NewJob().ScheduleVisit(Now, Now.AddHours(1), "Sam");
        visit.Cancel();

        visit.Reschedule(Now.AddDays(1), Now.AddDays(1).AddHours(1));

        Assert.Equal(VisitStatus.Scheduled, visit.Status);
    }

    [Theory]
    [InlineData(VisitStatus.Cancelled, ResultKind.Conflict)]
    [InlineData(VisitStatus.InProgress, ResultKind.Success)]
    [InlineData(VisitStatus.Completed, ResultKind.Success)]
    public void CompletedVisit_CannotBeCancelled(VisitStatus target, ResultKind expected)
    {
        var visit = NewJob().ScheduleVisit(Now, Now.AddHours(1), "Sam");
        visit.Complete();

        var result = target switch
        {
            VisitStatus.Cancelled => visit.Cancel(),
            VisitStatus.InProgress => visit.Start(),
            _ => visit.Complete(),
        };

        Assert.Equal(expected, result.Kind);
    }

    private static Result Move(Job job, JobStatus status) => status switch
    {
        JobStatus.Scheduled => job.Schedule(),
        JobStatus.InProgress => job.Start(),
        JobStatus.OnHold => job.PutOnHold(),
        JobStatus.Completed => job.Complete(Now),
        _ => job.Unschedule(),
    };
}
