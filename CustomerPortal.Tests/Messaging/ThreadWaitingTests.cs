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
    public void CustomerMessages_WaitFromTheFirstUnanswered_AndAReplyTheCustomerCanReadEndsIt()
    {
        var thread = new MessageThread(1, ThreadSubject.Job, 5, Start);
        Assert.Null(thread.WaitingSinceUtc);

        thread.Post(Customer, "Is anyone coming?", Guid.NewGuid(), Start.AddMinutes(1));
        thread.Post(Customer, "Hello?", Guid.NewGuid(), Start.AddMinutes(5));
        Assert.Equal(Start.AddMinutes(1), thread.WaitingSinceUtc);

        thread.Post(Staff, "Called them, no answer.", Guid.NewGuid(), Start.AddMinutes(6), internalNote: true);
        Assert.Equal(Start.AddMinutes(1), thread.WaitingSinceUtc);

        thread.Post(Staff, "Yes, at 2 pm.", Guid.NewGuid(), Start.AddMinutes(9));
        Assert.Null(thread.WaitingSinceUtc);

        thread.Post(Customer, "Thanks. One more thing…", Guid.NewGuid(), Start.AddMinutes(20));
        Assert.Equal(Start.AddMinutes(20), thread.WaitingSinceUtc);

        thread.Post(System, "Visit moved to Friday.", Guid.NewGuid(), Start.AddMinutes(30));
        Assert.Null(thread.WaitingSinceUtc);
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
