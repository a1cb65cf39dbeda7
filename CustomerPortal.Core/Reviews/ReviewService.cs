using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Reviews;

/// <summary>What a customer is told after leaving a review: only whether (and where) to offer the public review page. Never the review itself.</summary>
public sealed record ReviewSubmitted(string? PublicReviewUrl);

/// <summary>A completed job the customer may say something about (the Rate us job picker).</summary>
public sealed record ReviewableJob(int Id, string Number, string Title, DateTime? CompletedAtUtc);

/// <summary>Which reviews the staff list shows.</summary>
public sealed record ReviewFilter(bool? NeedsFollowUp = null, int? Rating = null, int? JobId = null, int? CustomerId = null);

/// <summary>One review as staff see it; times in the company's time zone.</summary>
public sealed record ReviewRow(int Id, int CustomerId, string CustomerName, int? JobId, string? JobNumber, int Rating, string Comment,
    string AuthorName, DateTime CreatedLocal, DateTime? FollowedUpLocal, string FollowedUpBy, int? ReplyThreadId)
{
    public bool NeedsFollowUp => FollowedUpLocal is null;
}

/// <summary>The staff Reviews list with its summary over the same filter: count, average and how many of each star.</summary>
public sealed record ReviewList(IReadOnlyList<ReviewRow> Rows, int Count, double Average, IReadOnlyDictionary<int, int> Distribution)
{
    public const int MaxRows = 500;
}

