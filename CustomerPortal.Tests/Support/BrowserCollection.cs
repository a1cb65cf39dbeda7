using Microsoft.Playwright;

namespace CustomerPortal.Tests.Support;

/// <summary>One app on Kestrel and one Debian Chromium, shared by the browser tests of the collection.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public PortalAppFactory App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots go here (under the test output) so a person can look at them.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
        await WarmUpAsync(App.BaseUrl);
    }

    /// <summary>
    /// Renders the sign-in pages once before the first test, so the app's cold start (JIT, first queries) is not paid inside
    /// a test's 15-second waits while other collections start too.
    /// </summary>
    private static async Task WarmUpAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        foreach (var path in new[] { "/account/login", "/portal/login" })
            using (await http.GetAsync(path)) { }
    }

    /// <summary>Debian's Chromium, headless, kept off the internet.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });

    /// <summary>A fresh browser context (its own cookies) with the given window width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(BusyMachineWaits.PatienceMs);
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        App.Dispose();
    }
}

// The browser tests are split into collections of about the same length, each with its own app and Chromium, so they run
// side by side: a browser test spends most of its time waiting for the page, not on the processor.

/// <summary>Staff pages' journeys.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>The customer's journeys in the portal and its links.</summary>
[CollectionDefinition(Name)]
public sealed class PortalBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser: portal";
}

/// <summary>The axe audit of staff pages and signed-out pages.</summary>
[CollectionDefinition(Name)]
public sealed class StaffAxeCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "axe: staff";
}

/// <summary>The axe audit of portal pages.</summary>
[CollectionDefinition(Name)]
public sealed class PortalAxeCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "axe: portal";
}
