using Microsoft.Playwright;

namespace CustomerPortal.Tests.Support;

/// <summary>The app started on an empty database with demo data switched on.</summary>
public sealed class DemoAppFactory : PortalAppFactory
{
    protected override bool SeedDemoData => true;
}

/// <summary>The demo app for the collection, and one Chromium for its browser tests, started by the first that asks.</summary>
public sealed class DemoAppFixture : IAsyncLifetime
{
    private readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> _chromium = new(async () =>
    {
        var playwright = await Playwright.CreateAsync();
        return (playwright, await BrowserFixture.LaunchChromiumAsync(playwright));
    });

    public DemoAppFactory App { get; } = new();

    /// <summary>A signed-out page on the demo app at <paramref name="width"/>, in a browser context of its own (close it with <c>page.Context</c>).</summary>
    public async Task<IPage> NewPageAsync(int width, int height = 900)
    {
        var (_, browser) = await _chromium.Value;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(BusyMachineWaits.PatienceMs);
        return await context.NewPageAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_chromium.IsValueCreated)
        {
            var (playwright, browser) = await _chromium.Value;
            await browser.CloseAsync();
            playwright.Dispose();
        }
        App.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoAppCollection : ICollectionFixture<DemoAppFixture>
{
    public const string Name = "demo app";
}
