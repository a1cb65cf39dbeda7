using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Live;

namespace CustomerPortal.Core.Messaging;

/// <summary>A message as screens and hub clients show it. <see cref="SentLocal"/> is in the company time zone.</summary>
public sealed record ThreadMessage(
    long Id, int ThreadId, Guid ClientMessageId, DateTime SentAtUtc, DateTime SentLocal, MessageAuthorKind AuthorKind,
    string AuthorName, int? StaffUserId, int? PortalUserId, string Body, bool IsInternalNote, IReadOnlyList<AttachmentView> Attachments)
{
    /// <summary>Whether this person wrote it (their own messages sit on the other side of the thread).</summary>
    public bool IsBy(Actor actor) => actor.IsStaff ? StaffUserId == actor.StaffUserId && StaffUserId is not null
        : PortalUserId == actor.PortalUserId && PortalUserId is not null;
}

/// <summary>How a person is named in a thread's "Seen" and typing lines: "s:12" for staff, "p:7" for a portal user.</summary>
public sealed record ParticipantRef(string Key, string Name, bool IsStaff)
{
    public static ParticipantRef? Of(Actor actor) => actor switch
    {
        { IsStaff: true, StaffUserId: { } id } => new($"s:{id}", actor.Name, true),
        { IsCustomer: true, IsViewAsCustomer: false, PortalUserId: { } id } => new($"p:{id}", actor.Name, false),
        _ => null,
    };
}

/// <summary>Where one person has read up to, for "Seen".</summary>
public sealed record ReadPosition(ParticipantRef Who, long LastReadMessageId, DateTime ReadLocal);

/// <summary>A thread's header: what it is about, where it leads, its triage state.</summary>
public sealed record ThreadSummary(
    int Id, int CustomerId, string CustomerName, ThreadSubject SubjectKind, int? SubjectId, string Title, string? SubjectLink,
    DateTime? LastMessageLocal, string Preview, int? AssignedStaffUserId, string AssignedStaffName, bool IsDone, int Unread);

/// <summary>
/// A thread as opened: its header, the newest messages (<see cref="HasOlder"/> when more came before), everyone's read
/// positions and whether the actor may write. <see cref="Audience"/> is who among the customer's people may follow it.
/// </summary>
public sealed record ThreadView(
    ThreadSummary Summary, IReadOnlyList<ThreadMessage> Messages, bool HasOlder, IReadOnlyList<ReadPosition> ReadPositions,
    bool CanSend, bool CanWriteInternalNotes, PortalModules? Audience);

/// <summary>A message to post. <see cref="ClientMessageId"/> is made once by the sender and reused on every retry.</summary>
public sealed record PostMessage(int ThreadId, Guid ClientMessageId, string Body, bool InternalNote = false, IReadOnlyList<int>? AttachmentIds = null);

public enum InboxFilter
{
    All,
    Unread,
    AssignedToMe,
    Unassigned,
    Done,

    /// <summary>Open threads whose last message the customer can read is the customer's (see <see cref="ThreadWaiting"/>), oldest wait first.</summary>
    Waiting,
}

/// <summary>The staff inbox: open threads newest activity first (Done shows the finished ones), filtered and searched.</summary>
public sealed record InboxQuery(InboxFilter Filter = InboxFilter.All, string? Search = null, int? CustomerId = null, PageRequest? Page = null)
{
    public PageRequest SafePage => Page ?? new PageRequest();
}

/// <summary>Unread threads for a navigation badge.</summary>
public sealed record UnreadCount(int Threads, int Messages);

/// <summary>A customer's message posted in a thread (store first, then this). Carries the message, so open threads need no reload.</summary>
public sealed record MessagePosted(int ForCustomerId, ThreadMessage Message, PortalModules? CustomerAudience) : LiveEvent, IAudienceLimitedEvent
{
    public override int? CustomerId => ForCustomerId;
    public int ThreadId => Message.ThreadId;
}

/// <summary>Someone is typing in a thread (sent at most every few seconds while they type; not stored).</summary>
public sealed record ThreadTyping(int ForCustomerId, int ThreadId, ParticipantRef Who, PortalModules? CustomerAudience) : LiveEvent, IAudienceLimitedEvent
{
    public override int? CustomerId => ForCustomerId;
}

/// <summary>Someone's read position in a thread moved ("Seen").</summary>
public sealed record ThreadRead(int ForCustomerId, int ThreadId, ReadPosition Position, PortalModules? CustomerAudience) : LiveEvent, IAudienceLimitedEvent
{
    public override int? CustomerId => ForCustomerId;
}

/// <summary>A thread was assigned, marked done or reopened: inbox triage, for staff only.</summary>
public sealed record ThreadChanged(int ForCustomerId, int ThreadId) : LiveEvent, IAudienceLimitedEvent
{
    public override int? CustomerId => ForCustomerId;
    public PortalModules? CustomerAudience => null;
}
