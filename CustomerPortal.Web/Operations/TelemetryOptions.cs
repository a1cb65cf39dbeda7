using System.Net;

namespace CustomerPortal.Web.Operations;

/// <summary>Metrics and traces (OpenTelemetry), section "Telemetry". Off unless <see cref="Enabled"/>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Collect metrics and serve them for Prometheus at <see cref="PrometheusPath"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where Prometheus scrapes the metrics (text format).</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// Addresses and networks (CIDR) that may read the metrics, separated by ';' or ','. A request from anywhere else, or
    /// one that came through a proxy (it carries X-Forwarded-For or Forwarded), gets 403.
    /// </summary>
    public string PrometheusAllowedFrom { get; set; } = "127.0.0.0/8;::1";

    /// <summary>An OpenTelemetry collector (OTLP over gRPC, e.g. http://otel-collector:4317) to send traces to; empty sends none.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>The networks of <see cref="PrometheusAllowedFrom"/>; false when an entry is not an address or network.</summary>
    public bool TryGetAllowedNetworks(out IReadOnlyList<IPNetwork> networks)
    {
        var parsed = new List<IPNetwork>();
        networks = parsed;
        foreach (var entry in PrometheusAllowedFrom.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(entry, out var network)) parsed.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) parsed.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            else return false;
        }
        return true;
    }
}
