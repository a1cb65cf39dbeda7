using System.Linq.Expressions;

namespace CustomerPortal.Core.Messaging;

/// <summary>A thread waiting for a reply and since when: the moment of the customer's first message nobody has answered.</summary>
public sealed class WaitingThread
{
    public required MessageThread Thread { get; init; }
    public required DateTime WaitingSinceUtc { get; init; }
}

/// <summary>
/// The one definition of "waiting for a reply", for the inbox filter and the staff home: an open thread whose last
/// message the customer can read is the customer's. An internal note is not an answer (the customer never sees it); a
/// staff reply the customer can read is.
/// </summary>
public static class ThreadWaiting
{
    public static readonly Expression<Func<MessageThread, bool>> IsWaiting = t => t.DoneAtUtc == null && t.WaitingSinceUtc != null;

    /// <summary>Waiting threads with the time they have waited since (<see cref="MessageThread.WaitingSinceUtc"/>), for LINQ to SQL.</summary>
    public static IQueryable<WaitingThread> Query(IQueryable<MessageThread> threads) =>
        threads.Where(IsWaiting).Select(t => new WaitingThread { Thread = t, WaitingSinceUtc = t.WaitingSinceUtc!.Value });
}
