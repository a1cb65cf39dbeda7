using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Invoices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerPortal.LoadTest;

/// <summary>
/// Server memory per Blazor circuit: for each scenario a fresh server process, a few pages opened first and kept open,
/// the managed heap after full collections (the app's memory probe) and the resident set read, then N more pages, each in
/// its own browser context, all waited for until interactive, and the same read again; the difference over N is what one
/// circuit costs. The app's pages are set against the template's counter page measured in the same run.
/// </summary>
public static class CircuitBenchmark
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(CircuitOptions options)
    {
        var root = RepoFolder.Find();
        var work = Path.Combine(Path.GetTempPath(), $"cp-circuits-{Guid.NewGuid():N}");
        var data = Path.Combine(work, "data");
        Directory.CreateDirectory(data);
        var scenarios = options.Scenarios.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Console.WriteLine($"Circuit memory: {options.Count} pages per scenario ({string.Join(", ", scenarios)}), server on CPU " +
            $"{(options.ServerCpu.Length > 0 ? options.ServerCpu : "any")}; work folder {work}.");
        try
        {
            var webDll = options.WebDll;
            if (webDll is null)
            {
                await Dotnet.PublishAsync(Path.Combine(root, "CustomerPortal.Web", "CustomerPortal.Web.csproj"), Path.Combine(work, "portal-app"), work);
                webDll = Path.Combine(work, "portal-app", "CustomerPortal.Web.dll");
            }
            var counterDll = scenarios.Contains("counter") ? await TemplateBaseline.CreateAsync(work) : null;
            var users = scenarios.Any(s => s != "counter") ? await SeedAndSignInAsync(options, webDll, data) : [];

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LaunchChromiumAsync(playwright);
            var results = new List<CircuitFigures>();
            foreach (var scenario in scenarios)
            {
                await using var server = scenario == "counter"
                    ? await ServerProcess.StartAsync(counterDll!, options.ServerCpu, url => new() { ["Urls"] = url }, Path.Combine(work, "server-counter.log"), "")
                    : await ServerProcess.StartAsync(new LoadOptions { ServerCpu = options.ServerCpu }, webDll, data, $"server-{scenario}.log");
                results.Add(await MeasureAsync(scenario, browser, server, users, options, work));
            }
            Print(results);
            return 0;
        }
        finally
        {
            if (options.Keep) Console.WriteLine($"Kept {work}.");
            else
            {
                try { Directory.Delete(work, recursive: true); }
                catch (IOException) { Console.WriteLine($"Could not delete {work}."); }
            }
        }
    }

    /// <summary>A portal user per page (warm-up pages too), each with a sent invoice, signed in over HTTP on a server of its own.</summary>
    private static async Task<IReadOnlyList<CircuitUser>> SeedAndSignInAsync(CircuitOptions options, string webDll, string data)
    {
        var seedOptions = new LoadOptions { Connections = options.Count + CircuitOptions.WarmUpPages + 1, Staff = 1, UsersPerCustomer = 1, ServerCpu = options.ServerCpu };
        var invoiceOf = new ConcurrentDictionary<int, int>();
        var world = await LoadSeed.SeedAsync(seedOptions, data, (services, admin, world) => SendInvoicesAsync(services, admin, world, invoiceOf));
        var portalPeers = world.Peers.Where(p => !p.IsStaff).ToList();

        await using var server = await ServerProcess.StartAsync(seedOptions, webDll, data, "server-sign-in.log");
        var clock = Stopwatch.StartNew();
        using var signIn = new HttpSignIn(server.BaseUri);
        await Parallel.ForEachAsync(portalPeers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (peer, _) => peer.Cookie = await signIn.PortalLinkAsync(peer.LinkToken!));
        Console.WriteLine($"Signed in {portalPeers.Count} portal users over HTTP in {clock.Elapsed.TotalSeconds:0.0} s.");
        return portalPeers.Select(p => new CircuitUser(p.Cookie, invoiceOf[world.Threads[p.Threads[0]].CustomerId])).ToList();
    }

    private static async Task SendInvoicesAsync(IServiceProvider services, Actor admin, LoadWorld world, ConcurrentDictionary<int, int> invoiceOf)
    {
        await Parallel.ForEachAsync(world.Threads, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (thread, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var invoices = scope.ServiceProvider.GetRequiredService<InvoiceService>();
            var input = await invoices.NewInputAsync(thread.CustomerId, ct);
            input.JobId = thread.JobId;
            input.Title = "Water heater replacement";
            input.Terms = "Payment due within 30 days. Thank you for your business.";
            input.Lines =
            [
                new LineItemInput { Description = "50-gallon gas water heater", Quantity = 1, UnitPrice = 1249m, TaxRatePercent = 8.25m },
                new LineItemInput { Description = "Labour, removal and disposal of the old heater", Quantity = 3, UnitPrice = 95m },
                new LineItemInput { Description = "Expansion tank and fittings", Quantity = 1, UnitPrice = 86.4m, TaxRatePercent = 8.25m },
            ];
            var created = await invoices.CreateAsync(admin, input, ct);
            if (!created.Succeeded) throw new InvalidOperationException($"Seeding an invoice failed: {created.Message}");
            var sent = await invoices.SendAsync(admin, created.Value, ct);
            if (!sent.Succeeded) throw new InvalidOperationException($"Sending an invoice failed: {sent.Message}");
            invoiceOf[thread.CustomerId] = created.Value;
        });
    }

    private static async Task<CircuitFigures> MeasureAsync(string scenario, IBrowser browser, ServerProcess server, IReadOnlyList<CircuitUser> users, CircuitOptions options, string work)
    {
        var pages = new List<IBrowserContext>();
        try
        {
            for (var i = 0; i < CircuitOptions.WarmUpPages; i++) pages.Add(await OpenAsync(scenario, browser, server, users.ElementAtOrDefault(i)));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var heapBefore = await server.ManagedHeapAfterCollectionAsync();
            var rssBefore = server.ResidentBytes();
            if (options.GcDump) await Dotnet.GcDumpAsync(server.Pid, Path.Combine(work, $"{scenario}-before.gcdump"), work);

            var clock = Stopwatch.StartNew();
            var opened = new IBrowserContext[options.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (i, _) =>
                opened[i] = await OpenAsync(scenario, browser, server, users.ElementAtOrDefault(CircuitOptions.WarmUpPages + i)));
            pages.AddRange(opened);
            var openSeconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(2));
            var heapAfter = await server.ManagedHeapAfterCollectionAsync();
            var rssAfter = server.ResidentBytes();
            if (options.GcDump) await Dotnet.GcDumpAsync(server.Pid, Path.Combine(work, $"{scenario}-after.gcdump"), work);
            Console.WriteLine($"  {scenario}: {options.Count} circuits interactive in {openSeconds:0.0} s; heap {Mb(heapBefore)} -> {Mb(heapAfter)}, RSS {Mb(rssBefore)} -> {Mb(rssAfter)}.");
            return new CircuitFigures(scenario, options.Count, heapAfter - heapBefore, rssAfter - rssBefore);
        }
        finally
        {
            foreach (var context in pages.Where(p => p is not null)) await context.CloseAsync();
        }
    }

    /// <summary>One page in a browser context of its own, signed in as the user for the portal's pages, waited for until interactive.</summary>
    private static async Task<IBrowserContext> OpenAsync(string scenario, IBrowser browser, ServerProcess server, CircuitUser? user)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUri.ToString() });
        context.SetDefaultTimeout((float)PageTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        if (scenario == "counter")
        {
            await page.GotoAsync(TemplateBaseline.CounterPath);
            await WaitForCounterAsync(page);
            return context;
        }
        if (user is null) throw new InvalidOperationException("Not enough seeded users.");
        await context.AddCookiesAsync(user.Cookies(server.BaseUri));
        await page.GotoAsync(scenario switch
        {
            "dashboard" => "portal",
            "invoice" => $"portal/invoices/{user.InvoiceId}",
            _ => throw new ArgumentException($"Unknown scenario {scenario}."),
        });
        // The layout and the page mark themselves once their live subscriptions are up, which needs the circuit.
        foreach (var marker in new[] { "[data-live-access=on]", "[data-live-reload=on]" })
            await page.WaitForSelectorAsync(marker, new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        return context;
    }

    /// <summary>The prerendered button does nothing until the circuit is up: click until the count moves.</summary>
    private static async Task WaitForCounterAsync(IPage page)
    {
        var until = Stopwatch.StartNew();
        while (true)
        {
            await page.ClickAsync("button.btn-primary");
            try
            {
                await page.WaitForFunctionAsync("() => !document.querySelector('[role=status]').textContent.trim().endsWith(': 0')",
                    null, new PageWaitForFunctionOptions { Timeout = 1000 });
                return;
            }
            catch (TimeoutException) when (until.Elapsed < PageTimeout) { }
        }
    }

    /// <summary>Debian's Chromium, headless, kept off the internet, with no throttling of pages nobody looks at.</summary>
    private static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
        ],
    });

    private static void Print(IReadOnlyList<CircuitFigures> results)
    {
        var template = results.FirstOrDefault(r => r.Scenario == "counter");
        Console.WriteLine();
        Console.WriteLine("| Scenario | N | Heap per circuit | RSS per circuit | Ratio to template (heap / RSS) | Users per GB (heap / RSS) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Describe(r.Scenario)} | {r.Count} | {r.HeapPerCircuit / 1024:0.0} KB | {r.RssPerCircuit / 1024:0.0} KB | " +
                $"{Ratio(r.HeapPerCircuit, template?.HeapPerCircuit)} / {Ratio(r.RssPerCircuit, template?.RssPerCircuit)} | {PerGb(r.HeapPerCircuit)} / {PerGb(r.RssPerCircuit)} |"));
        }
    }

    private static string Ratio(double value, double? baseline) =>
        baseline is > 0 ? (value / baseline.Value).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";

    private static string Describe(string scenario) => scenario switch
    {
        "counter" => "Template counter page (`/counter`)",
        "dashboard" => "Portal dashboard (`/portal`)",
        "invoice" => "Portal invoice (`/portal/invoices/{id}`)",
        _ => scenario,
    };

    private static string PerGb(double bytesPerCircuit) =>
        bytesPerCircuit > 0 ? (1024d * 1024 * 1024 / bytesPerCircuit).ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string Mb(long bytes) => (bytes / 1024d / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}

/// <summary>A signed-in portal user: the sign-in cookie (as a Cookie header) and their invoice.</summary>
public sealed record CircuitUser(string CookieHeader, int InvoiceId)
{
    public IEnumerable<Cookie> Cookies(Uri baseUri) => CookieHeader.Split("; ", StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .Select(pair => new Cookie { Name = pair[0], Value = pair[1], Url = baseUri.GetLeftPart(UriPartial.Authority) });
}

public sealed record CircuitFigures(string Scenario, int Count, long HeapDelta, long RssDelta)
{
    public double HeapPerCircuit => (double)HeapDelta / Count;
    public double RssPerCircuit => (double)RssDelta / Count;
}
