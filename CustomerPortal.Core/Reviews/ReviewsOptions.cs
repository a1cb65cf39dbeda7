using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Core.Reviews;

public sealed class ReviewsOptions
{
    public const string Section = "Reviews";

    /// <summary>
    /// How many reviews one portal user may send in 24 hours. Counted in the database, so it holds on every app instance;
    /// it stops a script (or a stuck button) filling the staff list, not an honest customer.
    /// </summary>
    [Range(1, 1000)]
    public int MaxPerPortalUserPerDay { get; set; } = 5;
}
