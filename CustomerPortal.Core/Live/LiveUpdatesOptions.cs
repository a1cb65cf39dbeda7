namespace CustomerPortal.Core.Live;

/// <summary>Settings of live updates, section "LiveUpdates".</summary>
public sealed class LiveUpdatesOptions
{
    public const string Section = "LiveUpdates";

    /// <summary>
    /// StackExchange.Redis connection string (e.g. "redis.internal:6379,password=..."). Set it when the app runs as several
    /// instances: every published live event then travels through Redis pub/sub to the buses of the others. Empty means one instance.
    /// </summary>
    public string RedisConnectionString { get; set; } = "";
}
