using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Data;

/// <summary>
/// One writer at a time on SQLite, waited for without blocking a thread. SQLite has one write lock per database and
/// Microsoft.Data.Sqlite waits for it by blocking the calling thread; under a burst of concurrent writes (many messages
/// posted at once) every pool thread ends up blocked in BEGIN while the lock holder waits for a free thread to finish
/// its transaction, and throughput falls to the pool's thread injection rate. Busy write paths take this gate around
/// their transaction. Does nothing on PostgreSQL.
/// </summary>
public sealed class WriteGate(IOptions<DatabaseOptions> options) : IDisposable
{
    private readonly SemaphoreSlim? _sqlite = options.Value.Provider == DatabaseProvider.Sqlite ? new(1, 1) : null;
    private readonly SemaphoreSlim[] _threads = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (_sqlite is null) return Released.Instance;
        await _sqlite.WaitAsync(ct);
        return new Held(_sqlite);
    }

    /// <summary>
    /// A write to one message thread, held until its message is published, so this instance publishes a thread's messages
    /// in store order: on SQLite the one-writer gate, elsewhere one of a fixed set of locks chosen by the thread's id
    /// (the database orders the ids; two posts that commit in one order must not be published in the other).
    /// </summary>
    public async Task<IDisposable> EnterThreadAsync(int threadId, CancellationToken ct)
    {
        var gate = _sqlite ?? _threads[(int)((uint)threadId % (uint)_threads.Length)];
        await gate.WaitAsync(ct);
        return new Held(gate);
    }

    public void Dispose()
    {
        _sqlite?.Dispose();
        foreach (var gate in _threads) gate.Dispose();
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }

    private sealed class Released : IDisposable
    {
        public static readonly Released Instance = new();
        public void Dispose() { }
    }
}
