using System.Globalization;
using System.Net;
using CustomerPortal.Web.Health;
using Microsoft.AspNetCore.Hosting;

namespace CustomerPortal.Tests.Health;

/// <summary>The circuit benchmark's memory probe exists only when <c>LoadTest:MemoryProbe</c> is on.</summary>
[Collection(WebAppCollection.Name)]
public sealed class MemoryProbeTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Probe_WithoutTheSetting_IsNotFound()
    {
        using var http = fixture.App.CreateHttpClient();
        var response = await http.GetAsync(MemoryProbeEndpoint.Path.TrimStart('/'));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Probe_WithTheSetting_AnswersTheLiveManagedHeapInBytes()
    {
        using var app = new ProbedAppFactory();
        using var http = app.CreateHttpClient();
        var response = await http.GetAsync(MemoryProbeEndpoint.Path.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = long.Parse(await response.Content.ReadAsStringAsync(), CultureInfo.InvariantCulture);
        Assert.InRange(bytes, 1024 * 1024, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
    }

    private sealed class ProbedAppFactory : PortalAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(MemoryProbeEndpoint.Setting, "true");
        }
    }
}
