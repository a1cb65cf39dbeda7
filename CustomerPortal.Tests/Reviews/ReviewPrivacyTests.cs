using System.Net;
using System.Reflection;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Reviews;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Reviews;

/// <summary>A review is for the business only: no portal page or endpoint shows its text, to its author or anyone else.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ReviewPrivacyTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task EveryPortalPage_NeverShowsAReviewComment_NotEvenToItsAuthor()
    {
        var author = await OneOfEverything.CreateAsync(_app, "Reviewer");
        var neighbour = await OneOfEverything.CreateAsync(_app, "Neighbour");
        var secret = $"ReviewSecret{Guid.NewGuid():N}"[..24];
        var submitted = await _app.Services.GetRequiredService<ReviewService>()
            .SubmitAsync(author.User.ToActor(PortalModules.All, null), 2, $"The crew was late. {secret}", author.JobId, default);
        Assert.True(submitted.Succeeded, submitted.Message);

        var routes = PortalGetRoutes();
        Assert.Contains("/portal/rate-us", routes);
        Assert.Contains("/portal/profile", routes);
        var problems = new List<string>();
        foreach (var bundle in new[] { author, neighbour })
        {
            using var client = _app.CreateHttpClient();
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(client, bundle.User.Email)).StatusCode);
            foreach (var template in routes)
            {
                var path = Fill(template, bundle);
                if (path is null) continue;
                var response = await client.GetAsync(path.TrimStart('/'));
                if ((await response.Content.ReadAsStringAsync()).Contains(secret, StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{path} showed the review to {bundle.User.Email}.");
            }
            var staffPage = await client.GetAsync("staff/reviews");
            if (staffPage.StatusCode == HttpStatusCode.OK) problems.Add("/staff/reviews opened for a portal user.");
            if ((await staffPage.Content.ReadAsStringAsync()).Contains(secret)) problems.Add("/staff/reviews showed the review to a portal user.");
        }

        Assert.True(problems.Count == 0, $"Checked {routes.Count} routes: {string.Join(", ", routes)}.\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task StaffReviewsPage_ShowsTheComment_ToStaff()
    {
        var author = await OneOfEverything.CreateAsync(_app, "Staffsees");
        var secret = $"ForStaff{Guid.NewGuid():N}"[..20];
        await _app.Services.GetRequiredService<ReviewService>().SubmitAsync(author.User.ToActor(PortalModules.All, null), 4, secret, null, default);
        var staff = await TestAccounts.CreateStaffAsync(_app);
        using var client = _app.CreateHttpClient();
        await SignIn.StaffAsync(client, staff.Email);

        var page = await client.GetAsync("staff/reviews");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(secret, await page.Content.ReadAsStringAsync());
    }

    /// <summary>Every GET page and endpoint under /portal (Razor pages by reflection, endpoints from the running app).</summary>
    private List<string> PortalGetRoutes()
    {
        var templates = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in typeof(Program).Assembly.GetTypes())
            foreach (var route in type.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>())
                templates.Add(route.Template);
        _ = _app.BaseUrl;
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET")) continue;
            if (endpoint.RoutePattern.RawText is { } raw) templates.Add(raw.StartsWith('/') ? raw : "/" + raw);
        }
        return templates.Where(t => t.StartsWith("/portal", StringComparison.OrdinalIgnoreCase)).Order().ToList();
    }

    /// <summary>The path for this customer's own record, or null for a route that takes something else (a link token).</summary>
    private static string? Fill(string template, CustomerBundle bundle)
    {
        var pattern = RoutePatternFactory.Parse(template);
        if (pattern.Parameters.Count == 0) return template;
        if (pattern.Parameters.Count != 1 || pattern.PathSegments.Count < 2) return null;
        var kind = pattern.PathSegments[1].Parts.OfType<RoutePatternLiteralPart>().FirstOrDefault()?.Content.ToLowerInvariant() ?? "";
        if (bundle.IdFor(kind) is not { } id || pattern.Parameters[0].ParameterKind != RoutePatternParameterKind.Standard) return null;
        return string.Concat(pattern.PathSegments.Select(segment => "/" + string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart => id.ToString(),
            _ => "",
        }))));
    }
}
