using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CustomerPortal.Tests.Accessibility;

/// <summary>Who opens a page in the audit.</summary>
public enum Visitor
{
    Anonymous,
    Admin,
    PortalUser,
    /// <summary>A portal user whose customer's portal is switched off: every portal page shows the closed notice.</summary>
    ClosedPortalUser,
}

/// <summary>One page of the audit: a route template from the app (or a state no template names), who opens it and at what width.</summary>
public sealed record AuditedPage(string Template, Visitor Visitor, int Width)
{
    public override string ToString() => $"{Template} as {Visitor} at {Width}px";
}

/// <summary>
/// Every page the app routes to, found from the Web assembly's <c>@page</c> routes (the same table the access matrix
/// reads), so a page added later is audited without editing the test. Who opens it follows its [Authorize] policy.
/// </summary>
public static class AuditedPages
{
    public const int Desktop = 1280;
    public const int Phone = 360;

    /// <summary>States that no route template names but a person meets: an unknown address and a closed portal.</summary>
    private static readonly AuditedPage[] States =
    [
        new("/no-such-page", Visitor.Anonymous, Desktop),
        new("/portal", Visitor.ClosedPortalUser, Desktop),
        new("/portal", Visitor.ClosedPortalUser, Phone),
        new("/portal/c/{ClosedIdentifier}", Visitor.Anonymous, Desktop),
    ];

    public static IReadOnlyList<string> RouteTemplates() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();

    public static IReadOnlyList<AuditedPage> All()
    {
        var pages = new List<AuditedPage>();
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t)))
        {
            var policies = type.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Select(a => a.Policy ?? "").ToList();
            foreach (var route in type.GetCustomAttributes<RouteAttribute>())
            {
                var visitor = VisitorFor(route.Template, policies);
                pages.Add(new(route.Template, visitor, Desktop));
                if (IsPortal(route.Template) || visitor == Visitor.PortalUser) pages.Add(new(route.Template, visitor, Phone));
            }
        }
        pages.AddRange(States);
        return pages.DistinctBy(p => (p.Template.ToLowerInvariant(), p.Visitor, p.Width))
            .OrderBy(p => p.Template, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Visitor).ThenByDescending(p => p.Width).ToList();
    }

    private static Visitor VisitorFor(string template, IReadOnlyList<string> policies)
    {
        if (policies.Count == 0) return Visitor.Anonymous;
        if (template.Equals("/staff", StringComparison.OrdinalIgnoreCase) || template.StartsWith("/staff/", StringComparison.OrdinalIgnoreCase))
            return Visitor.Admin;
        if (IsPortal(template)) return Visitor.PortalUser;
        // The simulated bank page (3-D Secure) is the processor's address, opened by a signed-in portal user.
        if (template.StartsWith("/payments/", StringComparison.OrdinalIgnoreCase)) return Visitor.PortalUser;
        throw new InvalidOperationException($"{template} needs policy {string.Join(", ", policies)}: tell the audit who may open it (AuditedPages.VisitorFor).");
    }

    private static bool IsPortal(string template) =>
        template.Equals("/portal", StringComparison.OrdinalIgnoreCase) || template.StartsWith("/portal/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The address to open: each route parameter filled by <paramref name="valueFor"/> (given the template's literal
    /// segment before the parameter, e.g. "jobs", and the parameter's name). Throws for a parameter nobody can fill.
    /// </summary>
    public static string Fill(string template, Func<string, string, string?> valueFor)
    {
        var pattern = RoutePatternFactory.Parse(template);
        var segments = new List<string>();
        var previous = "";
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                text += part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => valueFor(previous.ToLowerInvariant(), parameter.Name)
                        ?? throw new InvalidOperationException(
                            $"{template}: the audit has no value for {{{parameter.Name}}} after \"{previous}\"; add one in AxeAudit.ValueFor."),
                    _ => "",
                };
            }
            segments.Add(text);
            if (segment.Parts is [RoutePatternLiteralPart only]) previous = only.Content;
        }
        return "/" + string.Join("/", segments);
    }
}
