using System.Collections.Concurrent;

namespace CustomerPortal.Core.Messaging;

/// <summary>
/// Who has a thread open on this app instance right now (a page or a hub client), so that a new message notifies by
/// e-mail only the people who are not looking at it. Several tabs count separately. With more than one instance a person
/// watching on another instance may still get the e-mail: a notification too many, never one too few.
/// </summary>
public sealed class ThreadPresence
{
    private readonly ConcurrentDictionary<(int ThreadId, string ParticipantKey), int> _open = new();

    /// <summary>Marks the person as looking at the thread until the returned handle is disposed.</summary>
    public IDisposable Enter(int threadId, string participantKey)
    {
        var key = (threadId, participantKey);
        _open.AddOrUpdate(key, 1, (_, count) => count + 1);
        return new Visit(this, key);
    }

    public bool IsViewing(int threadId, string participantKey) => _open.TryGetValue((threadId, participantKey), out var count) && count > 0;

    private void Leave((int, string) key)
    {
        while (_open.TryGetValue(key, out var count))
        {
            if (count <= 1 ? _open.TryRemove(new KeyValuePair<(int, string), int>(key, count)) : _open.TryUpdate(key, count - 1, count)) return;
        }
    }

    private sealed class Visit(ThreadPresence presence, (int, string) key) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) presence.Leave(key);
        }
    }
}
