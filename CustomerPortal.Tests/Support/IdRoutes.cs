using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Support;

/// <summary>A GET route that takes a record id, e.g. "/portal/jobs/{Id:int}", and the kind of record its first segment names.</summary>
public sealed record IdRoute(string Template, string Kind, IReadOnlyList<string> IdParameters)
{
    public string WithId(int id)
    {
        var pattern = RoutePatternFactory.Parse(Template);
        var parts = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => IdParameters.Contains(parameter.Name) ? id.ToString() : throw new InvalidOperationException($"{Template} has a parameter {parameter.Name} the access matrix cannot fill."),
            _ => "",
        })));
        return "/" + string.Join("/", parts);
    }

    public override string ToString() => Template;
}

/// <summary>
/// Finds every page and endpoint of the app under /portal or /files that takes a record id: Razor components' @page
/// routes (by reflection) and the endpoints the running app mapped. New pages are picked up without editing tests.
/// </summary>
public static class IdRoutes
{
    public static IReadOnlyList<IdRoute> Discover(PortalAppFactory app)
    {
        var templates = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in typeof(Program).Assembly.GetTypes())
            foreach (var route in type.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>())
                templates.Add(route.Template);

        _ = app.BaseUrl;
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET")) continue;
            if (endpoint.RoutePattern.RawText is { } raw) templates.Add(raw.StartsWith('/') ? raw : "/" + raw);
        }

        var routes = new Dictionary<string, IdRoute>(StringComparer.OrdinalIgnoreCase);
        foreach (var template in templates)
        {
            var pattern = RoutePatternFactory.Parse(template);
            var first = (pattern.PathSegments.Count > 0 ? pattern.PathSegments[0] : null)?.Parts.OfType<RoutePatternLiteralPart>().FirstOrDefault()?.Content;
            if (first is not ("portal" or "files")) continue;
            var ids = pattern.Parameters.Where(IsRecordId).Select(p => p.Name).ToList();
            if (ids.Count == 0) continue;
            var kind = first == "files"
                ? "files"
                : (pattern.PathSegments.Count > 1 ? pattern.PathSegments[1] : null)?.Parts.OfType<RoutePatternLiteralPart>().FirstOrDefault()?.Content.ToLowerInvariant() ?? "";
            var normalized = Normalize(pattern);
            routes.TryAdd(normalized, new IdRoute(template, kind, ids));
        }
        return routes.Values.OrderBy(r => r.Template, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static bool IsRecordId(RoutePatternParameterPart parameter) =>
        parameter.Name.Equals("id", StringComparison.OrdinalIgnoreCase)
        || parameter.Name.EndsWith("Id", StringComparison.Ordinal)
        || parameter.ParameterPolicies.Any(p => p.Content is "int" or "long");

    /// <summary>The same route written by reflection ("{Id:int}") and by the endpoint table counts once.</summary>
    private static string Normalize(RoutePattern pattern) => string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content.ToLowerInvariant(),
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart => "{}",
        _ => "",
    }))));
}
