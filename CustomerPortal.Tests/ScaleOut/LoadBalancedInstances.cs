using CustomerPortal.Tests.Payments.Stripe;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.ScaleOut;

/// <summary>
/// The scaled installation, really started: a PostgreSQL cluster, a redis-server, two app instances with their own data
/// folders on that database and Redis (in Stripe mode on the fake Stripe server), nginx in front of them with the
/// configuration from deploy/nginx, and one Chromium.
/// </summary>
public sealed class LoadBalancedInstances : IAsyncLifetime
{
    private readonly FakeStripeFixture _stripe = new();
    private IPlaywright? _playwright;

    public PostgresServer Postgres { get; } = new();
    public RedisServer Redis { get; } = new();
    public NginxServer Nginx { get; } = new();
    public FakeStripeServer Stripe => _stripe.Server;
    public PortalAppFactory First { get; private set; } = null!;
    public PortalAppFactory Second { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Postgres.StartAsync(), Redis.StartAsync(), _stripe.InitializeAsync());
        var settings = new Dictionary<string, string?>(_stripe.Settings("balanced"))
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:PostgreSqlConnectionString"] = await Postgres.CreateDatabaseAsync(),
            ["LiveUpdates:RedisConnectionString"] = Redis.ConnectionString,
            ["App:PublicBaseUrl"] = Nginx.BaseUrl,
            ["ReverseProxy:TrustedProxies:0"] = "127.0.0.1",
        };
        First = new ConfiguredAppFactory(settings);
        _ = First.BaseUrl; // the first creates the schema before the second starts
        Second = new ConfiguredAppFactory(settings);
        _ = Second.BaseUrl;
        await Nginx.StartAsync(First.Port, Second.Port);
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    /// <summary>A signed-out page on nginx's address whose browser nginx sends to <paramref name="instance"/>.</summary>
    public async Task<IPage> NewPageOnAsync(PortalAppFactory instance, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Nginx.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        context.SetDefaultTimeout(BusyMachineWaits.PatienceMs);
        await context.AddCookiesAsync([new Cookie { Name = NginxServer.AffinityCookie, Value = await Nginx.AffinityForAsync(instance.Port), Url = Nginx.BaseUrl }]);
        return await context.NewPageAsync();
    }

    /// <summary>An HTTP client (keeping cookies, not following redirects) on nginx's address whose requests nginx sends to <paramref name="instance"/>.</summary>
    public async Task<HttpClient> ClientThroughNginxToAsync(PortalAppFactory instance)
    {
        var cookies = new System.Net.CookieContainer();
        cookies.Add(new Uri(Nginx.BaseUrl), new System.Net.Cookie(NginxServer.AffinityCookie, await Nginx.AffinityForAsync(instance.Port)));
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(Nginx.BaseUrl + "/") };
    }

    /// <summary>Which app instance served a response that came through nginx.</summary>
    public static string UpstreamOf(PortalAppFactory instance) => $"127.0.0.1:{instance.Port}";

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
        await Nginx.DisposeAsync();
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
        await _stripe.DisposeAsync();
    }
}
