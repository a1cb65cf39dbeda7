using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Messaging;

public enum ThreadSubject
{
    Job,
    Estimate,
    Invoice,

    /// <summary>A work request's conversation (staff asking for details, the customer answering).</summary>
    Request,

    /// <summary>A conversation a customer started from Messages, not about one record ("Ask us anything").</summary>
    General,
}

/// <summary>
/// The conversation between the business and a customer's people: one on each job, estimate and invoice, plus the
/// general conversations a customer starts. Messages are kept in store order (their id), the same for everyone. Staff
/// triage threads in the inbox: assign one to a staff member, mark it done; a new customer message reopens it.
/// </summary>
public sealed class MessageThread : ICustomerOwned
{
    public const int TopicMaxLength = 120;
    public const int PreviewLength = 140;

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public ThreadSubject SubjectKind { get; private set; }

    /// <summary>The job, estimate or invoice; null for a general conversation.</summary>
    public int? SubjectId { get; private set; }

    /// <summary>What a general conversation is about, as its customer wrote it; empty for the others.</summary>
    public string Topic { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? LastMessageAtUtc { get; private set; }
    public long? LastMessageId { get; private set; }

    /// <summary>The newest message customers can read (not an internal note), for their unread counts.</summary>
    public long? LastPublicMessageId { get; private set; }

    /// <summary>The newest message a customer's person wrote, for staff unread counts.</summary>
    public long? LastCustomerMessageId { get; private set; }

    /// <summary>The start of the newest message customers can read, for inbox and list rows.</summary>
    public string Preview { get; private set; } = "";

    /// <summary>
    /// When the customer's first message nobody has answered was sent: set by a customer's message, cleared by any message
    /// the customer can read that is not theirs (an internal note answers nothing). Null when the thread waits for no one.
    /// </summary>
    public DateTime? WaitingSinceUtc { get; private set; }

    public int? AssignedStaffUserId { get; private set; }
    public DateTime? DoneAtUtc { get; private set; }

    public List<Message> Messages { get; private set; } = [];

    public bool IsDone => DoneAtUtc is not null;

    /// <summary>Whether a customer sees it is decided by its subject (AccessRules with <see cref="Access.ThreadOnSubject"/>).</summary>
    public bool IsVisibleToCustomer => true;

    private MessageThread() { }

    public MessageThread(int customerId, ThreadSubject subjectKind, int? subjectId, DateTime createdAtUtc, string topic = "")
    {
        if ((subjectKind == ThreadSubject.General) != (subjectId is null))
            throw new ArgumentException("A general conversation has no subject record; the others have one.", nameof(subjectId));
        CustomerId = customerId;
        SubjectKind = subjectKind;
        SubjectId = subjectId;
        CreatedAtUtc = createdAtUtc;
        Topic = topic.Trim();
    }

    /// <summary>Adds a message. The caller saves, then calls <see cref="Stored"/> so the thread's summary knows its id.</summary>
    public Message Post(MessageAuthor author, string body, Guid clientMessageId, DateTime nowUtc, bool internalNote = false)
    {
        var message = new Message(author, body, clientMessageId, nowUtc, internalNote);
        Messages.Add(message);
        LastMessageAtUtc = nowUtc;
        if (!internalNote) Preview = PreviewOf(body);
        if (author.Kind == MessageAuthorKind.Customer) DoneAtUtc = null;
        if (author.Kind == MessageAuthorKind.Customer) WaitingSinceUtc ??= nowUtc;
        else if (author.Kind == MessageAuthorKind.Staff && !internalNote && WaitingSinceUtc is { } since)
        {
            // A public staff reply ends the wait; internal notes and system notices do not answer anyone.
            message.Answers(since);
            WaitingSinceUtc = null;
        }
        return message;
    }

    /// <summary>Records the ids the store gave to a posted message.</summary>
    public void Stored(Message message)
    {
        LastMessageId = Max(LastMessageId, message.Id);
        if (!message.IsInternalNote) LastPublicMessageId = Max(LastPublicMessageId, message.Id);
        if (message.AuthorKind == MessageAuthorKind.Customer) LastCustomerMessageId = Max(LastCustomerMessageId, message.Id);
    }

    public void AssignTo(int? staffUserId) => AssignedStaffUserId = staffUserId;

    public void MarkDone(DateTime nowUtc) => DoneAtUtc ??= nowUtc;

    public void Reopen() => DoneAtUtc = null;

    private static long Max(long? current, long id) => current is { } c && c > id ? c : id;

    private static string PreviewOf(string body)
    {
        var oneLine = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= PreviewLength ? oneLine : oneLine[..(PreviewLength - 1)] + "…";
    }
}

public enum MessageAuthorKind
{
    Staff,
    Customer,
    System,
}

/// <summary>Who wrote a message: a staff member (shown by name under the company), a customer's portal user, or the system.</summary>
public sealed record MessageAuthor(MessageAuthorKind Kind, string Name, int? StaffUserId, int? PortalUserId);

/// <summary>
/// One message. Its id is the store order within its thread. <see cref="ClientMessageId"/> is made by the sender's
/// screen or client before the first attempt, so a resend after a lost answer or a double click stores nothing new.
/// An internal note is written by staff for staff and never shown to a customer.
/// </summary>
public sealed class Message
{
    public const int MaxBodyLength = 4000;

