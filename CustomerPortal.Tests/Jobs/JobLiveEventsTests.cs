using CustomerPortal.Core.Common;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Projects;

namespace CustomerPortal.Tests.Jobs;

/// <summary>What job, visit, project and payment changes tell open screens through the live-events bus.</summary>
public sealed class JobLiveEventsTests : IAsyncLifetime
{
    private readonly List<LiveEvent> _published = [];
    private CoreServices _core = null!;
    private IDisposable? _listening;

    private JobService Jobs => _core.Get<JobService>();
    private ProjectService Projects => _core.Get<ProjectService>();

    public async Task InitializeAsync()
    {
        _core = await CoreServices.StartAsync();
        _listening = PublishedEvents.Record(_core, _published);
    }

    public async Task DisposeAsync()
    {
        _listening?.Dispose();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task ScheduleAndRescheduleVisit_PublishJobChangedEachTime()
    {
        var (customerId, jobId, _) = await JobAsync(inProject: false);
        var start = new DateTime(2026, 3, 12, 9, 0, 0);

        var scheduled = await Jobs.ScheduleVisitAsync(CoreServices.Staff, jobId, new VisitInput(start, start.AddHours(2), "Alex Tech"), default);
        var afterScheduling = Published();
        var moved = await Jobs.RescheduleVisitAsync(CoreServices.Staff, scheduled.Value, new VisitInput(start.AddDays(1), start.AddDays(1).AddHours(2), "Alex Tech"), default);

        Assert.True(scheduled.Succeeded && moved.Succeeded);
        Assert.Equal([new JobChanged(customerId, jobId)], afterScheduling);
        Assert.Equal([new JobChanged(customerId, jobId), new JobChanged(customerId, jobId)], Published());
    }

    [Fact]
    public async Task ChangeStatusAsync_OfAJobInAProject_AlsoTellsTheProject()
    {
        var (customerId, jobId, projectId) = await JobAsync(inProject: true);

        var result = await Jobs.ChangeStatusAsync(CoreServices.Staff, jobId, JobStatus.OnHold, default);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal([new JobChanged(customerId, jobId), new ProjectChanged(customerId, projectId!.Value)], Published());
    }

    [Fact]
    public async Task AssignJobAsync_TakingAJobOutOfItsProject_TellsTheJobAndTheProjectItLeft()
    {
        var (customerId, jobId, projectId) = await JobAsync(inProject: true);

        var result = await Projects.AssignJobAsync(CoreServices.Staff, jobId, null, default);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal([new JobChanged(customerId, jobId), new ProjectChanged(customerId, projectId!.Value)], Published());
    }

    [Fact]
    public async Task UpdateAsync_MovingAJobToAnotherProject_TellsBothProjects()
    {
        var (customerId, jobId, projectId) = await JobAsync(inProject: true);
        int otherProjectId;
        await using (var db = await _core.DbAsync()) otherProjectId = (await TestRecords.ProjectAsync(db, customerId, "Bathroom")).Id;
        var job = (await Jobs.GetAsync(CoreServices.Staff, jobId, default)).Value!;

        var result = await Jobs.UpdateAsync(CoreServices.Staff, jobId,
            new JobEdit(job.Title, job.Description, job.ServiceAddress, otherProjectId, job.InternalNotes), default);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(
            [new JobChanged(customerId, jobId), new ProjectChanged(customerId, otherProjectId), new ProjectChanged(customerId, projectId!.Value)],
            Published());
    }

    [Fact]
    public async Task RecordAsync_PublishesThePaymentAndEveryInvoiceItPaid()
    {
        int customerId, firstId, secondId;
        await using (var db = await _core.DbAsync())
        {
            customerId = (await TestRecords.CustomerAsync(db)).Id;
            firstId = (await TestRecords.SentInvoiceAsync(db, customerId, 100m)).Id;
            secondId = (await TestRecords.SentInvoiceAsync(db, customerId, 80m)).Id;
        }
        var today = DateOnly.FromDateTime(_core.Clock.Now.UtcDateTime.AddHours(-5));

        var result = await _core.Get<PaymentService>().RecordAsync(CoreServices.Staff, new RecordPaymentInput(customerId, PaymentMethod.Check, 150m,
            today, "Check 1001", "", [AllocationInput.ToInvoice(firstId, 100m), AllocationInput.ToInvoice(secondId, 50m)]), default);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(
            [new PaymentRecorded(customerId, result.Value), new InvoiceChanged(customerId, firstId), new InvoiceChanged(customerId, secondId)],
            Published());
    }

    /// <summary>A customer with a job (in a project when asked); nothing published so far counts.</summary>
    private async Task<(int CustomerId, int JobId, int? ProjectId)> JobAsync(bool inProject)
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var project = inProject ? await TestRecords.ProjectAsync(db, customer.Id) : null;
        var job = await TestRecords.JobAsync(db, customer.Id, projectId: project?.Id);
        lock (_published) _published.Clear();
        return (customer.Id, job.Id, project?.Id);
    }

    private List<LiveEvent> Published()
    {
        lock (_published) return [.. _published];
    }
}
