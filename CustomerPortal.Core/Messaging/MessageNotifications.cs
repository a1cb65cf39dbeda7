using CustomerPortal.Core.Access;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Messaging;

/// <summary>An e-mail about a new message, written before the message is stored and queued with it if its recipient still qualifies.</summary>
internal sealed record PendingNotification(int? StaffUserId, int? PortalUserId, string Email, string Name, string Subject, string Body, string TemplateKey);

/// <summary>
/// E-mails about new messages, queued in the outbox in the same transaction as the message. Only people not looking at
/// the thread right now are told, at most once per thread per quiet period (Messaging:NotificationQuietMinutes), so a
/// burst of messages is one e-mail. A staff message tells the customer's portal users who may see the thread (when the
/// customer wants e-mails); a customer message tells the assignee, or, with nobody assigned, every staff member who asked.
/// Who could be told is read before the message's write (<see cref="PrepareAsync"/>); the quiet period is checked and
/// recorded inside it (<see cref="Queue"/>), where concurrent posts to the thread are one at a time.
/// </summary>
public sealed class MessageNotifications(OutboxWriter outbox, ThreadPresence presence, PortalLinks links, IOptions<MessagingOptions> options)
{
    public const string CustomerTemplateKey = "message-new";
    public const string StaffTemplateKey = "message-new-staff";
    private const int ExcerptLength = 300;

    internal async Task<IReadOnlyList<PendingNotification>> PrepareAsync(PortalDbContext db, CompanySettings company, ThreadOnSubject found,
        MessageAuthorKind authorKind, string authorName, string body, PortalModules? audience, CancellationToken ct)
    {
        var thread = found.Thread;
        if (authorKind == MessageAuthorKind.Staff && audience is null) return [];
        var names = await ThreadSubjects.NamesAsync(db, [(thread.SubjectKind, thread.SubjectId)], ct);
        var title = ThreadSubjects.Title(thread.SubjectKind, thread.Topic,
            thread.SubjectId is { } id && names.TryGetValue((thread.SubjectKind, id), out var name) ? name : null);

        if (authorKind == MessageAuthorKind.Staff)
        {
            var users = await DocumentNotifications.RecipientsAsync(db, company, thread.CustomerId, audience!.Value, ct);
            return users.Select(user => new PendingNotification(null, user.Id, user.Email, user.Name, $"New message from {company.Name}: {title}",
                $"""
                {DocumentNotifications.Greeting(user)}

                {authorName} of {company.Name} wrote about {title}:

                {Excerpt(body)}

                Read and answer it in your portal:
                {links.Thread(thread.Id)}
                """, CustomerTemplateKey)).ToList();
        }

        var customerName = await db.Customers.Where(c => c.Id == thread.CustomerId).Select(c => c.DisplayName).SingleAsync(ct);
        var staff = thread.AssignedStaffUserId is { } assignee
            ? await db.StaffUsers.AsNoTracking().Where(s => s.Id == assignee && s.IsActive).ToListAsync(ct)
            : await db.StaffUsers.AsNoTracking().Where(s => s.IsActive && s.EmailsAboutUnassignedMessages).OrderBy(s => s.Id).ToListAsync(ct);
        return staff.Where(s => !string.IsNullOrWhiteSpace(s.Email)).Select(member => new PendingNotification(member.Id, null, member.Email, member.Name,
            $"{customerName} wrote about {title}",
            $"""
            {authorName} ({customerName}) wrote about {title}:

            {Excerpt(body)}

            Answer in the inbox:
            {links.StaffThread(thread.Id)}
            """, StaffTemplateKey)).ToList();
    }

    /// <summary>
    /// Queues the e-mails whose recipients are not looking at the thread and were not told within the quiet period, and
    /// records that they are told now. <paramref name="participants"/> are the thread's, tracked by <paramref name="db"/>.
    /// </summary>
    internal void Queue(PortalDbContext db, MessageThread thread, IReadOnlyList<PendingNotification> pending, List<ThreadParticipant> participants, DateTime nowUtc)
    {
        var quiet = TimeSpan.FromMinutes(options.Value.NotificationQuietMinutes);
        foreach (var notification in pending)
        {
            var key = notification.StaffUserId is { } s ? $"s:{s}" : $"p:{notification.PortalUserId}";
            if (presence.IsViewing(thread.Id, key)) continue;
            var participant = participants.FirstOrDefault(p => notification.StaffUserId is not null
                ? p.StaffUserId == notification.StaffUserId
                : p.PortalUserId == notification.PortalUserId);
            if (participant is null)
            {
                participant = notification.StaffUserId is { } staffId
                    ? ThreadParticipant.ForStaff(thread.Id, staffId)
                    : ThreadParticipant.ForPortalUser(thread.Id, notification.PortalUserId!.Value);
                db.ThreadParticipants.Add(participant);
                participants.Add(participant);
            }
            if (!participant.MayBeNotified(nowUtc, quiet)) continue;
            participant.Notified(nowUtc);
            outbox.EnqueueEmail(db, notification.Email, notification.Name, notification.Subject, notification.Body, notification.TemplateKey,
                thread.CustomerId, notification.PortalUserId);
        }
    }

    private static string Excerpt(string body) =>
        body.Length <= ExcerptLength ? body : body[..ExcerptLength].TrimEnd() + "…";
}
