using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using RedisRateLimiting;
using StackExchange.Redis;

namespace CustomerPortal.Core.Common;

/// <summary>
/// Makes the app's rate limiters. Without Redis a limit is counted in this instance (System.Threading.RateLimiting, as
/// before). With LiveUpdates:RedisConnectionString set it is counted in Redis (RedisRateLimiting's partitions of the same
/// shape), so the limit holds for all instances together, not for each.
/// While Redis cannot be reached a limiter falls back to counting in this instance and logs a warning once: the limit then
/// holds per instance, as it did before Redis. Failing closed would turn a Redis outage into nobody being able to sign in
/// or send a message; failing open would let guessing run unlimited for as long as Redis is down.
/// </summary>
public sealed class SharedRateLimits(RedisConnection redis, ILogger<SharedRateLimits> logger)
{
    private int _degraded;

    /// <summary>
    /// A fixed window of <paramref name="permits"/> per key. <paramref name="name"/> keeps its keys apart from other
    /// limiters' in Redis, so it must be unique to the limit.
    /// </summary>
    public SharedLimiter FixedWindow(string name, int permits, TimeSpan window) => new(this, name,
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true,
        })),
        key => RedisRateLimitPartition.GetFixedWindowRateLimiter(key, _ => new RedisFixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = window, ConnectionMultiplexerFactory = Multiplexer,
        }));

    /// <summary>A sliding window of <paramref name="permits"/> per key (in Redis a log of each permit's second).</summary>
    public SharedLimiter SlidingWindow(string name, int permits, TimeSpan window, int segmentsPerWindow) => new(this, name,
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = window, SegmentsPerWindow = segmentsPerWindow, QueueLimit = 0, AutoReplenishment = true,
        })),
        key => RedisRateLimitPartition.GetSlidingWindowRateLimiter(key, _ => new RedisSlidingWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = window, ConnectionMultiplexerFactory = Multiplexer,
        }));

    // Only asked for once Redis was found connected (SharedLimiter.AcquireAsync).
    private IConnectionMultiplexer Multiplexer() => redis.Current ?? throw new InvalidOperationException("Redis is not connected.");

    internal bool IsShared => redis.IsConfigured;

    internal async Task<bool> RedisConnectedAsync() => await redis.ConnectAsync() is { IsConnected: true };

    internal void Degraded(Exception? error)
    {
        if (Interlocked.Exchange(ref _degraded, 1) == 0)
            logger.LogWarning(error, "Rate limits cannot reach Redis; until it is back each instance counts its own.");
    }

    internal void Recovered()
    {
        if (Interlocked.Exchange(ref _degraded, 0) == 1)
            logger.LogInformation("Rate limits reach Redis again and are shared by all instances.");
    }
}

/// <summary>One limit: counted in Redis when it is set up and reachable, in this instance otherwise (<see cref="SharedRateLimits"/>).</summary>
public sealed class SharedLimiter : IDisposable
{
    private readonly SharedRateLimits _owner;
    private readonly string _name;
    private readonly PartitionedRateLimiter<string> _local;
    private readonly Func<string, RateLimitPartition<string>> _redis;

    internal SharedLimiter(SharedRateLimits owner, string name, PartitionedRateLimiter<string> local, Func<string, RateLimitPartition<string>> redis)
    {
        _owner = owner;
        _name = name;
        _local = local;
        _redis = redis;
    }

    /// <summary>Takes one permit for <paramref name="key"/>; when refused, says how long until the next one if the limiter knows.</summary>
    public async Task<RateLimitDecision> AcquireAsync(string key, CancellationToken ct = default)
    {
        if (_owner.IsShared && await SharedAsync(key, ct) is { } shared) return shared;
        using var local = await _local.AcquireAsync(key, 1, ct);
        return Decision(local);
    }

    /// <summary>The permit from Redis; null when Redis cannot be asked now.</summary>
    private async Task<RateLimitDecision?> SharedAsync(string key, CancellationToken ct)
    {
        if (!await _owner.RedisConnectedAsync())
        {
            _owner.Degraded(null);
            return null;
        }
        try
        {
            // RedisRateLimiting keeps a partition under "rl:..:{key}"; the name keeps two limits with the same key apart.
            // A limiter per call, since its state is in Redis: a PartitionedRateLimiter would keep one for every key seen,
            // because Redis limiters never report being idle long enough to be let go.
            var partition = _redis($"customerportal:{_name}:{key}");
            using var limiter = partition.Factory(partition.PartitionKey);
            using var lease = await limiter.AcquireAsync(1, ct);
            _owner.Recovered();
            return Decision(lease);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _owner.Degraded(e);
            return null;
        }
    }

    private static RateLimitDecision Decision(RateLimitLease lease)
    {
        if (lease.IsAcquired) return RateLimitDecision.Allowed;
        // System.Threading.RateLimiting gives a TimeSpan, RedisRateLimiting whole seconds.
        lease.TryGetMetadata(MetadataName.RetryAfter.Name, out var retryAfter);
        return new RateLimitDecision(false, retryAfter switch
        {
            TimeSpan wait => wait,
            int seconds => TimeSpan.FromSeconds(seconds),
            _ => null,
        });
    }

    public void Dispose() => _local.Dispose();
}

/// <summary>Whether a permit was given and, when not, how long until the next one (null when the limiter does not say).</summary>
public readonly record struct RateLimitDecision(bool IsAllowed, TimeSpan? RetryAfter)
{
    public static RateLimitDecision Allowed => new(true, null);
}
