using CustomerPortal.Core;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CustomerPortal.Tests.Support;

/// <summary>
/// The Core services as the app registers them (AddCore), on their own SQLite file in a temp folder (or their own
/// PostgreSQL database, <see cref="TestDatabase"/>), with a clock the test sets. For service tests that need no web server.
/// </summary>
public sealed class CoreServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CoreServices(ServiceProvider provider, string folder, TestClock clock)
    {
        _provider = provider;
        Folder = folder;
        Clock = clock;
    }

    public string Folder { get; }
    public TestClock Clock { get; }

    public static readonly Actor Staff = Actor.Staff(1, "Sam Staff", StaffRole.Staff);

    /// <summary>An admin (owner, office manager): may also refund payments and change settings.</summary>
    public static readonly Actor Admin = Actor.Staff(2, "Ada Admin", StaffRole.Admin);

    /// <summary>Where every test clock starts: a Tuesday afternoon, UTC.</summary>
    public static readonly DateTimeOffset StartTime = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);

    public static async Task<CoreServices> StartAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cp-core-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var values = new Dictionary<string, string?>(TestDatabase.NewHostSettings())
        {
            ["Database:DataFolder"] = folder,
            ["Database:MigrateOnStartup"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var clock = new TestClock(StartTime);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(folder));
        services.AddCore(configuration);
        services.AddSingleton<TimeProvider>(clock);
        configure?.Invoke(services);

        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return new CoreServices(provider, folder, clock);
    }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public IServiceProvider Services => _provider;

    public Task<PortalDbContext> DbAsync() => Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    /// <summary>Changes the company settings row and drops the cached copy.</summary>
    public async Task UpdateCompanyAsync(Action<CompanySettings> change)
    {
        await using var db = await DbAsync();
        var company = await db.CompanySettings.SingleOrDefaultAsync();
        if (company is null) db.CompanySettings.Add(company = new CompanySettings());
        change(company);
        await db.SaveChangesAsync();
        Get<CompanySettingsService>().Invalidate();
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* The OS cleans the temp folder. */ }
    }

    private sealed class TestHostEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "CustomerPortal.Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

/// <summary>A clock that stands still until the test moves it.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
