using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CustomerPortal.Web.Documents;

/// <summary>
/// The browser's IP address and user agent, for an estimate signature. Interactive components have no HttpContext, so
/// they are read from the request that opened the page (prerender) or the circuit's connection, when it starts.
/// Behind a reverse proxy, configure forwarded headers so RemoteIpAddress is the client's.
/// </summary>
public sealed class ClientConnection(IHttpContextAccessor accessor)
{
    private string? _ipAddress;
    private string? _userAgent;

    public string IpAddress
    {
        get
        {
            Capture();
            return _ipAddress ?? "unknown";
        }
    }

    public string UserAgent
    {
        get
        {
            Capture();
            return _userAgent ?? "unknown";
        }
    }

    internal void Capture()
    {
        if (_ipAddress is not null || accessor.HttpContext is not { } context) return;
        _ipAddress = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        _userAgent = context.Request.Headers.UserAgent.ToString();
    }
}

/// <summary>Records the connection details as the circuit opens, while the hub's HttpContext is at hand.</summary>
internal sealed class ClientConnectionCircuitHandler(ClientConnection connection) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        connection.Capture();
        return Task.CompletedTask;
    }
}
