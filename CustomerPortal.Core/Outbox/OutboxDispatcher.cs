using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Operations;
using CustomerPortal.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Outbox;

/// <summary>
/// Sends the outbox. Each due message is claimed with one conditional UPDATE (Pending, due, no live lease), so however many
/// app instances share the database, one of them sends it; a message whose sender died mid-send is claimed again when its
/// lease runs out. The outcome is written only while the lease is still this instance's. Messages of a channel without a
/// provider are left alone: staff read them on the Outbox page.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<DeliveryOptions> options,
    MessageSenders senders,
    CompanySettingsService company,
    ILiveEventPublisher live,
    TimeProvider clock,
    PortalMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 20;

    /// <summary>This dispatcher's name in <see cref="OutboxMessage.LeaseOwner"/>: machine, process and a random part.</summary>
    public string InstanceId { get; } = $"{Truncate(Environment.MachineName, 40)}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatcherEnabled || !(settings.Sends(MessageChannel.Email) || settings.Sends(MessageChannel.Sms))) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await DispatchDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "The outbox dispatcher failed; it looks again in {Interval}.", settings.PollInterval);
                }
                await Task.Delay(settings.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; a message being sent keeps its lease and is sent again after it runs out.
        }
    }

    /// <summary>Sends every message due now that this dispatcher can claim, batch by batch; returns how many it handled.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var handled = 0;
        while (true)
        {
            var due = await FindDueAsync(ct);
            var claimed = 0;
            foreach (var id in due)
            {
                if (!await TryClaimAsync(id, ct)) continue;
                claimed++;
                await SendClaimedAsync(id, ct);
            }
            handled += claimed;
            if (due.Count < BatchSize || claimed == 0) return handled;
        }
    }

    private async Task<List<long>> FindDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var channels = Enum.GetValues<MessageChannel>().Where(senders.Sends).ToList();
        if (channels.Count == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Due(db.OutboxMessages, now)
            .Where(m => channels.Contains(m.Channel))
            .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
    }

    /// <summary>One conditional UPDATE: exactly one of several dispatchers racing for the message gets a row count of 1.</summary>
    private async Task<bool> TryClaimAsync(long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? leaseEnd = now + options.Value.Lease;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Due(db.OutboxMessages.Where(m => m.Id == id), now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, InstanceId).SetProperty(m => m.LeaseExpiresAtUtc, leaseEnd), ct);
        return rows == 1;
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> messages, DateTime now) =>
        messages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now
                            && (m.LeaseExpiresAtUtc == null || m.LeaseExpiresAtUtc <= now));

    private async Task SendClaimedAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, ct);
        // Opt-in is checked when sending too: the customer may have opted out since the message was queued.
        var outcome = message is { IsMarketing: true, CustomerId: { } customerId }
                      && !await db.Customers.Where(c => c.Id == customerId).Select(c => c.MarketingOptIn).SingleOrDefaultAsync(ct)
            ? SendOutcome.Refused("Not sent: the customer has not opted in to marketing e-mail.")
            : await SendAsync(message, ct);

        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        if (outcome.Kind == SendOutcomeKind.Sent) message.MarkSent(now, outcome.ProviderMessageId);
        else
            message.MarkAttemptFailed(outcome.Error, settings.MaxAttempts, now + settings.RetryDelayAfter(message.Attempts + 1),
                permanent: outcome.Kind == SendOutcomeKind.Refused);

        // Written only while the lease is still ours: a dispatcher whose lease ran out must not overwrite the next one's result.
        var rows = await db.OutboxMessages.Where(m => m.Id == id && m.LeaseOwner == InstanceId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, message.Status)
                .SetProperty(m => m.Attempts, message.Attempts)
                .SetProperty(m => m.SentAtUtc, message.SentAtUtc)
                .SetProperty(m => m.ProviderMessageId, message.ProviderMessageId)
                .SetProperty(m => m.LastError, message.LastError)
                .SetProperty(m => m.NextAttemptAtUtc, message.NextAttemptAtUtc)
                .SetProperty(m => m.LeaseOwner, message.LeaseOwner)
                .SetProperty(m => m.LeaseExpiresAtUtc, message.LeaseExpiresAtUtc), CancellationToken.None);
        if (rows == 1)
        {
            if (outcome.Kind == SendOutcomeKind.Sent) metrics.OutboxSent(message.Channel);
            else metrics.OutboxFailed(message.Channel, givenUp: message.Status == OutboxStatus.Failed);
            await live.PublishAsync(new OutboxMessageChanged(id), CancellationToken.None);
        }
        if (rows == 0)
            logger.LogWarning("Outbox message {Id} was claimed by another dispatcher while this one sent it ({Outcome}).", id, outcome.Kind);
        else if (outcome.Kind != SendOutcomeKind.Sent)
            logger.LogWarning("Outbox message {Id} was not sent (attempt {Attempt}, now {Status}): {Error}", id, message.Attempts, message.Status, outcome.Error);
    }

    private async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            if (message.Channel == MessageChannel.Sms)
                return senders.Sms is { } sms ? await sms.SendAsync(message, ct) : SendOutcome.Retry("No SMS provider is set up.");
            if (senders.Email is not { } email) return SendOutcome.Retry("No e-mail provider is set up.");
            var from = await FromAsync(ct);
            return string.IsNullOrWhiteSpace(from.Address)
                ? SendOutcome.Refused("No sender address: set Delivery:FromAddress or the company's e-mail address in Settings.")
                : await email.SendAsync(message, from, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Sending outbox message {Id} failed unexpectedly.", message.Id);
            return SendOutcome.Retry($"Sending failed: {ex.Message}");
        }
    }

    private async Task<SenderAddress> FromAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var companySettings = await company.GetAsync(ct);
        return new SenderAddress(
            string.IsNullOrWhiteSpace(settings.FromAddress) ? companySettings.Email : settings.FromAddress,
            string.IsNullOrWhiteSpace(settings.FromName) ? companySettings.Name : settings.FromName);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
