using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Outbox;

public sealed record OutboxListItem(long Id, DateTime CreatedAtUtc, MessageChannel Channel, string ToAddress, string ToName, string Subject,
    OutboxStatus Status, int Attempts = 0, string LastError = "", DateTime? NextAttemptAtUtc = null, DateTime? SentAtUtc = null);

/// <summary>Which messages the outbox list shows; null means any.</summary>
public sealed record OutboxFilter(OutboxStatus? Status = null, MessageChannel? Channel = null)
{
    public static readonly OutboxFilter All = new();
}

/// <summary>Lets staff read what the app queued to send, and send failed messages again.</summary>
public sealed class OutboxService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, AuditLog audit, IOptions<DeliveryOptions> delivery, TimeProvider clock,
    ILiveEventPublisher live)
{
    public const int MaxPageSize = 100;

    /// <summary>Whether messages of the channel go to a provider (otherwise they stay in the outbox for staff to read).</summary>
    public bool Delivers(MessageChannel channel) => delivery.Value.Sends(channel);

    /// <summary>The provider the channel's messages go out through, for staff to read; null when there is none.</summary>
    public string? ProviderOf(MessageChannel channel) => channel switch
    {
        MessageChannel.Email => delivery.Value.EmailProvider switch
        {
            EmailProvider.SendGrid => "SendGrid",
            EmailProvider.Smtp => $"the SMTP server {delivery.Value.Smtp.Host}",
            _ => null,
        },
        _ => delivery.Value.SmsProvider == SmsProvider.Rest ? "the SMS provider's API" : null,
    };

    /// <summary>One page of queued messages, newest first. <paramref name="page"/> counts from 0.</summary>
    public Task<Result<PagedList<OutboxListItem>>> ListAsync(Actor actor, int page, int pageSize, CancellationToken ct) =>
        ListAsync(actor, OutboxFilter.All, page, pageSize, ct);

    /// <summary>One page of the messages the filter lets through, newest first. <paramref name="page"/> counts from 0.</summary>
    public async Task<Result<PagedList<OutboxListItem>>> ListAsync(Actor actor, OutboxFilter filter, int page, int pageSize, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ViewOutbox)) return Result<PagedList<OutboxListItem>>.From(Result.Forbidden());
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(0, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var messages = db.OutboxMessages.AsNoTracking();
        if (filter.Status is { } status) messages = messages.Where(m => m.Status == status);
        if (filter.Channel is { } channel) messages = messages.Where(m => m.Channel == channel);
        var total = await messages.CountAsync(ct);
        var items = await messages
            .OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(m => new OutboxListItem(m.Id, m.CreatedAtUtc, m.Channel, m.ToAddress, m.ToName, m.Subject, m.Status,
                m.Attempts, m.LastError, m.Status == OutboxStatus.Pending ? m.NextAttemptAtUtc : null, m.SentAtUtc))
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

    /// <summary>Makes a failed message due again now, with a fresh count of attempts; the dispatcher picks it up.</summary>
    public async Task<Result> RetryAsync(Actor actor, long id, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.RetryOutboxMessage)) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return Result.NotFound("That message was not found.");
        var result = message.RetryNow(clock.GetUtcNow().UtcDateTime);
        if (!result.Succeeded) return result;
        audit.Add(db, actor, "outbox.retried", nameof(OutboxMessage), id.ToString(System.Globalization.CultureInfo.InvariantCulture), message.CustomerId,
            $"{message.Channel} to {message.ToAddress}; last error: {message.LastError}");
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new OutboxMessageChanged(id), CancellationToken.None);
        return Result.Success(Delivers(message.Channel) ? "The message will be sent again shortly." : "The message is queued again.");
    }
}