    public long Id { get; private set; }
    public int ThreadId { get; private set; }
    public Guid ClientMessageId { get; private set; }
    public DateTime SentAtUtc { get; private set; }
    public MessageAuthorKind AuthorKind { get; private set; }
    public string AuthorName { get; private set; } = "";
    public int? StaffUserId { get; private set; }
    public int? PortalUserId { get; private set; }
    public string Body { get; private set; } = "";
    public bool IsInternalNote { get; private set; }

    /// <summary>For a staff reply that ended a customer's wait: when that wait began (first response times on Insights).</summary>
    public DateTime? AnsweredWaitSinceUtc { get; private set; }

    private Message() { }

    internal Message(MessageAuthor author, string body, Guid clientMessageId, DateTime sentAtUtc, bool internalNote)
    {
        AuthorKind = author.Kind;
        AuthorName = author.Name;
        StaffUserId = author.StaffUserId;
        PortalUserId = author.PortalUserId;
        Body = body;
        ClientMessageId = clientMessageId;
        SentAtUtc = sentAtUtc;
        IsInternalNote = internalNote;
    }

    internal void Answers(DateTime waitSinceUtc) => AnsweredWaitSinceUtc = waitSinceUtc;
}

/// <summary>
/// One person's place in one thread: the last message they have seen ("Seen", unread counts) and when they were last
/// notified of it (at most one notification per quiet period). Exactly one of the two user ids is set.
/// </summary>
public sealed class ThreadParticipant
{
    public long Id { get; private set; }
    public int ThreadId { get; private set; }
    public int? StaffUserId { get; private set; }
    public int? PortalUserId { get; private set; }
    public long LastReadMessageId { get; private set; }
    public DateTime? LastReadAtUtc { get; private set; }
    public DateTime? LastNotifiedAtUtc { get; private set; }

    private ThreadParticipant() { }

    private ThreadParticipant(int threadId, int? staffUserId, int? portalUserId)
    {
        ThreadId = threadId;
        StaffUserId = staffUserId;
        PortalUserId = portalUserId;
    }

    public static ThreadParticipant ForStaff(int threadId, int staffUserId) => new(threadId, staffUserId, null);
    public static ThreadParticipant ForPortalUser(int threadId, int portalUserId) => new(threadId, null, portalUserId);

    /// <summary>Moves the read position forward (never back); false when it did not move.</summary>
    public bool ReadUpTo(long messageId, DateTime nowUtc)
    {
        if (messageId <= LastReadMessageId) return false;
        LastReadMessageId = messageId;
        LastReadAtUtc = nowUtc;
        return true;
    }

    /// <summary>May this person be notified now, or were they notified less than a quiet period ago?</summary>
    public bool MayBeNotified(DateTime nowUtc, TimeSpan quietPeriod) =>
        LastNotifiedAtUtc is not { } last || nowUtc - last >= quietPeriod;

    public void Notified(DateTime nowUtc) => LastNotifiedAtUtc = nowUtc;
}
