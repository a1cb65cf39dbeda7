using CustomerPortal.Core.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CustomerPortal.Core.Common;

/// <summary>
/// The one Redis connection of this instance (LiveUpdates:RedisConnectionString), shared by the live-events relay and the
/// rate limits. Connected on first use; it reconnects by itself after an outage. Null everywhere when Redis is not set up.
/// </summary>
public sealed class RedisConnection(IOptions<LiveUpdatesOptions> options) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Task<ConnectionMultiplexer>? _connecting;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.RedisConnectionString);

    /// <summary>The connection, once made (connected or reconnecting); null before the first <see cref="ConnectAsync"/> and without Redis.</summary>
    public ConnectionMultiplexer? Current => _connecting is { IsCompletedSuccessfully: true } made ? made.Result : null;

    /// <summary>Makes the connection on first call; null when Redis is not set up. Does not fail while Redis is down.</summary>
    public Task<ConnectionMultiplexer?> ConnectAsync()
    {
        if (!IsConfigured) return Task.FromResult<ConnectionMultiplexer?>(null);
        lock (_gate) _connecting ??= ConnectCoreAsync();
        return Connected(_connecting);

        static async Task<ConnectionMultiplexer?> Connected(Task<ConnectionMultiplexer> connecting) => await connecting;
    }

    private async Task<ConnectionMultiplexer> ConnectCoreAsync()
    {
        var configuration = ConfigurationOptions.Parse(options.Value.RedisConnectionString);
        // Start even while Redis is down: the instance serves alone until it is back.
        configuration.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(configuration);
    }

    public async ValueTask DisposeAsync()
    {
        if (Current is { } redis) await redis.DisposeAsync();
    }
}
