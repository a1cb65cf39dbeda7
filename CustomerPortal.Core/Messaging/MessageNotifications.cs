using CustomerPortal.Core.Access;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Messaging;

/// <summary>
/// E-mails about new messages, queued in the outbox in the same transaction as the message. Only people not looking at
/// the thread right now are told, at most once per thread per quiet period (Messaging:NotificationQuietMinutes), so a
/// burst of messages is one e-mail. A staff message tells the customer's portal users who may see the thread (when the
/// customer wants e-mails); a customer message tells the assignee, or, with nobody assigned, every staff member who asked.
/// </summary>
public sealed class MessageNotifications(OutboxWriter outbox, ThreadPresence presence, PortalLinks links, IOptions<MessagingOptions> options)
{
    public const string CustomerTemplateKey = "message-new";
    public const string StaffTemplateKey = "message-new-staff";
    private const int ExcerptLength = 300;

    internal async Task QueueAsync(PortalDbContext db, CompanySettings company, ThreadOnSubject found, Message message,
        PortalModules? audience, DateTime nowUtc, CancellationToken ct)
    {
        var thread = found.Thread;
        var quiet = TimeSpan.FromMinutes(options.Value.NotificationQuietMinutes);
        var names = await ThreadSubjects.NamesAsync(db, [(thread.SubjectKind, thread.SubjectId)], ct);
        var title = ThreadSubjects.Title(thread.SubjectKind, thread.Topic,
            thread.SubjectId is { } id && names.TryGetValue((thread.SubjectKind, id), out var name) ? name : null);
        var participants = await db.ThreadParticipants.Where(p => p.ThreadId == thread.Id).ToListAsync(ct);

        if (message.AuthorKind == MessageAuthorKind.Staff)
        {
            if (audience is not { } modules) return;
            await DocumentNotifications.QueueAsync(db, outbox, company, thread.CustomerId, modules, CustomerTemplateKey,
                user => ($"New message from {company.Name}: {title}",
                    $"""
                    {DocumentNotifications.Greeting(user)}

                    {message.AuthorName} of {company.Name} wrote about {title}:

                    {Excerpt(message.Body)}

                    Read and answer it in your portal:
                    {links.Thread(thread.Id)}
                    """), ct,
                alsoRequire: user => MayNotify(participants, db, thread.Id, nowUtc, quiet, portalUserId: user.Id));
            return;
        }

        var customerName = await db.Customers.Where(c => c.Id == thread.CustomerId).Select(c => c.DisplayName).SingleAsync(ct);
        var staff = thread.AssignedStaffUserId is { } assignee
            ? await db.StaffUsers.Where(s => s.Id == assignee && s.IsActive).ToListAsync(ct)
            : await db.StaffUsers.Where(s => s.IsActive && s.EmailsAboutUnassignedMessages).OrderBy(s => s.Id).ToListAsync(ct);
        foreach (var member in staff.Where(s => !string.IsNullOrWhiteSpace(s.Email)))
        {
            if (!MayNotify(participants, db, thread.Id, nowUtc, quiet, staffUserId: member.Id)) continue;
            outbox.EnqueueEmail(db, member.Email, member.Name, $"{customerName} wrote about {title}",
                $"""
                {message.AuthorName} ({customerName}) wrote about {title}:

                {Excerpt(message.Body)}

                Answer in the inbox:
                {links.StaffThread(thread.Id)}
                """, StaffTemplateKey, thread.CustomerId);
        }
    }

    /// <summary>Not looking at the thread and not told about it within the quiet period; if so, records that they are told now.</summary>
    private bool MayNotify(List<ThreadParticipant> participants, PortalDbContext db, int threadId, DateTime nowUtc, TimeSpan quiet,
        int? staffUserId = null, int? portalUserId = null)
    {
        var key = staffUserId is { } s ? $"s:{s}" : $"p:{portalUserId}";
        if (presence.IsViewing(threadId, key)) return false;
        var participant = participants.FirstOrDefault(p => staffUserId is not null ? p.StaffUserId == staffUserId : p.PortalUserId == portalUserId);
        if (participant is null)
        {
            participant = staffUserId is { } staffId ? ThreadParticipant.ForStaff(threadId, staffId) : ThreadParticipant.ForPortalUser(threadId, portalUserId!.Value);
            db.ThreadParticipants.Add(participant);
            participants.Add(participant);
        }
        if (!participant.MayBeNotified(nowUtc, quiet)) return false;
        participant.Notified(nowUtc);
        return true;
    }

    private static string Excerpt(string body) =>
        body.Length <= ExcerptLength ? body : body[..ExcerptLength].TrimEnd() + "…";
}
