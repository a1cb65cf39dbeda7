using System.Text.Json;
using CustomerPortal.Core.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerPortal.Web.Health;

/// <summary>
/// For load balancers and orchestrators: <c>/health/live</c> answers 200 while the process serves requests (restart it
/// when it does not); <c>/health/ready</c> answers 200 only while the database (and Redis, when configured) answer, else
/// 503 (send it no users). Both are anonymous and say which check failed, never why: details stay in the log.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthServiceCollectionExtensions.ReadyTag),
            ResponseWriter = WriteAsync,
        }).AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, new HealthAnswer(
            report.Status.ToString(),
            [.. report.Entries.Select(e => new HealthCheckAnswer(e.Key, e.Value.Status.ToString(), e.Value.Description ?? ""))]),
            HealthJson.Options, context.RequestAborted);
    }

    private sealed record HealthAnswer(string Status, IReadOnlyList<HealthCheckAnswer> Checks);

    private sealed record HealthCheckAnswer(string Name, string Status, string Description);

    private static class HealthJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}
