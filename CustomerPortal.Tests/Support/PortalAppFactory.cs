using CustomerPortal.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Support;

/// <summary>
/// The real app on a real Kestrel port with its own SQLite file in a temp folder. One per test collection: HTTP tests use
/// <see cref="CreateHttpClient"/>, browser tests open <see cref="BaseUrl"/> in Chromium.
/// </summary>
public class PortalAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDataFolder = true;

    public PortalAppFactory()
    {
        DataFolder = Path.Combine(Path.GetTempPath(), "cp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
        DatabaseSettings = TestDatabase.NewHostSettings();
        // A port chosen up front, so App:PublicBaseUrl (the base of every link the app writes) is this server's address.
        Port = FreePort();
        UseKestrel(Port);
    }

    /// <summary>Another instance of the app on the same data folder and database as <paramref name="first"/>.</summary>
    protected PortalAppFactory(PortalAppFactory first)
    {
        _ownsDataFolder = false;
        DataFolder = first.DataFolder;
        DatabaseSettings = first.DatabaseSettings;
        Port = FreePort();
        UseKestrel(Port);
    }

    public string DataFolder { get; }

    /// <summary>The database this instance uses when it is not its own SQLite file in <see cref="DataFolder"/> (<see cref="TestDatabase"/>).</summary>
    public IReadOnlyDictionary<string, string?> DatabaseSettings { get; }

    public int Port { get; }

    /// <summary>App:PublicBaseUrl of this instance: links in e-mails and PDFs start with it.</summary>
    public string PublicBaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Seed the demo company at start-up; off by default so each test makes its own data.</summary>
    protected virtual bool SeedDemoData => false;

    public string BaseUrl
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress.ToString().TrimEnd('/');
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Package assets (MudBlazor css/js) are served from the NuGet cache outside Development only with this.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:DataFolder", DataFolder);
        foreach (var (key, value) in DatabaseSettings) builder.UseSetting(key, value);
        builder.UseSetting("DemoData:Enabled", SeedDemoData ? "true" : "false");
        builder.UseSetting("Urls", PublicBaseUrl);
        builder.UseSetting("App:PublicBaseUrl", PublicBaseUrl);
        // Reminders run on the clock; tests that want them call ReminderService themselves (Tests/Notifications).
        builder.UseSetting("Notifications:SchedulerEnabled", "false");
        // The suite signs in hundreds of times from 127.0.0.1; the rate-limit tests use a host of their own with small limits.
        builder.UseSetting("RateLimits:SignInsPerAddressAndIp", "1000000");
        builder.UseSetting("RateLimits:LinkEmailsPerAddress", "1000000");
        builder.UseSetting("RateLimits:FormPostsPerIp", "1000000");
    }

    /// <summary>
    /// A loopback port nobody listens on right now, for a server started later. Taken below the kernel's range for
    /// outgoing connections (which can take a port the kernel just handed out as free before the server binds it: ci35)
    /// and, when test.sh runs two test processes side by side, from this process's own band (CP_TEST_PORTS, "from-to").
    /// </summary>
    public static int FreePort()
    {
        lock (GivenPorts)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(PortBand.From, PortBand.To + 1);
                if (GivenPorts.Contains(port)) continue;
                try
                {
                    var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                    listener.Start();
                    listener.Stop();
                }
                catch (System.Net.Sockets.SocketException)
                {
                    continue;
                }
                GivenPorts.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"No free loopback port between {PortBand.From} and {PortBand.To}.");
    }

    private static readonly HashSet<int> GivenPorts = [];

    private static readonly (int From, int To) PortBand = ReadPortBand();

    private static (int From, int To) ReadPortBand()
    {
        if (Environment.GetEnvironmentVariable("CP_TEST_PORTS") is { } band && band.Split('-') is [var from, var to]
            && int.TryParse(from, out var low) && int.TryParse(to, out var high) && low > 1024 && high > low)
            return (low, high);
        var outgoingFrom = 32768;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (int.TryParse(range[0], out var start) && start > 21000) outgoingFrom = start;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
        }
        return (20000, outgoingFrom - 1);
    }

    /// <summary>An HTTP client on the Kestrel port that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateHttpClient(bool followRedirects = false)
    {
        StartServer();
        var handler = new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true, CookieContainer = new System.Net.CookieContainer() };
        return new HttpClient(handler) { BaseAddress = new Uri(BaseUrl + "/") };
    }

    public async Task<PortalDbContext> CreateDbContextAsync()
    {
        StartServer();
        return await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
    }

    public AsyncServiceScope CreateScope()
    {
        StartServer();
        return Services.CreateAsyncScope();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || !_ownsDataFolder) return;
        try { Directory.Delete(DataFolder, recursive: true); }
        catch (IOException) { /* SQLite may still hold the file for a moment; the temp folder is cleaned by the OS. */ }
    }
}

/// <summary>A second instance of the app on the first one's data folder and database, without Redis.</summary>
public sealed class SecondInstanceFactory(PortalAppFactory first) : PortalAppFactory(first);

/// <summary>The app with settings of its own on top of the test defaults (Stripe mode, another database, Redis...).</summary>
public sealed class ConfiguredAppFactory(IReadOnlyDictionary<string, string?> settings) : PortalAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}
