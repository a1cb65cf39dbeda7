using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Messaging;

public enum ThreadSubject
{
    Job,
    Estimate,
    Invoice,
}

/// <summary>The conversation on one job, estimate or invoice between the business and the customer's people.</summary>
public sealed class MessageThread : ICustomerOwned
{
    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public ThreadSubject SubjectKind { get; private set; }
    public int SubjectId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? LastMessageAtUtc { get; private set; }
    public List<Message> Messages { get; private set; } = [];

    public bool IsVisibleToCustomer => true;

    private MessageThread() { }

    public MessageThread(int customerId, ThreadSubject subjectKind, int subjectId, DateTime createdAtUtc)
    {
        CustomerId = customerId;
        SubjectKind = subjectKind;
        SubjectId = subjectId;
        CreatedAtUtc = createdAtUtc;
    }

    public Message Post(MessageAuthor author, string body, DateTime nowUtc)
    {
        var message = new Message(author, body.Trim(), nowUtc);
        Messages.Add(message);
        LastMessageAtUtc = nowUtc;
        return message;
    }
}

public enum MessageAuthorKind
{
    Staff,
    Customer,
    System,
}

public sealed record MessageAuthor(MessageAuthorKind Kind, string Name, int? StaffUserId, int? PortalUserId);

public sealed class Message
{
    public long Id { get; private set; }
    public int ThreadId { get; private set; }
    public DateTime SentAtUtc { get; private set; }
    public MessageAuthorKind AuthorKind { get; private set; }
    public string AuthorName { get; private set; } = "";
    public int? StaffUserId { get; private set; }
    public int? PortalUserId { get; private set; }
    public string Body { get; private set; } = "";
    public DateTime? ReadByStaffAtUtc { get; private set; }
    public DateTime? ReadByCustomerAtUtc { get; private set; }

    private Message() { }

    internal Message(MessageAuthor author, string body, DateTime sentAtUtc)
    {
        AuthorKind = author.Kind;
        AuthorName = author.Name;
        StaffUserId = author.StaffUserId;
        PortalUserId = author.PortalUserId;
        Body = body;
        SentAtUtc = sentAtUtc;
    }

    public void MarkReadByStaff(DateTime nowUtc) => ReadByStaffAtUtc ??= nowUtc;
    public void MarkReadByCustomer(DateTime nowUtc) => ReadByCustomerAtUtc ??= nowUtc;
}
