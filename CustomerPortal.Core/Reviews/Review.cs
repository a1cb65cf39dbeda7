using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Reviews;

/// <summary>
/// A private rating a customer leaves in the portal ("Rate us"). Only the business sees it: it is never shown on a portal
/// or public page, not even to the customer who wrote it (they get a thank-you page, and staff may reply privately in a
/// message thread).
/// </summary>
public sealed class Review : ICustomerOwned
{
    public const int CommentMaxLength = 4000;

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public int? PortalUserId { get; private set; }
    public int? JobId { get; private set; }

    /// <summary>1 to 5 stars.</summary>
    public int Rating { get; private set; }
    public string Comment { get; private set; } = "";

    /// <summary>Who wrote it, as shown to staff (the portal user's name when they were signed in).</summary>
    public string AuthorName { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When the customer was offered the public review link (ratings at or above the company threshold).</summary>
    public DateTime? PublicLinkOfferedAtUtc { get; private set; }

    /// <summary>When a staff member dealt with it (called the customer, fixed what was wrong).</summary>
    public DateTime? FollowedUpAtUtc { get; private set; }
    public string FollowedUpBy { get; private set; } = "";

    /// <summary>The private conversation staff started to answer it, when they did.</summary>
    public int? ReplyThreadId { get; private set; }

    /// <summary>Reviews are for the business only: no customer reads one through the access rule.</summary>
    public bool IsVisibleToCustomer => false;

    private Review() { }

    public Review(int customerId, int? portalUserId, int? jobId, int rating, string comment, string authorName, DateTime createdAtUtc)
    {
        CustomerId = customerId;
        PortalUserId = portalUserId;
        JobId = jobId;
        Rating = rating;
        Comment = comment.Trim();
        AuthorName = authorName.Trim();
        CreatedAtUtc = createdAtUtc;
    }

    public static Result Validate(int rating, string comment) =>
        rating is < 1 or > 5 ? Result.Invalid(nameof(Rating), "Choose from one to five stars.")
        : comment.Trim().Length > CommentMaxLength ? Result.Invalid(nameof(Comment), "Please keep the comment under 4,000 characters.")
        : Result.Success();

    public void MarkPublicLinkOffered(DateTime nowUtc) => PublicLinkOfferedAtUtc = nowUtc;

    public Result MarkFollowedUp(string by, DateTime nowUtc)
    {
        if (FollowedUpAtUtc is not null) return Result.Conflict("This review is already marked followed up.");
        FollowedUpAtUtc = nowUtc;
        FollowedUpBy = by;
        return Result.Success();
    }

    public void ReopenFollowUp()
    {
        FollowedUpAtUtc = null;
        FollowedUpBy = "";
    }

    public void RecordReply(int threadId) => ReplyThreadId = threadId;
}
