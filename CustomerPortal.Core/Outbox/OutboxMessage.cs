using CustomerPortal.Core.Common;
using CustomerPortal.Core.Templates;

namespace CustomerPortal.Core.Outbox;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// An e-mail or SMS waiting to go out, written in the same transaction as the change that caused it, so a
/// notification is never lost or sent for a change that rolled back. Without a provider configured, messages stay
/// here for staff to read.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }
    public MessageChannel Channel { get; private set; }
    public string ToAddress { get; private set; } = "";
    public string ToName { get; private set; } = "";
    public string Subject { get; private set; } = "";
    /// <summary>The SMS text, or the e-mail's plain-text part (what staff read in the outbox).</summary>
    public string Body { get; private set; } = "";

    /// <summary>The e-mail's HTML part; empty for an SMS.</summary>
    public string HtmlBody { get; private set; } = "";
    public string TemplateKey { get; private set; } = "";
    public int? CustomerId { get; private set; }
    public int? PortalUserId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public string LastError { get; private set; } = "";

    /// <summary>Where a reply to this e-mail goes (a thread's signed reply address); empty for the company's default.</summary>
    public string ReplyToAddress { get; private set; } = "";

    /// <summary>The recipient's one-click unsubscribe address (sent as List-Unsubscribe); empty when the e-mail has none.</summary>
    public string UnsubscribeUrl { get; private set; } = "";

    /// <summary>Marketing, as opposed to a notification about the customer's own records: only sent with marketing opt-in.</summary>
    public bool IsMarketing { get; private set; }

    /// <summary>When the dispatcher may try (again); later after each failed attempt.</summary>
    public DateTime NextAttemptAtUtc { get; private set; }

    /// <summary>The dispatcher instance that has claimed this message, until <see cref="LeaseExpiresAtUtc"/>.</summary>
    public string LeaseOwner { get; private set; } = "";
    public DateTime? LeaseExpiresAtUtc { get; private set; }

    /// <summary>The provider's id for the sent message, when it gives one.</summary>
    public string ProviderMessageId { get; private set; } = "";

    private OutboxMessage() { }

    public OutboxMessage(MessageChannel channel, string toAddress, string toName, string subject, string body, string templateKey,
        int? customerId, int? portalUserId, DateTime createdAtUtc, string htmlBody = "")
    {
        HtmlBody = htmlBody;
        Channel = channel;
        ToAddress = toAddress;
        ToName = toName;
        Subject = subject;
        Body = body;
        TemplateKey = templateKey;
        CustomerId = customerId;
        PortalUserId = portalUserId;
        CreatedAtUtc = createdAtUtc;
        NextAttemptAtUtc = createdAtUtc;
        Status = OutboxStatus.Pending;
    }

    /// <summary>Replies to this e-mail go to <paramref name="address"/> (a thread's signed reply address).</summary>
    public OutboxMessage SendRepliesTo(string address)
    {
        ReplyToAddress = address;
        return this;
    }

    /// <summary>The e-mail carries a one-click unsubscribe link; marketing e-mail only goes to customers who opted in.</summary>
    public OutboxMessage OfferUnsubscribe(string url, bool marketing)
    {
        UnsubscribeUrl = url;
        IsMarketing = marketing;
        return this;
    }

    /// <summary>The provider accepted the message; the lease is given up.</summary>
    public void MarkSent(DateTime nowUtc, string providerMessageId = "")
    {
        Attempts++;
        Status = OutboxStatus.Sent;
        SentAtUtc = nowUtc;
        ProviderMessageId = providerMessageId;
        LastError = "";
        ReleaseLease();
    }

    /// <summary>
    /// An attempt failed with the provider's reason: tried again at <paramref name="nextAttemptAtUtc"/>, or Failed for good
    /// when <paramref name="permanent"/> or when this was attempt <paramref name="maxAttempts"/>.
    /// </summary>
    public void MarkAttemptFailed(string error, int maxAttempts, DateTime nextAttemptAtUtc, bool permanent = false)
    {
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (permanent || Attempts >= maxAttempts) Status = OutboxStatus.Failed;
        else NextAttemptAtUtc = nextAttemptAtUtc;
        ReleaseLease();
    }

    /// <summary>Staff asked to try a failed message again: it is due now, with a fresh count of attempts.</summary>
    public Result RetryNow(DateTime nowUtc)
    {
        if (Status != OutboxStatus.Failed) return Result.Conflict($"Only a failed message can be retried; this one is {(Status == OutboxStatus.Sent ? "sent" : "still queued")}.");
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAtUtc = nowUtc;
        ReleaseLease();
        return Result.Success();
    }

    public const int MaxErrorLength = 2000;

    private void ReleaseLease()
    {
        LeaseOwner = "";
        LeaseExpiresAtUtc = null;
    }
}
