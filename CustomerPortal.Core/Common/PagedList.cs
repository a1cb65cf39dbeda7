namespace CustomerPortal.Core.Common;

/// <summary>Which page of a list to fetch; page numbers start at 0 and the size is kept between 1 and 200.</summary>
public sealed record PageRequest(int Page = 0, int PageSize = 25)
{
    public int SafePage => Math.Max(0, Page);
    public int SafePageSize => Math.Clamp(PageSize, 1, 200);
    public int Skip => SafePage * SafePageSize;
}

/// <summary>One page of a list and how many rows the whole list has.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int TotalCount);
