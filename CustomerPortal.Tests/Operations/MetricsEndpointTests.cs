using System.Net;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Web.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CustomerPortal.Tests.Operations;

/// <summary>
/// The app with Telemetry settings of its own. They go in as host configuration, which the app sees when it registers
/// its services (settings given through UseSetting arrive only after that).
/// </summary>
public sealed class TelemetryAppFactory(IReadOnlyDictionary<string, string?> telemetry) : PortalAppFactory
{
    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(telemetry));
        return base.CreateHost(builder);
    }
}

public sealed class MetricsAppFixture : IDisposable
{
    public TelemetryAppFactory App { get; } = new(new Dictionary<string, string?> { ["Telemetry:Enabled"] = "true" });

    public void Dispose() => App.Dispose();
}

/// <summary>The Prometheus endpoint on a real Kestrel port: what it serves when enabled, and to whom.</summary>
public sealed class MetricsEndpointTests(MetricsAppFixture fixture) : IClassFixture<MetricsAppFixture>
{
    private readonly TelemetryAppFactory _app = fixture.App;

    [Fact]
    public async Task Enabled_ServesPrometheusText_WithRequestDurations_AndMessagesStoredByTheService()
    {
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/live")).StatusCode);
        var staff = (await TestAccounts.CreateStaffAsync(_app)).ToActor();
        var customer = await TestAccounts.CreateCustomerAsync(_app, "Metrics");
        int jobId;
        await using (var db = await _app.CreateDbContextAsync()) jobId = (await TestRecords.JobAsync(db, customer.Id)).Id;
        var messaging = _app.Get<MessagingService>();
        var thread = (await messaging.GetThreadForSubjectAsync(staff, ThreadSubject.Job, jobId, default)).Value!.Summary.Id;
        Assert.True((await messaging.PostAsync(staff, new PostMessage(thread, Guid.NewGuid(), "Counted"), default)).Succeeded);

        // The exporter answers a burst of scrapes from one collection (a few hundred milliseconds), so a scrape made just
        // before the post may be served again: ask until a fresh one has it.
        string text = "";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            var response = await client.GetAsync("metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
            text = await response.Content.ReadAsStringAsync();
        } while (!text.Contains("customerportal_messages_stored_total") && DateTime.UtcNow < deadline);

        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.Contains("http_route=\"/health/live\"", text);
        Assert.Contains("customerportal_messages_stored_total{", text);
        Assert.Contains("customerportal_live_published_total{", text);
    }

    [Fact]
    public async Task Enabled_ARequestThatCameThroughAProxy_IsRefused()
    {
        using var client = _app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("customerportal_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Disabled_ThePathIsNotFound()
    {
        using var app = new PortalAppFactory();
        using var client = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("metrics")).StatusCode);
    }

    [Fact]
    public async Task Enabled_ForOtherAddressesOnly_RefusesLoopback_AndServesAtTheConfiguredPath()
    {
        using var app = new TelemetryAppFactory(new Dictionary<string, string?>
        {
            ["Telemetry:Enabled"] = "true",
            ["Telemetry:PrometheusPath"] = "/internal/metrics",
            ["Telemetry:PrometheusAllowedFrom"] = "10.0.0.0/8; 192.0.2.7",
        });
        using var client = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("internal/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("metrics")).StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.0/8;::1", true)]
    [InlineData("10.0.0.0/8, 192.0.2.7 ;2001:db8::/32", true)]
    [InlineData("", true)]
    [InlineData("prometheus.internal", false)]
    [InlineData("10.0.0.0/40", false)]
    public void AllowedFrom_TakesAddressesAndNetworks(string setting, bool valid) =>
        Assert.Equal(valid, new TelemetryOptions { PrometheusAllowedFrom = setting }.TryGetAllowedNetworks(out _));
}
