namespace CustomerPortal.Core.Search;

/// <summary>What the staff search looks through, in the order the results show (customers before documents).</summary>
public enum StaffSearchKind
{
    Customer,
    Job,
    Estimate,
    Invoice,
    Payment,
}

/// <summary>
/// One record found: <see cref="Title"/> is the customer's name or the document's number and title, <see cref="Detail"/>
/// the line under it, <see cref="Href"/> its staff page. <see cref="IsExactNumber"/>: the query was this document's number.
/// </summary>
public sealed record StaffSearchHit(StaffSearchKind Kind, int Id, string Title, string Detail, string Href, bool IsArchived = false, bool IsExactNumber = false);

/// <summary>
/// The first hits of one kind and how many there are. <see cref="TotalIsLowerBound"/>: counting stopped at the search's
/// scan limit, so there are at least <see cref="Total"/>.
/// </summary>
public sealed record StaffSearchGroup(StaffSearchKind Kind, string Heading, IReadOnlyList<StaffSearchHit> Hits, int Total, bool TotalIsLowerBound);

/// <summary>
/// The answer to one query: groups with at least one hit, in showing order, or a <see cref="Message"/> instead (the query is
/// too short to look for).
/// </summary>
public sealed record StaffSearchResults(IReadOnlyList<StaffSearchGroup> Groups, string? Message = null)
{
    public static readonly StaffSearchResults Empty = new([]);

    public bool IsEmpty => Groups.Count == 0;
}
