using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Outbox;

public sealed record OutboxListItem(long Id, DateTime CreatedAtUtc, MessageChannel Channel, string ToAddress, string ToName, string Subject,
    OutboxStatus Status);


/// <summary>Lets staff read what the app queued to send; without an e-mail or SMS provider this is where the messages stay.</summary>
public sealed class OutboxService(IDbContextFactory<PortalDbContext> dbFactory, AccessRules access)
{
    public const int MaxPageSize = 100;

    /// <summary>One page of queued messages, newest first. <paramref name="page"/> counts from 0.</summary>
    public async Task<Result<PagedList<OutboxListItem>>> ListAsync(Actor actor, int page, int pageSize, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ViewOutbox)) return Result<PagedList<OutboxListItem>>.From(Result.Forbidden());
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(0, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.OutboxMessages.CountAsync(ct);
        var items = await db.OutboxMessages.AsNoTracking()
            .OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(m => new OutboxListItem(m.Id, m.CreatedAtUtc, m.Channel, m.ToAddress, m.ToName, m.Subject, m.Status))
            .ToListAsync(ct);
        return new PagedList<OutboxListItem>(items, total);
    }

    public async Task<Result<OutboxMessage>> GetAsync(Actor actor, long id, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ViewOutbox)) return Result<OutboxMessage>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        return message is null ? Result<OutboxMessage>.From(Result.NotFound("That message was not found.")) : message;
    }
}
