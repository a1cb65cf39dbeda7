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

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (_sqlite is null) return Released.Instance;
        await _sqlite.WaitAsync(ct);
        return new Held(_sqlite);
    }

    public void Dispose() => _sqlite?.Dispose();

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
