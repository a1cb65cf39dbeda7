using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Reviews;

/// <summary>Private reviews: who may write one, the public link offer, the staff list and follow-up.</summary>
public sealed class ReviewServiceTests : IAsyncLifetime
{
    private readonly List<LiveEvent> _published = [];
    private CoreServices _core = null!;
    private IDisposable? _listening;

    private ReviewService Reviews => _core.Get<ReviewService>();

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

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public async Task Submit_RatingOutsideOneToFive_IsRefused(int rating)
    {
        var (actor, _) = await CustomerAsync();

        var result = await Reviews.SubmitAsync(actor, rating, "Fine", null, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        await using var db = await _core.DbAsync();
        Assert.False(await db.Reviews.AnyAsync());
    }

    [Theory]
    [InlineData(5, 4, "https://reviews.example.com/acme", true)]
    [InlineData(4, 4, "https://reviews.example.com/acme", true)]
    [InlineData(3, 4, "https://reviews.example.com/acme", false)]
    [InlineData(5, 4, "", false)]
    public async Task Submit_OffersThePublicLink_OnlyAtOrAboveTheThresholdAndWithAUrl(int rating, int threshold, string url, bool offered)
    {
        await _core.UpdateCompanyAsync(c => Assert.True(c.ChangeReviewSettings(url, threshold).Succeeded));
        var (actor, customerId) = await CustomerAsync();

        var result = await Reviews.SubmitAsync(actor, rating, "Great work", null, default);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(offered ? url : null, result.Value!.PublicReviewUrl);
        await using var db = await _core.DbAsync();
        var review = await db.Reviews.SingleAsync(r => r.CustomerId == customerId);
        Assert.Equal(offered, review.PublicLinkOfferedAtUtc is not null);
        Assert.Equal("Pat Portal", review.AuthorName);
        Assert.Contains(new ReviewChanged(customerId, review.Id), Published());
    }

    [Fact]
    public async Task Submit_MoreThanTheDailyLimit_IsRefusedWithAMessage_AndAllowedAgainADayLater()
    {
        var (actor, customerId) = await CustomerAsync();
        for (var i = 0; i < 5; i++) Assert.True((await Reviews.SubmitAsync(actor, 5, $"Review {i}", null, default)).Succeeded);

        var sixth = await Reviews.SubmitAsync(actor, 5, "One more", null, default);

        Assert.Equal(ResultKind.Conflict, sixth.Kind);
        Assert.Equal(ReviewService.TooManyToday, sixth.Message);
        await using var db = await _core.DbAsync();
        Assert.Equal(5, await db.Reviews.CountAsync(r => r.CustomerId == customerId));

        _core.Clock.Now = _core.Clock.Now.AddDays(1).AddMinutes(1);
        Assert.True((await Reviews.SubmitAsync(actor, 4, "Next day", null, default)).Succeeded);
    }

    [Fact]
    public async Task Submit_AboutAnotherCustomersJob_IsRefused()
    {
        var (actor, _) = await CustomerAsync();
        await using var db = await _core.DbAsync();
        var other = await TestRecords.CustomerAsync(db, "Other");
        var job = await TestRecords.JobAsync(db, other.Id);

        var result = await Reviews.SubmitAsync(actor, 5, "Nice", job.Id, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.False(await db.Reviews.AnyAsync());
    }

    [Fact]
    public async Task Submit_AboutTheirOwnJob_KeepsTheJob()
    {
        var (actor, customerId) = await CustomerAsync();
        await using var db = await _core.DbAsync();
        var job = await TestRecords.JobAsync(db, customerId);

        var result = await Reviews.SubmitAsync(actor, 2, "Late", job.Id, default);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(job.Id, (await db.Reviews.SingleAsync()).JobId);
    }

    [Fact]
    public async Task Submit_ByLockedViewAsOrWithoutTheModule_IsRefused()
    {
        var (actor, _) = await CustomerAsync();

        foreach (var refused in new[]
                 {
                     actor with { IsLocked = true }, actor with { ViewingStaffUserId = 1 },
                     actor with { Modules = PortalModules.All & ~PortalModules.Reviews }, CoreServices.Staff,
                 })
            Assert.Equal(ResultKind.Forbidden, (await Reviews.SubmitAsync(refused, 5, "x", null, default)).Kind);
        await using var db = await _core.DbAsync();
        Assert.False(await db.Reviews.AnyAsync());
    }

    [Fact]
    public async Task StaffReads_AreRefusedToCustomers()
    {
        var (actor, _) = await CustomerAsync();
        await Reviews.SubmitAsync(actor, 1, "Marker-private", null, default);
        await using var db = await _core.DbAsync();
        var id = (await db.Reviews.SingleAsync()).Id;

        Assert.Equal(ResultKind.Forbidden, (await Reviews.ListAsync(actor, new ReviewFilter(), default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Reviews.ListAsync(actor with { ViewingStaffUserId = 1 }, new ReviewFilter(), default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Reviews.MarkFollowedUpAsync(actor, id, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Reviews.ReplyAsync(actor, id, "hi", default)).Kind);
    }

    [Fact]
    public async Task List_GivesAverageDistributionAndCount_AndFilters()
    {
        var (actor, customerId) = await CustomerAsync();
        foreach (var rating in new[] { 5, 5, 4, 1 }) Assert.True((await Reviews.SubmitAsync(actor, rating, $"Rated {rating}", null, default)).Succeeded);

        var all = (await Reviews.ListAsync(CoreServices.Staff, new ReviewFilter(), default)).Value!;
        var fives = (await Reviews.ListAsync(CoreServices.Staff, new ReviewFilter(Rating: 5), default)).Value!;

        Assert.Equal(4, all.Count);
        Assert.Equal(3.75, all.Average, 3);
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 0, [3] = 0, [4] = 1, [5] = 2 }, all.Distribution);
        Assert.All(all.Rows, r => Assert.Equal(customerId, r.CustomerId));
        Assert.Equal(2, fives.Count);
        Assert.All(fives.Rows, r => Assert.Equal(5, r.Rating));
    }

    [Fact]
    public async Task FollowUp_AndReopen_MoveTheReviewBetweenTheFilters()
    {
        var (actor, customerId) = await CustomerAsync();
        await Reviews.SubmitAsync(actor, 2, "Muddy boots", null, default);
        var id = (await Reviews.ListAsync(CoreServices.Staff, new ReviewFilter(), default)).Value!.Rows.Single().Id;

        Assert.True((await Reviews.MarkFollowedUpAsync(CoreServices.Staff, id, default)).Succeeded);
        var open = (await Reviews.ListAsync(CoreServices.Staff, new ReviewFilter(NeedsFollowUp: true), default)).Value!;
        var row = (await Reviews.ListAsync(CoreServices.Staff, new ReviewFilter(NeedsFollowUp: false), default)).Value!.Rows.Single();
        Assert.Equal(ResultKind.Conflict, (await Reviews.MarkFollowedUpAsync(CoreServices.Staff, id, default)).Kind);
        Assert.True((await Reviews.ReopenAsync(CoreServices.Staff, id, default)).Succeeded);

        Assert.Equal(0, open.Count);
        Assert.Equal("Sam Staff", row.FollowedUpBy);
        Assert.Equal(1, (await Reviews.ListAsync(CoreServices.Staff, new ReviewFilter(NeedsFollowUp: true), default)).Value!.Count);
        Assert.Equal(3, Published().Count(e => e == new ReviewChanged(customerId, id)));
    }

    [Fact]
    public async Task Reply_StartsAPrivateConversationWithoutTheReview_AndRemembersIt()
    {
        var (actor, customerId) = await CustomerAsync();
        await Reviews.SubmitAsync(actor, 2, "Marker-comment-42", null, default);
        var id = (await Reviews.ListAsync(CoreServices.Staff, new ReviewFilter(), default)).Value!.Rows.Single().Id;

        var staff = await StaffAsync();

        var reply = await Reviews.ReplyAsync(staff, id, "Sorry about that, we will come back on Monday.", default);

        Assert.True(reply.Succeeded, reply.Message);
        await using var db = await _core.DbAsync();
        var thread = await db.MessageThreads.SingleAsync(t => t.Id == reply.Value);
        Assert.Equal(customerId, thread.CustomerId);
        Assert.Equal(ReviewService.ReplyTopic, thread.Topic);
        Assert.DoesNotContain(await db.Messages.Where(m => m.ThreadId == thread.Id).Select(m => m.Body).ToListAsync(), b => b.Contains("Marker-comment-42"));
        Assert.Equal(reply.Value, (await db.Reviews.SingleAsync()).ReplyThreadId);
    }

    [Fact]
    public async Task ReviewableJobs_AreTheCustomersCompletedJobsOnly()
    {
        var (actor, customerId) = await CustomerAsync();
        await using var db = await _core.DbAsync();
        var done = await TestRecords.JobAsync(db, customerId, "Done job");
        done.Complete(TestRecords.Created);
        await TestRecords.JobAsync(db, customerId, "Open job");
        var other = await TestRecords.CustomerAsync(db, "Other");
        var othersDone = await TestRecords.JobAsync(db, other.Id, "Someone else's");
        othersDone.Complete(TestRecords.Created);
        await db.SaveChangesAsync();

        var jobs = (await Reviews.ReviewableJobsAsync(actor, default)).Value!;

        Assert.Equal([done.Id], jobs.Select(j => j.Id));
    }

    /// <summary>A staff member with a record (a message needs its author).</summary>
    private async Task<Actor> StaffAsync()
    {
        await using var db = await _core.DbAsync();
        var account = new AppUser { UserName = TestAccounts.UniqueEmail("staff"), Kind = AccountKind.Staff };
        db.Users.Add(account);
        var staff = new StaffUser(account.Id, "Sam Staff", account.UserName, StaffRole.Staff, TestRecords.Created);
        db.StaffUsers.Add(staff);
        await db.SaveChangesAsync();
        return staff.ToActor();
    }

    private List<LiveEvent> Published()
    {
        lock (_published) return [.. _published];
    }

    private async Task<(Actor Actor, int CustomerId)> CustomerAsync()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db, "Reviewer");
        var user = new PortalUser(customer.Id, TestAccounts.UniqueEmail("review"), "Pat Portal", PortalLoginMode.LinkOnly, TestRecords.Created);
        db.PortalUsers.Add(user);
        await db.SaveChangesAsync();
        return (user.ToActor(PortalModules.All, null), customer.Id);
    }
}
