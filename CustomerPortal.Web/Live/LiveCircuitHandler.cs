using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CustomerPortal.Web.Live;

/// <summary>Tells the circuit's live subscribers to reload when the browser comes back after losing its connection.</summary>
internal sealed class LiveCircuitHandler(CircuitLiveEvents live) : CircuitHandler
{
    private bool _wasDown;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!_wasDown) return Task.CompletedTask;
        _wasDown = false;
        return live.SignalReconnectedAsync();
    }
}
