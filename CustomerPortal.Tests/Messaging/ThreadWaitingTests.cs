using CustomerPortal.Core.Messaging;

namespace CustomerPortal.Tests.Messaging;

/// <summary>When a thread starts and stops waiting for a reply: what the staff home and the inbox's Waiting filter read.</summary>
public sealed class ThreadWaitingTests
{
    private static readonly DateTime Start = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);
    private static readonly MessageAuthor Customer = new(MessageAuthorKind.Customer, "Pat Portal", null, 7);
    private static readonly MessageAuthor Staff = new(MessageAuthorKind.Staff, "Sam Staff", 1, null);
    private static readonly MessageAuthor System = new(MessageAuthorKind.System, "Acme", null, null);

    [Fact]
    public void CustomerMessages_WaitFromTheFirstUnanswered_AndAPublicStaffReplyEndsIt()
    {
        var thread = new MessageThread(1, ThreadSubject.Job, 5, Start);
        Assert.Null(thread.WaitingSinceUtc);

        thread.Post(Customer, "Is anyone coming?", Guid.NewGuid(), Start.AddMinutes(1));
        thread.Post(Customer, "Hello?", Guid.NewGuid(), Start.AddMinutes(5));
        Assert.Equal(Start.AddMinutes(1), thread.WaitingSinceUtc);

        var note = thread.Post(Staff, "Called them, no answer.", Guid.NewGuid(), Start.AddMinutes(6), internalNote: true);
        Assert.Equal(Start.AddMinutes(1), thread.WaitingSinceUtc);
        Assert.Null(note.AnsweredWaitSinceUtc);

        var reply = thread.Post(Staff, "Yes, at 2 pm.", Guid.NewGuid(), Start.AddMinutes(9));
        Assert.Null(thread.WaitingSinceUtc);
        // The reply keeps when the wait it ended began: first response times on Insights read it.
        Assert.Equal(Start.AddMinutes(1), reply.AnsweredWaitSinceUtc);

        var unasked = thread.Post(Staff, "And bring the gate code, please.", Guid.NewGuid(), Start.AddMinutes(10));
        Assert.Null(unasked.AnsweredWaitSinceUtc);

        thread.Post(Customer, "Thanks. One more thing…", Guid.NewGuid(), Start.AddMinutes(20));
        Assert.Equal(Start.AddMinutes(20), thread.WaitingSinceUtc);

        // A notice from the system answers no one.
        var notice = thread.Post(System, "Visit moved to Friday.", Guid.NewGuid(), Start.AddMinutes(30));
        Assert.Equal(Start.AddMinutes(20), thread.WaitingSinceUtc);
        Assert.Null(notice.AnsweredWaitSinceUtc);

        var second = thread.Post(Staff, "Sure, what is it?", Guid.NewGuid(), Start.AddMinutes(31));
        Assert.Null(thread.WaitingSinceUtc);
        Assert.Equal(Start.AddMinutes(20), second.AnsweredWaitSinceUtc);
    }

    [Fact]
    public void MarkedDone_IsNotWaiting_ButKeepsSinceWhenSoANewCustomerMessageWaitsFromTheFirst()
    {
        var thread = new MessageThread(1, ThreadSubject.Job, 5, Start);
        thread.Post(Customer, "Invoice question", Guid.NewGuid(), Start);
        thread.MarkDone(Start.AddMinutes(2));
        var isWaiting = ThreadWaiting.IsWaiting.Compile();
        Assert.False(isWaiting(thread));

        thread.Post(Customer, "Still there?", Guid.NewGuid(), Start.AddHours(1));

        Assert.True(isWaiting(thread));
        Assert.Equal(Start, thread.WaitingSinceUtc);
    }
}
