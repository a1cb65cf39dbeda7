using System.Collections.Concurrent;
using System.Diagnostics;

namespace CustomerPortal.LoadTest;

/// <summary>
/// What one run sent and what each connection received: every message has a client id, and every recipient must get
/// each message exactly once, in store order per thread.
/// </summary>
public sealed class Recorder
{
    private readonly ConcurrentDictionary<Guid, SentMessage> _sent = new();
    private readonly ConcurrentDictionary<(int Peer, Guid Message), int> _receipts = new();
    private readonly ConcurrentDictionary<(int Peer, int Thread), long> _lastStoreId = new();
    private readonly List<double> _deliveryMs = [];
    private readonly List<double> _ackMs = [];
    private readonly ConcurrentQueue<string> _errorSamples = new();
    private long _errors, _duplicates, _outOfOrder, _unexpected, _delivered, _lastReceiptTimestamp, _dropped;

    private sealed class SentMessage(Guid id, long timestamp, IReadOnlyList<int> recipients)
    {
        public Guid Id { get; } = id;
        public long Timestamp { get; } = timestamp;
        public IReadOnlyList<int> Recipients { get; } = recipients;
        public bool Acknowledged { get; set; }
    }

    public void Sending(Guid id, IReadOnlyList<int> recipients) => _sent[id] = new SentMessage(id, Stopwatch.GetTimestamp(), recipients);

    public void Acknowledged(Guid id)
    {
        var sent = _sent[id];
        sent.Acknowledged = true;
        var ms = Stopwatch.GetElapsedTime(sent.Timestamp).TotalMilliseconds;
        lock (_ackMs) _ackMs.Add(ms);
    }

    public void Failed(Exception error)
    {
        Interlocked.Increment(ref _errors);
        if (_errorSamples.Count < 5) _errorSamples.Enqueue($"{error.GetType().Name}: {error.Message}");
    }

    public void Dropped() => Interlocked.Increment(ref _dropped);

    /// <param name="thread">The thread the message was posted in, and <paramref name="storeId"/> its store order; null for the echo hub.</param>
    public void Received(int peer, Guid id, int? thread = null, long? storeId = null)
    {
        var now = Stopwatch.GetTimestamp();
        if (!_sent.TryGetValue(id, out var sent))
        {
            Interlocked.Increment(ref _unexpected);
            return;
        }
        if (_receipts.AddOrUpdate((peer, id), 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }
        if (!sent.Recipients.Contains(peer)) Interlocked.Increment(ref _unexpected);
        if (thread is { } t && storeId is { } s)
        {
            var last = _lastStoreId.GetOrAdd((peer, t), 0);
            if (s < last) Interlocked.Increment(ref _outOfOrder);
            else _lastStoreId[(peer, t)] = s;
        }
        Interlocked.Increment(ref _delivered);
        Interlocked.Exchange(ref _lastReceiptTimestamp, now);
        var ms = Stopwatch.GetElapsedTime(sent.Timestamp, now).TotalMilliseconds;
        lock (_deliveryMs) _deliveryMs.Add(ms);
    }

    public long Delivered => Interlocked.Read(ref _delivered);
    public long LastReceiptTimestamp => Interlocked.Read(ref _lastReceiptTimestamp);

    /// <summary>Deliveries owed for the acknowledged sends.</summary>
    public long Expected => _sent.Values.Where(s => s.Acknowledged).Sum(s => (long)s.Recipients.Count);

    public RunFigures Figures(string name, int connections, double sendSeconds, double deliverySeconds, long rssBefore, long rssAfter)
    {
        double[] delivery, acks;
        lock (_deliveryMs) delivery = [.. _deliveryMs.Order()];
        lock (_ackMs) acks = [.. _ackMs.Order()];
        var acknowledged = _sent.Values.Where(s => s.Acknowledged).ToList();
        var lost = acknowledged.Sum(s => s.Recipients.Count(p => !_receipts.ContainsKey((p, s.Id))));
        return new RunFigures(name, connections, _sent.Count, acknowledged.Count, sendSeconds, Delivered, deliverySeconds,
            Percentile(delivery, 0.50), Percentile(delivery, 0.95), Percentile(delivery, 0.99), delivery.LastOrDefault(),
            Percentile(acks, 0.50), Percentile(acks, 0.99),
            _errors, lost, _duplicates, _outOfOrder, _unexpected, _dropped, rssBefore, rssAfter, [.. _errorSamples]);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

public sealed record RunFigures(
    string Name, int Connections, long Sent, long Acknowledged, double SendSeconds, long Delivered, double DeliverySeconds,
    double P50, double P95, double P99, double Max, double AckP50, double AckP99,
    long Errors, long Lost, long Duplicates, long OutOfOrder, long Unexpected, long Dropped, long RssBefore, long RssAfter,
    IReadOnlyList<string> ErrorSamples)
{
    public double SentPerSecond => Acknowledged / SendSeconds;
    public double DeliveredPerSecond => Delivered / DeliverySeconds;
    public double BytesPerConnection => (RssAfter - RssBefore) / (double)Connections;

    /// <summary>Established TCP connections at each server's port once everyone had joined (through a proxy: its upstream connections).</summary>
    public IReadOnlyList<int> ConnectionsPerServer { get; init; } = [];
}
