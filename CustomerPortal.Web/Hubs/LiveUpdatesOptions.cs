using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Web.Hubs;

/// <summary>Settings of the live-updates hub, section "LiveUpdates".</summary>
public sealed class LiveUpdatesOptions
{
    public const string Section = "LiveUpdates";

    /// <summary>
    /// StackExchange.Redis connection string (e.g. "redis.internal:6379,password=..."). Set it when the app runs as
    /// several instances: hub messages then travel through Redis to the connections on every instance. Empty means one instance.
    /// </summary>
    public string RedisConnectionString { get; set; } = "";

    /// <summary>
    /// The address a Blazor circuit uses to reach this app's own hub. Empty means the address the circuit's first
    /// request came in on, which is right on plain Kestrel; set it when that address is not reachable from the server
    /// itself (e.g. behind a proxy that terminates TLS on a public name): "http://127.0.0.1:8080/".
    /// </summary>
    public string HubBaseUrl { get; set; } = "";

    /// <summary>Lifetime of a circuit's hub token; the connection asks for a fresh one whenever it (re)connects.</summary>
    [Range(1, 1440)]
    public int TokenMinutes { get; set; } = 10;
}
