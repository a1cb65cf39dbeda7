using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Search;

/// <summary>
/// Every statement that reads the SQLite search index (see <see cref="SearchIndexKinds"/>). The rowid carries the kind in
/// its low three bits and the record's id above them, so matches are read from the index alone, never from its stored text.
/// </summary>
internal static class SearchIndexSql
{
    public static StaffSearchKind KindOf(long rowId) => (StaffSearchKind)(rowId & 7);

    public static int IdOf(long rowId) => (int)(rowId >> 3);

    /// <summary>
    /// Row ids matching <paramref name="match"/> (an FTS5 expression of quoted strings) in index order, oldest record first,
    /// at most <paramref name="limit"/>: the cheap direction for FTS5, which reads a phrase's trigram lists forwards and
    /// stops at the limit, so a common trigram ("inv" is in every invoice number) costs no more than a rare one.
    /// </summary>
    public static Task<List<long>> FirstMatchesAsync(PortalDbContext db, string match, int limit, CancellationToken ct) =>
        db.Database.SqlQuery<long>($"""
            SELECT rowid AS Value FROM SearchIndex WHERE SearchIndex MATCH {match} ORDER BY rowid LIMIT {limit}
            """).ToListAsync(ct);

    /// <summary>
    /// The newest matches, at most <paramref name="limit"/>. Reading backwards costs FTS5 more per row (measured: a rare
    /// phrase takes about three times as long as forwards), so this runs only when the forward read did not see them all.
    /// </summary>
    public static Task<List<long>> NewestMatchesAsync(PortalDbContext db, string match, int limit, CancellationToken ct) =>
        db.Database.SqlQuery<long>($"""
            SELECT rowid AS Value FROM SearchIndex WHERE SearchIndex MATCH {match} ORDER BY rowid DESC LIMIT {limit}
            """).ToListAsync(ct);
}
