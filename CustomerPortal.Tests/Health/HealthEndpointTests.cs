using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CustomerPortal.Web.Health;
using CustomerPortal.Web.Hubs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Health;

/// <summary>/health/live and /health/ready on the shared app: anonymous, JSON, each check named.</summary>
[Collection(WebAppCollection.Name)]
public sealed class HealthEndpointTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Live_AnswersOk_WithoutRunningChecks()
    {
        using var http = fixture.App.CreateHttpClient();
        var response = await http.GetAsync(HealthEndpoints.LivePath.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<HealthAnswer>();
        Assert.Equal("Healthy", answer!.Status);
        Assert.Empty(answer.Checks);
    }

    [Fact]
    public async Task Ready_OnOneInstance_ChecksTheDatabase_AndNeedsNoRedis()
    {
        using var http = fixture.App.CreateHttpClient();
        var response = await http.GetAsync(HealthEndpoints.ReadyPath.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var answer = await response.Content.ReadFromJsonAsync<HealthAnswer>();
        Assert.Equal("Healthy", answer!.Status);
        Assert.Equal(["database", "redis"], answer.Checks.Select(c => c.Name).Order());
        Assert.All(answer.Checks, c => Assert.Equal("Healthy", c.Status));
        Assert.Contains("no Redis", answer.Checks.Single(c => c.Name == "redis").Description);
    }

    internal sealed record HealthAnswer(string Status, List<HealthCheckAnswer> Checks);

    internal sealed record HealthCheckAnswer(string Name, string Status, string Description);
}

/// <summary>Readiness follows what the instance depends on: a database that stops answering, a Redis that goes away.</summary>
[Trait("Database", "SqliteOnly")]
public sealed class HealthFailureTests
{
    [Fact]
    public async Task Ready_WhenTheDatabaseIsGone_Is503NamingTheDatabase_LiveStaysOk_AndReadyReturnsWithIt()
    {
        using var app = new PortalAppFactory();
        using var http = app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/ready")).StatusCode);

        var moved = Path.Combine(app.DataFolder, "moved");
        Directory.CreateDirectory(moved);
        // Closing the pooled connections folds the WAL into the file, so list the files after.
        SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(app.DataFolder, "customerportal.db*");
        Assert.NotEmpty(files);
        foreach (var file in files) File.Move(file, Path.Combine(moved, Path.GetFileName(file)));

        var down = await http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        var answer = await down.Content.ReadFromJsonAsync<HealthEndpointTests.HealthAnswer>();
        Assert.Equal("Unhealthy", answer!.Status);
        Assert.Equal("Unhealthy", answer.Checks.Single(c => c.Name == "database").Status);
        Assert.DoesNotContain("SQLite", await down.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(app.DataFolder, "customerportal.db*")) File.Delete(file);
        foreach (var file in Directory.GetFiles(moved)) File.Move(file, Path.Combine(app.DataFolder, Path.GetFileName(file)));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/ready")).StatusCode);
    }

    [Fact]
    public async Task Ready_WhenRedisStops_Is503NamingRedis_AndOkAgainOnceItIsBack()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "cp-health", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var app = new RedisInstanceFactory(folder, redis.ConnectionString);
        using var http = app.CreateHttpClient();
        await ReadyBecomesAsync(http, HttpStatusCode.OK);

        await redis.StopAsync();
        var answer = await ReadyBecomesAsync(http, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", answer.Checks.Single(c => c.Name == "redis").Status);
        Assert.Equal("Healthy", answer.Checks.Single(c => c.Name == "database").Status);

        await redis.StartAsync();
        await ReadyBecomesAsync(http, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Stopping_WithOpenCircuitsAndHubConnections_EndsWithinTheConfiguredTime()
    {
        var app = new ShortShutdownApp();
        var staff = await TestAccounts.CreateStaffAsync(app);
        var connection = await HubSignIn.ConnectAsync(app, LiveHub.Path, http => SignIn.StaffAsync(http, staff.Email));
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFixture.LaunchChromiumAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { BaseURL = app.BaseUrl })).NewPageAsync();
        await new LoginPage(page).SignInAsStaffAsync(staff.Email);
        await Assertions.Expect(page.Locator("[data-live-reload=on]")).ToBeAttachedAsync();

        var stopping = Stopwatch.StartNew();
        await app.DisposeAsync();
        stopping.Stop();

        // Hosting:ShutdownSeconds is 2 here; the margin is for a busy test machine.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(12), $"Stopping took {stopping.Elapsed.TotalSeconds:0.0} s.");
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        await connection.DisposeAsync();
    }

    internal static async Task<HealthEndpointTests.HealthAnswer> ReadyBecomesAsync(HttpClient http, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await http.GetAsync("health/ready");
            if (response.StatusCode == expected) return (await response.Content.ReadFromJsonAsync<HealthEndpointTests.HealthAnswer>())!;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"/health/ready stayed {(int)response.StatusCode}, expected {(int)expected}.");
            await Task.Delay(200);
        }
    }

    private sealed class ShortShutdownApp : PortalAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Hosting:ShutdownSeconds", "2");
        }
    }
}
