using CustomerPortal.Core.Access;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Audit;

/// <summary>Writes audit events. Use <see cref="Add"/> inside a save that belongs to the change; <see cref="WriteAsync"/> for events on their own.</summary>
public sealed class AuditLog(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public void Add(PortalDbContext db, Actor actor, string action, string entityType, string entityId, int? customerId, string details = "", string ipAddress = "") =>
        db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow().UtcDateTime, actor, action, entityType, entityId, customerId, details, ipAddress));

    public async Task WriteAsync(Actor actor, string action, string entityType, string entityId, int? customerId, string details = "", string ipAddress = "", CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Add(db, actor, action, entityType, entityId, customerId, details, ipAddress);
        await db.SaveChangesAsync(ct);
    }
}