/// <summary>
/// Private reviews ("Rate us"). Customers can only write one: no method here returns a review to a customer actor, and
/// every read and follow-up is staff only (<see cref="Operation.ViewReviews"/>).
/// </summary>
public sealed class ReviewService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    CompanySettingsService companySettings,
    MessagingService messaging,
    ILiveEventPublisher live,
    IOptions<ReviewsOptions> options,
    TimeProvider clock)
{
    public const string ReplyTopic = "About your review";

    public const string TooManyToday = "You have sent several reviews today. Thank you! Please send the next one tomorrow.";

    /// <summary>
    /// Saves the signed-in customer's review, optionally about one of their jobs they can see. Returns the public review
    /// address to offer when the rating reaches the company's threshold and one is set.
    /// </summary>
    public async Task<Result<ReviewSubmitted>> SubmitAsync(Actor actor, int rating, string? comment, int? jobId, CancellationToken ct)
    {
        if (!actor.IsCustomer || actor.CustomerId is not { } customerId || !access.Can(actor, Operation.SubmitReview))
            return Result<ReviewSubmitted>.From(Result.Forbidden("You cannot leave a review from this account."));
        comment ??= "";
        var valid = Review.Validate(rating, comment);
        if (!valid.Succeeded) return Result<ReviewSubmitted>.From(valid);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (jobId is { } id)
        {
            var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct);
            if (job is null || !access.Can(actor, Operation.ViewJob, job))
                return Result<ReviewSubmitted>.From(Result.Invalid("JobId", "Choose one of your jobs, or leave the job empty."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-1);
        var sentToday = await db.Reviews.CountAsync(r => r.PortalUserId == actor.PortalUserId && r.CreatedAtUtc > since, ct);
        if (sentToday >= options.Value.MaxPerPortalUserPerDay) return Result<ReviewSubmitted>.From(Result.Conflict(TooManyToday));

        var company = await companySettings.GetAsync(ct);
        var review = new Review(customerId, actor.PortalUserId, jobId, rating, comment, actor.Name, now);
        var offer = rating >= company.ReviewRatingThreshold && !string.IsNullOrWhiteSpace(company.PublicReviewUrl);
        if (offer) review.MarkPublicLinkOffered(now);
        db.Reviews.Add(review);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new ReviewChanged(customerId, review.Id), ct);
        return new ReviewSubmitted(offer ? company.PublicReviewUrl : null);
    }

    /// <summary>The customer's completed jobs they can see, newest first, for the Rate us job picker.</summary>
    public async Task<Result<IReadOnlyList<ReviewableJob>>> ReviewableJobsAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsCustomer || actor.CustomerId is not { } customerId || !access.Can(actor, Operation.SubmitReview))
            return Result<IReadOnlyList<ReviewableJob>>.From(Result.Forbidden());
        if (!access.Can(actor, Operation.ViewJob)) return Array.Empty<ReviewableJob>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.CustomerId == customerId && j.Status == JobStatus.Completed)
            .OrderByDescending(j => j.CompletedAtUtc).ThenByDescending(j => j.Id).Take(50).ToListAsync(ct);
        return jobs.Where(j => access.Can(actor, Operation.ViewJob, j))
            .Select(j => new ReviewableJob(j.Id, j.Number, j.Title, j.CompletedAtUtc)).ToList();
    }

    /// <summary>Staff: the reviews matching the filter (newest first) with their count, average and distribution.</summary>
    public async Task<Result<ReviewList>> ListAsync(Actor actor, ReviewFilter filter, CancellationToken ct)
    {
        if (!IsStaffAllowed(actor)) return Result<ReviewList>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reviews = db.Reviews.AsNoTracking();
        if (filter.NeedsFollowUp is { } needs) reviews = needs ? reviews.Where(r => r.FollowedUpAtUtc == null) : reviews.Where(r => r.FollowedUpAtUtc != null);
        if (filter.Rating is { } rating) reviews = reviews.Where(r => r.Rating == rating);
        if (filter.JobId is { } jobId) reviews = reviews.Where(r => r.JobId == jobId);
        if (filter.CustomerId is { } customerId) reviews = reviews.Where(r => r.CustomerId == customerId);

        var counts = await reviews.GroupBy(r => r.Rating).Select(g => new { Rating = g.Key, Count = g.Count() }).ToListAsync(ct);
        var distribution = Enumerable.Range(1, 5).ToDictionary(star => star, star => counts.FirstOrDefault(c => c.Rating == star)?.Count ?? 0);
        var count = distribution.Values.Sum();
        var average = count == 0 ? 0 : distribution.Sum(d => (double)d.Key * d.Value) / count;

        var rows = await (from review in reviews
                          join customer in db.Customers on review.CustomerId equals customer.Id
                          join job in db.Jobs on review.JobId equals job.Id into jobs
                          from job in jobs.DefaultIfEmpty()
                          orderby review.CreatedAtUtc descending, review.Id descending
                          select new ReviewRow(review.Id, review.CustomerId, customer.DisplayName, review.JobId, job == null ? null : job.Number,
                              review.Rating, review.Comment, review.AuthorName, review.CreatedAtUtc, review.FollowedUpAtUtc, review.FollowedUpBy,
                              review.ReplyThreadId))
            .Take(ReviewList.MaxRows).ToListAsync(ct);
        var zone = (await companySettings.GetAsync(ct)).TimeZone;
        rows = rows.Select(r => r with
        {
            CreatedLocal = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(r.CreatedLocal, DateTimeKind.Utc), zone),
            FollowedUpLocal = r.FollowedUpLocal is { } at ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone) : null,
        }).ToList();
        return new ReviewList(rows, count, average, distribution);
    }

    /// <summary>Staff dealt with the review (called the customer, put something right).</summary>
    public Task<Result> MarkFollowedUpAsync(Actor actor, int reviewId, CancellationToken ct) =>
        ChangeAsync(actor, reviewId, (review, now) => review.MarkFollowedUp(actor.Name, now), ct);

    /// <summary>Puts a followed-up review back on the "needs follow-up" list.</summary>
    public Task<Result> ReopenAsync(Actor actor, int reviewId, CancellationToken ct) =>
        ChangeAsync(actor, reviewId, (review, _) =>
        {
            if (review.FollowedUpAtUtc is null) return Result.Conflict("This review already needs follow-up.");
            review.ReopenFollowUp();
            return Result.Success();
        }, ct);

    /// <summary>
    /// Answers a review privately: starts a conversation with the customer (only the reply is in it, never the review)
    /// and remembers its thread on the review. Returns the thread id.
    /// </summary>
    public async Task<Result<int>> ReplyAsync(Actor actor, int reviewId, string text, CancellationToken ct)
    {
        if (!IsStaffAllowed(actor)) return Result<int>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId, ct);
        if (review is null) return Result<int>.From(NotFound());
        var started = await messaging.StartConversationAsync(actor, review.CustomerId, ReplyTopic, Guid.NewGuid(), text, ct);
        if (!started.Succeeded) return started;
        review.RecordReply(started.Value);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new ReviewChanged(review.CustomerId, review.Id), ct);
        return started.Value;
    }

    private async Task<Result> ChangeAsync(Actor actor, int reviewId, Func<Review, DateTime, Result> change, CancellationToken ct)
    {
        if (!IsStaffAllowed(actor)) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId, ct);
        if (review is null) return NotFound();
        var changed = change(review, clock.GetUtcNow().UtcDateTime);
        if (!changed.Succeeded) return changed;
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new ReviewChanged(review.CustomerId, review.Id), ct);
        return Result.Success();
    }

    private bool IsStaffAllowed(Actor actor) => actor.Kind != ActorKind.Customer && access.Can(actor, Operation.ViewReviews);

    private static Result NotFound() => Result.NotFound("That review was not found.");
}

public static class ReviewsServiceCollectionExtensions
{
    /// <summary>Private reviews: customers write them in the portal, staff read and answer them.</summary>
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        services.AddOptions<ReviewsOptions>().BindConfiguration(ReviewsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<ReviewService>();
    }
}
