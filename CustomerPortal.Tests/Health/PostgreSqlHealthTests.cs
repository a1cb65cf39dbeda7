using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CustomerPortal.Core.Health;
using Microsoft.AspNetCore.Hosting;

namespace CustomerPortal.Tests.Health;

/// <summary>Readiness on PostgreSQL: the app on a cluster of its own, which the test stops the way a crash does and starts again.</summary>
[Trait("Database", "OwnServer")]
public sealed class PostgreSqlHealthTests
{
    [Fact]
    public async Task Ready_WhenPostgreSqlStops_Is503NamingTheDatabaseWithinTheCheckTimeout_LiveStaysOk_AndReadyReturnsWithIt()
    {
        await using var server = new PostgresServer();
        await server.StartAsync();
        using var app = new PostgreSqlApp(await server.CreateDatabaseAsync());
        using var http = app.CreateHttpClient();
        await HealthFailureTests.ReadyBecomesAsync(http, HttpStatusCode.OK);

        await server.StopAsync();
        var asking = Stopwatch.StartNew();
        var down = await http.GetAsync("health/ready");
        asking.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        var answer = await down.Content.ReadFromJsonAsync<HealthEndpointTests.HealthAnswer>();
        Assert.Equal("Unhealthy", answer!.Status);
        Assert.Equal("Unhealthy", answer.Checks.Single(c => c.Name == "database").Status);
        Assert.Equal("Healthy", answer.Checks.Single(c => c.Name == "redis").Status);
        Assert.DoesNotContain("Npgsql", await down.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        // The check's own timeout bounds the answer; the margin is for a busy test machine.
        Assert.True(asking.Elapsed < DatabaseHealthCheck.Timeout + TimeSpan.FromSeconds(5), $"/health/ready took {asking.Elapsed.TotalSeconds:0.0} s.");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);

        await server.StartAsync();
        await HealthFailureTests.ReadyBecomesAsync(http, HttpStatusCode.OK);
    }

    private sealed class PostgreSqlApp(string connectionString) : PortalAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("Database:PostgreSqlConnectionString", connectionString);
        }
    }
}
