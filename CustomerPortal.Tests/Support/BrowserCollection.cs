using Microsoft.Playwright;

namespace CustomerPortal.Tests.Support;

/// <summary>One app on Kestrel and one Debian Chromium, shared by the browser tests of the collection.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public PortalAppFactory App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// Screenshots go here (under the test output) so a person can look at them; the PostgreSQL pass, which runs at the
    /// same time, keeps its own.
    /// </summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, TestDatabase.IsPostgreSql ? "screenshots-postgresql" : "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
        await WarmUpAsync();
    }

    /// <summary>
    /// Signs a staff member and a portal user in once, up to their first live page, before the first test: the app's cold
    /// start (JIT, password hashing, first queries, the first circuits) falls in the minute when every collection starts
    /// its app at once, and must not be paid inside a test's waits.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var staff = await TestAccounts.CreateStaffAsync(App);
        var customer = await TestAccounts.CreateCustomerAsync(App, "Warmup");
        var portalUser = await TestAccounts.CreatePortalUserAsync(App, customer.Id);
        foreach (var signIn in new Func<LoginPage, Task>[] { l => l.SignInAsStaffAsync(staff.Email), l => l.SignInToPortalAsync(portalUser.Email) })
        {
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl });
            context.SetDefaultTimeout(ColdStartMs);
            await signIn(new LoginPage(await context.NewPageAsync()));
            await context.CloseAsync();
        }
    }

    private const float ColdStartMs = 180_000;

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
