using System.Net;
using CustomerPortal.Core.Operations;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CustomerPortal.Web.Operations;

/// <summary>
/// Metrics for Prometheus and, with a collector set, traces over OTLP, when Telemetry:Enabled. The metrics are ASP.NET
/// Core's own (requests, Kestrel connections, SignalR connections, Blazor circuits), EF Core's, the runtime's and the
/// app's (<see cref="PortalMetrics"/>).
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.Identity",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Lifecycle",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.EntityFrameworkCore",
        "System.Net.Http",
    ];

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => o.PrometheusPath.StartsWith('/'), "Telemetry:PrometheusPath must start with '/'.")
            .Validate(o => o.TryGetAllowedNetworks(out _), "Telemetry:PrometheusAllowedFrom must list IP addresses or networks such as 10.0.0.0/8, separated by ';'.")
            .Validate(o => o.OtlpEndpoint.Length == 0 || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _), "Telemetry:OtlpEndpoint must be an absolute URL.")
            .ValidateOnStart();

        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!settings.Enabled) return services;

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("CustomerPortal"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(FrameworkMeters)
                .AddMeter(PortalMetrics.MeterName)
                .AddPrometheusExporter());
        if (Uri.TryCreate(settings.OtlpEndpoint, UriKind.Absolute, out var collector))
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource("Npgsql", "System.Net.Http")
                .AddOtlpExporter(otlp => otlp.Endpoint = collector));
        return services;
    }

    /// <summary>
    /// Serves the metrics at Telemetry:PrometheusPath to the allowed addresses only. Call early: the scrape needs no
    /// session, antiforgery or page.
    /// </summary>
    public static void UsePrometheusEndpoint(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!options.Enabled) return;
        options.TryGetAllowedNetworks(out var allowed);
        var path = new PathString(options.PrometheusPath);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == path,
            path: null,
            configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                if (MayScrape(context, allowed))
                {
                    await next(context);
                    return;
                }
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("Metrics are served only to the addresses in Telemetry:PrometheusAllowedFrom.", context.RequestAborted);
            }),
            optionsName: null);
    }

    // A proxy on the same machine makes every visitor's connection come from loopback, so a request that passed one is
    // never a scrape, whatever its connection's address.
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Original-For"];

    private static bool MayScrape(HttpContext context, IReadOnlyList<IPNetwork> allowed)
    {
        if (ProxyHeaders.Any(context.Request.Headers.ContainsKey)) return false;
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return allowed.Any(network => network.Contains(remote));
    }
}
