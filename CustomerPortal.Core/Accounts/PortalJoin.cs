using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Accounts;

/// <summary>
/// A portal user's first registration also marks their customer as using the portal (<see cref="Customer.PortalJoinedAtUtc"/>).
/// Written as one statement, not through the tracked customer, so it never conflicts with staff editing the customer.
/// </summary>
internal static class PortalJoin
{
    public static Task RecordAsync(PortalDbContext db, int customerId, DateTime nowUtc, CancellationToken ct) =>
        db.Customers.Where(c => c.Id == customerId && c.PortalJoinedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PortalJoinedAtUtc, nowUtc), ct);
}
