using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Web.Security;

/// <summary>The load balancers or proxies in front of the app (config section <c>ReverseProxy</c>).</summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>
    /// Addresses of the proxies whose X-Forwarded-For and X-Forwarded-Proto the app believes. Empty (the default): the
    /// headers are ignored, so nobody can pick the client address the rate limits and sign-in history see.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
}

public static class ReverseProxyExtensions
{
    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReverseProxyOptions>().Bind(configuration.GetSection(ReverseProxyOptions.Section))
            .Validate(o => o.TrustedProxies.All(a => IPAddress.TryParse(a, out _)),
                $"{ReverseProxyOptions.Section}:TrustedProxies: every entry must be an IP address (for example 10.0.0.5), not a name or a network.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies, not the loopback addresses ASP.NET Core trusts by default.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in proxies.Value.TrustedProxies) forwarded.KnownProxies.Add(IPAddress.Parse(address));
        });
        return services;
    }

    /// <summary>Takes the client's address and scheme from the trusted proxy's headers; first in the pipeline.</summary>
    public static void UseReverseProxyHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.TrustedProxies.Length > 0)
            app.UseForwardedHeaders();
    }
}
