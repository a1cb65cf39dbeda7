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

    /// <summary>The first row id a customer can never reach: customers' rows all lie below it.</summary>
    public static long CustomerRowIdEnd(int maxCustomerId) => ((long)maxCustomerId + 1) * 8;

    /// <summary>
    /// Row ids matching <paramref name="match"/> (an FTS5 expression of quoted strings), newest record first, below
    /// <paramref name="belowRowId"/>, at most <paramref name="limit"/>. The limit bounds the work for a common trigram
    /// ("inv" is in every invoice number): FTS5 walks the index in rowid order and stops there.
    /// </summary>
    public static Task<List<long>> MatchAsync(PortalDbContext db, string match, long belowRowId, int limit, CancellationToken ct) =>
        db.Database.SqlQuery<long>($"""
            SELECT rowid AS Value FROM SearchIndex WHERE SearchIndex MATCH {match} AND rowid < {belowRowId} ORDER BY rowid DESC LIMIT {limit}
            """).ToListAsync(ct);
}
