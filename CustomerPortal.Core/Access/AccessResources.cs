using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Access;

/// <summary>
/// Loads a customer's record by id so that a page or endpoint can ask <see cref="AccessRules"/> about it before calling
/// the service that serves it (the web project's authorization handler asks with what this returns).
/// </summary>
public sealed class AccessResources(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>The record with this id, or null when there is none.</summary>
    public async Task<T?> FindAsync<T>(int id, CancellationToken ct) where T : class, ICustomerOwned
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<T>().FindAsync([id], ct);
    }
}
