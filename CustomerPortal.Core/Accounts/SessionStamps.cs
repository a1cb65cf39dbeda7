using System.Security.Cryptography;
using CustomerPortal.Core.Data;

namespace CustomerPortal.Core.Accounts;

/// <summary>
/// Ends every session of an account by giving it a new Identity security stamp. Each request checks the stamp in the
/// sign-in cookie against the database, so an old cookie stops working on its next request, hub call or circuit action.
/// </summary>
public static class SessionStamps
{
    /// <summary>Renews the stamp in the caller's context, so it is saved together with the change that ends the sessions (e.g. a lock).</summary>
    public static async Task EndSessionsAsync(PortalDbContext db, string? accountId, CancellationToken ct)
    {
        if (accountId is null) return;
        var account = await db.Users.FindAsync([accountId], ct);
        if (account is null) return;
        account.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        account.ConcurrencyStamp = Guid.NewGuid().ToString();
    }
}
