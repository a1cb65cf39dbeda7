using CustomerPortal.Core.Access;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Messaging;

/// <summary>Someone who may be e-mailed about a new message, found before the message is stored.</summary>
internal sealed record NotificationCandidate(int? StaffUserId, int? PortalUserId, string Email, string Name, string Greeting)
{
    public string Key => StaffUserId is { } staffUserId ? $"s:{staffUserId}" : $"p:{PortalUserId}";
}

/// <summary>
/// E-mails about new messages, queued in the outbox in the same transaction as the message. Only people not looking at
/// the thread right now are told, at most once per thread per quiet period (Messaging:NotificationQuietMinutes), so a
/// burst of messages is one e-mail. A staff message tells the customer's portal users who may see the thread (when the
/// customer wants e-mails); a customer message tells the assignee, or, with nobody assigned, every staff member who asked.
/// Who could be told is read before the message's write (<see cref="CandidatesAsync"/>); the quiet period is checked and
/// recorded inside it (<see cref="QueueAsync"/>), where concurrent posts to the thread are one at a time. The e-mail's
/// text is only written for someone who is told, which is rare: most messages go to people who are looking or were told.
/// </summary>
public sealed class MessageNotifications(OutboxWriter outbox, ThreadPresence presence, PortalLinks links, IOptions<MessagingOptions> options)
{
    public const string CustomerTemplateKey = "message-new";
    public const string StaffTemplateKey = "message-new-staff";
    private const int ExcerptLength = 300;

    internal async Task<IReadOnlyList<NotificationCandidate>> CandidatesAsync(PortalDbContext db, CompanySettings company, MessageThread thread,
        MessageAuthorKind authorKind, PortalModules? audience, CancellationToken ct)
    {
        if (authorKind == MessageAuthorKind.Staff)
        {
            if (audience is null) return [];
            var users = await DocumentNotifications.RecipientsAsync(db, company, thread.CustomerId, audience.Value, ct);
            return users.Select(u => new NotificationCandidate(null, u.Id, u.Email, u.Name, DocumentNotifications.Greeting(u))).ToList();
        }
        var staff = thread.AssignedStaffUserId is { } assignee
            ? db.StaffUsers.Where(s => s.Id == assignee && s.IsActive)
            : db.StaffUsers.Where(s => s.IsActive && s.EmailsAboutUnassignedMessages).OrderBy(s => s.Id);
        var members = await staff.Select(s => new { s.Id, s.Email, s.Name }).ToListAsync(ct);
        return members.Where(s => !string.IsNullOrWhiteSpace(s.Email)).Select(s => new NotificationCandidate(s.Id, null, s.Email, s.Name, "")).ToList();
    }

    /// <summary>
    /// Queues the e-mails whose recipients are not looking at the thread and were not told within the quiet period, and
    /// records that they are told now. <paramref name="participants"/> are the thread's, tracked by <paramref name="db"/>.
    /// </summary>
    internal async Task QueueAsync(PortalDbContext db, CompanySettings company, MessageThread thread, IReadOnlyList<NotificationCandidate> candidates,
        List<ThreadParticipant> participants, MessageAuthorKind authorKind, string authorName, string body, DateTime nowUtc, CancellationToken ct)
    {
        var quiet = TimeSpan.FromMinutes(options.Value.NotificationQuietMinutes);
        string? title = null, customerName = null;
        foreach (var candidate in candidates)
        {
            if (presence.IsViewing(thread.Id, candidate.Key)) continue;
            var participant = participants.FirstOrDefault(p => candidate.StaffUserId is not null
                ? p.StaffUserId == candidate.StaffUserId
                : p.PortalUserId == candidate.PortalUserId);
            if (participant is null)
            {
                participant = candidate.StaffUserId is { } staffId
                    ? ThreadParticipant.ForStaff(thread.Id, staffId)
                    : ThreadParticipant.ForPortalUser(thread.Id, candidate.PortalUserId!.Value);
                db.ThreadParticipants.Add(participant);
                participants.Add(participant);
            }
            if (!participant.MayBeNotified(nowUtc, quiet)) continue;
            participant.Notified(nowUtc);

            title ??= await TitleAsync(db, thread, ct);
            if (authorKind == MessageAuthorKind.Staff)
            {
                outbox.EnqueueEmail(db, candidate.Email, candidate.Name, $"New message from {company.Name}: {title}",
                    $"""
                    {candidate.Greeting}

                    {authorName} of {company.Name} wrote about {title}:

                    {Excerpt(body)}

                    Read and answer it in your portal:
                    {links.Thread(thread.Id)}
                    """, CustomerTemplateKey, thread.CustomerId, candidate.PortalUserId);
                continue;
            }
            customerName ??= await db.Customers.Where(c => c.Id == thread.CustomerId).Select(c => c.DisplayName).SingleAsync(ct);
            outbox.EnqueueEmail(db, candidate.Email, candidate.Name, $"{customerName} wrote about {title}",
                $"""
                {authorName} ({customerName}) wrote about {title}:

                {Excerpt(body)}

                Answer in the inbox:
                {links.StaffThread(thread.Id)}
                """, StaffTemplateKey, thread.CustomerId, null);
        }
    }

    private static async Task<string> TitleAsync(PortalDbContext db, MessageThread thread, CancellationToken ct)
    {
        var names = await ThreadSubjects.NamesAsync(db, [(thread.SubjectKind, thread.SubjectId)], ct);
        return ThreadSubjects.Title(thread.SubjectKind, thread.Topic,
            thread.SubjectId is { } id && names.TryGetValue((thread.SubjectKind, id), out var name) ? name : null);
    }

    private static string Excerpt(string body) =>
        body.Length <= ExcerptLength ? body : body[..ExcerptLength].TrimEnd() + "…";
}
