using CustomerPortal.Core.Data;
using CustomerPortal.Core.Templates;

namespace CustomerPortal.Core.Outbox;

/// <summary>Queues e-mails and SMS in the caller's DbContext, so they are saved (or dropped) with the change that caused them.</summary>
public sealed class OutboxWriter(TimeProvider clock)
{
    /// <summary>Queues an e-mail composed from the event's template (<see cref="NotificationComposer"/>).</summary>
    public OutboxMessage EnqueueEmail(PortalDbContext db, string toAddress, string toName, ComposedEmail email, string templateKey,
        int? customerId = null, int? portalUserId = null)
    {
        var message = new OutboxMessage(MessageChannel.Email, toAddress, toName, email.Subject, email.Text, templateKey, customerId, portalUserId,
            clock.GetUtcNow().UtcDateTime, email.Html);
        db.OutboxMessages.Add(message);
        return message;
    }

    public OutboxMessage EnqueueSms(PortalDbContext db, string toNumber, string toName, string body, string templateKey,
        int? customerId = null, int? portalUserId = null)
    {
        var message = new OutboxMessage(MessageChannel.Sms, toNumber, toName, "", body, templateKey, customerId, portalUserId,
            clock.GetUtcNow().UtcDateTime);
        db.OutboxMessages.Add(message);
        return message;
    }
}
