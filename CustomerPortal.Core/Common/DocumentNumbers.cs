using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Common;

public static class DocumentNumbers
{
    /// <summary>
    /// Takes the next number for a kind of document, e.g. "INV-1001". One atomic UPDATE ... RETURNING, so two
    /// writers never get the same number; run it inside the transaction that saves the document, and a rollback
    /// leaves a gap rather than a reuse.
    /// </summary>
    public static async Task<string> NextAsync(PortalDbContext db, string prefix, CancellationToken ct)
    {
        var taken = await db.Database
            .SqlQuery<long>($"UPDATE \"DocumentNumberSequences\" SET \"NextValue\" = \"NextValue\" + 1 WHERE \"Prefix\" = {prefix} RETURNING \"NextValue\" - 1 AS \"Value\"")
            .ToListAsync(ct);
        if (taken.Count != 1) throw new InvalidOperationException($"No number sequence for {prefix}.");
        return $"{prefix}-{taken[0]}";
    }
}
