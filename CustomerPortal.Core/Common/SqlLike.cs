namespace CustomerPortal.Core.Common;

/// <summary>LIKE patterns built from what a user typed: their <c>%</c>, <c>_</c> and <c>\</c> are taken literally.</summary>
public static class SqlLike
{
    /// <summary>The escape character the patterns use; pass it to <c>EF.Functions.Like</c>/<c>ILike</c>.</summary>
    public const string Escape = "\\";

    /// <summary>
    /// A pattern matching the text anywhere, in lower case, to match against a column in lower case (PostgreSQL's LIKE
    /// tells capitals apart, SQLite's does not) or with ILIKE.
    /// </summary>
    public static string Anywhere(string search) =>
        "%" + search.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
