using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using CustomerPortal.Core.Access;
using CustomerPortal.Web.Staff.Customers;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Access;

/// <summary>
/// Every /staff address, found from the app itself (page routes and mapped endpoints), refuses a portal user. New pages
/// and endpoints are covered without touching this test.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class StaffRoutesAccessTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    private sealed record StaffRoute(string Method, string Path, bool HasParameters);

    private IReadOnlyList<StaffRoute> StaffRoutes()
    {
        var routes = new List<StaffRoute>();
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t)))
        {
            foreach (var route in type.GetCustomAttributes<RouteAttribute>())
            {
                if (IsStaff(route.Template)) routes.Add(new("GET", Fill(route.Template), route.Template.Contains('{')));
            }
        }

        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!IsStaff(template)) continue;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
                routes.Add(new(method, Fill(template), template.Contains('{')));
        }
        return routes.DistinctBy(r => (r.Method, r.Path)).OrderBy(r => r.Path).ToList();
    }

    private static bool IsStaff(string template) =>
        template.Equals("/staff", StringComparison.OrdinalIgnoreCase) || template.StartsWith("/staff/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Replaces each route parameter ({id:int}, {slug}, {*rest}) with "1".</summary>
    private static string Fill(string template) => RouteParameter().Replace(template, "1");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task EveryStaffRoute_RefusesAPortalUser()
    {
        var routes = StaffRoutes();
        Assert.NotEmpty(routes);
        Assert.Contains(routes, r => r.Path == "/staff");
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(client, user.Email)).StatusCode);

        var allowed = await NotRefusedAsync(client, routes);

        Assert.True(allowed.Count == 0, "A portal user reached: " + string.Join("; ", allowed));
    }

    [Fact]
    public async Task EveryStaffPageWithoutParameters_OpensForAnAdmin()
    {
        var pages = StaffRoutes().Where(r => r.Method == "GET" && !r.HasParameters).ToList();
        Assert.NotEmpty(pages);
        var admin = await TestAccounts.CreateStaffAsync(_app, StaffRole.Admin);
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.StaffAsync(client, admin.Email)).StatusCode);

        var failed = new List<string>();
        foreach (var page in pages)
        {
            using var response = await client.GetAsync(page.Path.TrimStart('/'));
            if (response.StatusCode != HttpStatusCode.OK) failed.Add($"{page.Path} -> {(int)response.StatusCode}");
        }

        Assert.True(failed.Count == 0, "Staff could not open: " + string.Join("; ", failed));
    }

    [Fact]
    public async Task EveryStaffRoute_RefusesADeactivatedStaffMembersCookie()
    {
        var routes = StaffRoutes();
        var staff = await TestAccounts.CreateStaffAsync(_app);
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.StaffAsync(client, staff.Email)).StatusCode);
        await using (var db = await _app.CreateDbContextAsync())
        {
            var stored = await db.StaffUsers.FindAsync(staff.Id);
            stored!.IsActive = false;
            await db.SaveChangesAsync();
        }

        var allowed = await NotRefusedAsync(client, routes);

        Assert.True(allowed.Count == 0, "A deactivated staff member reached: " + string.Join("; ", allowed));
    }

    [Fact]
    public async Task EveryStaffPageWithoutParameters_StillOpensWhileViewingAsACustomer()
    {
        var pages = StaffRoutes().Where(r => r.Method == "GET" && !r.HasParameters).ToList();
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var admin = await TestAccounts.CreateStaffAsync(_app, StaffRole.Admin);
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.StaffAsync(client, admin.Email)).StatusCode);
        var start = await PortalAdminKit.PostWithTokenAsync(client, ViewAsCustomerEndpoints.StartPath(customer.Id).TrimStart('/'),
            await PortalAdminKit.AntiforgeryTokenAsync(client, "staff"));
        Assert.Equal("/portal", Redirects.LocationPath(start));

        var failed = new List<string>();
        foreach (var page in pages)
        {
            using var response = await client.GetAsync(page.Path.TrimStart('/'));
            if (response.StatusCode != HttpStatusCode.OK) failed.Add($"{page.Path} -> {(int)response.StatusCode}");
        }

        Assert.True(failed.Count == 0, "Staff viewing as a customer could not open: " + string.Join("; ", failed));
    }

    /// <summary>Calls every route with the client's cookie and lists those that were not refused.</summary>
    private static async Task<List<string>> NotRefusedAsync(HttpClient client, IEnumerable<StaffRoute> routes)
    {
        var allowed = new List<string>();
        foreach (var route in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path.TrimStart('/'));
            if (route.Method != "GET") request.Content = new FormUrlEncodedContent([]);
            using var response = await client.SendAsync(request);
            if (!IsRefusal(response)) allowed.Add($"{route.Method} {route.Path} -> {(int)response.StatusCode} {response.Headers.Location}");
        }
        return allowed;
    }

    private static bool IsRefusal(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized) return true;
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect))
            return false;
        return Redirects.LocationPath(response) is "/account/access-denied" or "/account/login" or "/portal/login";
    }
}
