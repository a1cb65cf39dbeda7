using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Messaging.Inbound;
using CustomerPortal.Core.Notifications;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Messaging;

/// <summary>
/// Someone who may be e-mailed about a new message, found before the message is stored; <see cref="ReplyTo"/> is the
/// thread's reply address for a portal user when replies by e-mail are on.
/// </summary>
/// <param name="Email">Empty when only a text goes to this person's customer.</param>
/// <param name="TextTo">The customer's phone, when the text about the message goes with this portal user's notification.</param>
internal sealed record NotificationCandidate(int? StaffUserId, int? PortalUserId, string Email, string Name, string? ReplyTo = null, string? TextTo = null)
{
    public string Key => StaffUserId is { } staffUserId ? $"s:{staffUserId}" : $"p:{PortalUserId}";
}

/// <summary>
/// E-mails about new messages, queued in the outbox in the same transaction as the message. Only people not looking at
/// the thread right now are told, at most once per thread per quiet period (Messaging:NotificationQuietMinutes), so a
/// burst of messages is one e-mail. A staff message tells the customer's portal users who may see the thread (when the
/// customer wants e-mails), with the thread's reply address when replies by e-mail are on; a customer message tells the
/// assignee, or, with nobody assigned, every staff member who asked.
/// Who could be told is read before the message's write (<see cref="CandidatesAsync"/>); the quiet period is checked and
/// recorded inside it (<see cref="QueueAsync"/>), where concurrent posts to the thread are one at a time. The e-mail's
/// text is only written for someone who is told, which is rare: most messages go to people who are looking or were told.
/// </summary>
public sealed class MessageNotifications(
    OutboxWriter outbox, NotificationComposer composer, ThreadPresence presence, PortalLinks links, DeepLinks deepLinks, ReplyAddresses replyAddresses,
    CustomerNotifications customerNotifications, IOptions<MessagingOptions> options)
{
    public static readonly string CustomerTemplateKey = TemplateKeys.Of(TemplateEvent.NewMessage);
    public static readonly string StaffTemplateKey = TemplateKeys.Of(TemplateEvent.StaffNewMessage);
    private const int ExcerptLength = 300;

    internal async Task<IReadOnlyList<NotificationCandidate>> CandidatesAsync(PortalDbContext db, CompanySettings company, MessageThread thread,
        MessageAuthorKind authorKind, PortalModules? audience, CancellationToken ct)
    {
        if (authorKind == MessageAuthorKind.Staff)
        {
            if (audience is null) return [];
            var told = await customerNotifications.AudienceAsync(db, company, thread.CustomerId, audience.Value, ct);
            var candidates = told.Emails.Select(u => new NotificationCandidate(null, u.Id, u.Email, u.Name,
                replyAddresses.Enabled ? replyAddresses.For(thread.Id, u.Id) : null)).ToList();
            // One text to the customer's phone rides on their first portal user's notification (and its quiet period).
            if (told.Text is { } text)
            {
                var index = candidates.FindIndex(c => c.PortalUserId == text.LinksFor.Id);
                if (index >= 0) candidates[index] = candidates[index] with { TextTo = text.Number };
                else candidates.Insert(0, new NotificationCandidate(null, text.LinksFor.Id, "", text.LinksFor.Name, TextTo: text.Number));
            }
            return candidates;
        }
        var staff = thread.AssignedStaffUserId is { } assignee
            ? AssigneeOf.For(db)(db, assignee)
            : StaffWhoAsked.For(db)(db);
        var members = await staff.ToListAsync(ct);
        return members.Where(s => !string.IsNullOrWhiteSpace(s.Email)).ToList();
    }

    // Compiled: these run for every customer message, and EF's query cache lookup cost as much as the query.
    private static readonly PerModel<Func<PortalDbContext, int, IAsyncEnumerable<NotificationCandidate>>> AssigneeOf = new(() =>
        EF.CompileAsyncQuery((PortalDbContext db, int assignee) => db.StaffUsers.Where(s => s.Id == assignee && s.IsActive)
            .Select(s => new NotificationCandidate(s.Id, null, s.Email, s.Name, null, null))));

    private static readonly PerModel<Func<PortalDbContext, IAsyncEnumerable<NotificationCandidate>>> StaffWhoAsked = new(() =>
        EF.CompileAsyncQuery((PortalDbContext db) => db.StaffUsers.Where(s => s.IsActive && s.EmailsAboutUnassignedMessages).OrderBy(s => s.Id)
            .Select(s => new NotificationCandidate(s.Id, null, s.Email, s.Name, null, null))));

    /// <summary>
    /// Queues the e-mails whose recipients are not looking at the thread and were not told within the quiet period, and
    /// records that they are told now. <paramref name="participants"/> are the thread's, tracked by <paramref name="db"/>.
    /// </summary>
    internal async Task QueueAsync(PortalDbContext db, CompanySettings company, MessageThread thread, IReadOnlyList<NotificationCandidate> candidates,
        List<ThreadParticipant> participants, MessageAuthorKind authorKind, string authorName, string body, DateTime nowUtc, CancellationToken ct)
    {
        var quiet = TimeSpan.FromMinutes(options.Value.NotificationQuietMinutes);
        (CustomerNames Customer, EventTemplates Templates, string Title)? told = null;
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

            if (told is null)
            {
                var customer = await db.Customers.AsNoTracking().Where(c => c.Id == thread.CustomerId)
                    .Select(c => new CustomerNames(c.DisplayName, c.FirstName, c.LastName)).SingleAsync(ct);
                var templates = await composer.ForAsync(db, authorKind == MessageAuthorKind.Staff ? TemplateEvent.NewMessage : TemplateEvent.StaffNewMessage, ct);
                told = (customer, templates, await TitleAsync(db, thread, ct));
            }
            var recipientLinks = candidate.PortalUserId is { } portalUserId ? deepLinks.For(portalUserId) : RecipientLinks.Plain(links);
            var values = NotificationValues.For(company, recipientLinks, told.Value.Customer, authorKind == MessageAuthorKind.Staff ? candidate.Name : null)
                .Set(MergeTagCatalog.MessageAuthor, authorName)
                .Set(MergeTagCatalog.MessageExcerpt, Excerpt(body))
                .Set(MergeTagCatalog.ThreadTitle, told.Value.Title)
                .SetLink(MergeTagCatalog.ThreadLink, PortalPaths.Thread(thread.Id))
                .Set(MergeTagCatalog.StaffThreadLink, links.StaffThread(thread.Id));
            if (candidate.TextTo is { } phone)
                outbox.EnqueueSms(db, phone, told.Value.Customer.DisplayName, told.Value.Templates.Sms(values), told.Value.Templates.Key, thread.CustomerId,
                    candidate.PortalUserId);
            if (candidate.Email.Length == 0) continue;
            var email = outbox.EnqueueEmail(db, candidate.Email, candidate.Name, told.Value.Templates.Email(values), told.Value.Templates.Key, thread.CustomerId,
                candidate.PortalUserId);
            // A portal user's reply by e-mail lands in the thread (InboundReplies); staff answer in the app.
            if (candidate.ReplyTo is { } replyTo) email.SendRepliesTo(replyTo);
            if (candidate.PortalUserId is { } recipient) email.OfferUnsubscribe(deepLinks.UnsubscribeUrl(recipient, marketing: false), marketing: false);
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
