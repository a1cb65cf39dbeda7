using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Projects;

namespace CustomerPortal.Tests.Projects;

public sealed class ProjectServiceTests : IAsyncLifetime
{
    private CoreServices _core = null!;
    private ProjectService Projects => _core.Get<ProjectService>();

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task SetCompletionAsync_OutsideZeroToHundred_IsInvalidAndKeepsValue(int percent)
    {
        var project = await ProjectAsync();
        await Projects.SetCompletionAsync(CoreServices.Staff, project, 40, default);

        var result = await Projects.SetCompletionAsync(CoreServices.Staff, project, percent, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal(40, (await Projects.GetAsync(CoreServices.Staff, project, default)).Value!.CompletionPercent);
    }

    [Theory]
    [InlineData(0, ProjectStatus.Planned)]
    [InlineData(1, ProjectStatus.InProgress)]
    [InlineData(100, ProjectStatus.Completed)]
    public async Task SetCompletionAsync_AtBounds_IsSavedAndMovesStatus(int percent, ProjectStatus status)
    {
        var project = await ProjectAsync();

        var result = await Projects.SetCompletionAsync(CoreServices.Staff, project, percent, default);

        Assert.True(result.Succeeded);
        var saved = (await Projects.GetAsync(CoreServices.Staff, project, default)).Value!;
        Assert.Equal((percent, status), (saved.CompletionPercent, saved.Status));
    }

    [Fact]
    public async Task SetCompletionAsync_ByPortalUser_IsForbidden()
    {
        var project = await ProjectAsync();

        var result = await Projects.SetCompletionAsync(TestActors.Customer(1), project, 50, default);

        Assert.Equal(ResultKind.Forbidden, result.Kind);
    }

    [Fact]
    public async Task CreateAsync_NumbersProjectAndRefusesTargetBeforeStart()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);

        var created = await Projects.CreateAsync(CoreServices.Staff,
            new ProjectInput(customer.Id, "Basement", "", ProjectStatus.Planned, new(2026, 4, 1), new(2026, 6, 1), ""), default);
        var backwards = await Projects.CreateAsync(CoreServices.Staff,
            new ProjectInput(customer.Id, "Attic", "", ProjectStatus.Planned, new(2026, 4, 1), new(2026, 3, 1), ""), default);

        Assert.Equal("PRJ-101", (await Projects.GetAsync(CoreServices.Staff, created.Value, default)).Value!.Number);
        Assert.Equal(ResultKind.Invalid, backwards.Kind);
    }

    [Fact]
    public async Task AssignJobAsync_JobOfAnotherCustomer_IsRefused()
    {
        var project = await ProjectAsync();
        await using var db = await _core.DbAsync();
        var other = await TestRecords.CustomerAsync(db, "Other");
        var job = await TestRecords.JobAsync(db, other.Id);

        var result = await Projects.AssignJobAsync(CoreServices.Staff, job.Id, project, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
    }

    [Fact]
    public async Task PortalGetAsync_ShowsJobsAndSharedFiles_AndNothingForOthers()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var project = await TestRecords.ProjectAsync(db, customer.Id);
        var job = await TestRecords.JobAsync(db, customer.Id, "Cabinets", projectId: project.Id);
        var attachments = _core.Get<AttachmentService>();
        using (var shared = new MemoryStream("%PDF-1.4\n"u8.ToArray()))
            await attachments.UploadAsync(CoreServices.Staff, new(AttachmentOwnerKind.Project, project.Id), shared, "plan.pdf", "", new UploadSettings(true), default);
        using (var hidden = new MemoryStream("%PDF-1.4\n"u8.ToArray()))
            await attachments.UploadAsync(CoreServices.Staff, new(AttachmentOwnerKind.Project, project.Id), hidden, "costs.pdf", "", new UploadSettings(false), default);
        var other = await TestRecords.CustomerAsync(db, "Other");

        var own = (await Projects.PortalGetAsync(TestActors.Customer(customer.Id), project.Id, default)).Value!;
        var noJobsModule = (await Projects.PortalGetAsync(TestActors.Customer(customer.Id, PortalModules.Projects), project.Id, default)).Value!;

        Assert.Equal([job.Id], own.Jobs.Select(j => j.Id));
        Assert.Equal(["plan.pdf"], own.Attachments.Select(a => a.FileName));
        Assert.Empty(noJobsModule.Jobs);
        Assert.Equal(ResultKind.NotFound, (await Projects.PortalGetAsync(TestActors.Customer(other.Id), project.Id, default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await Projects.PortalGetAsync(TestActors.Customer(customer.Id, PortalModules.Jobs), project.Id, default)).Kind);
    }

    private async Task<int> ProjectAsync()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        return (await TestRecords.ProjectAsync(db, customer.Id)).Id;
    }
}
