using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Reviews;

/// <summary>A private rating a customer leaves in the portal. Only the business sees it.</summary>
public sealed class Review : ICustomerOwned
{
    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public int? PortalUserId { get; private set; }
    public int? JobId { get; private set; }

    /// <summary>1 to 5 stars.</summary>
    public int Rating { get; private set; }
    public string Comment { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When the customer was offered the public review link (ratings at or above the company threshold).</summary>
    public DateTime? PublicLinkOfferedAtUtc { get; private set; }

    public bool IsVisibleToCustomer => true;

    private Review() { }

    public Review(int customerId, int? portalUserId, int? jobId, int rating, string comment, DateTime createdAtUtc)
    {
        CustomerId = customerId;
        PortalUserId = portalUserId;
        JobId = jobId;
        Rating = rating;
        Comment = comment;
        CreatedAtUtc = createdAtUtc;
    }

    public static Result Validate(int rating, string comment) =>
        rating is < 1 or > 5 ? Result.Invalid(nameof(Rating), "Choose from one to five stars.")
        : comment.Length > 4000 ? Result.Invalid(nameof(Comment), "Please keep the comment under 4,000 characters.")
        : Result.Success();

    public void MarkPublicLinkOffered(DateTime nowUtc) => PublicLinkOfferedAtUtc = nowUtc;
}
