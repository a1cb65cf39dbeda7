using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Benchmarks;

/// <summary>
/// The staff customer list and a customer's portal tab on an SQLite file with 50,000 customers and 100,000 portal users,
/// through the same Core query methods the pages use. Each measurement is one call, so Median and P95 are per query.
/// Run: dotnet run -c Release --project CustomerPortal.Benchmarks -- --filter '*Customer*'
/// </summary>
[Config(typeof(PerQueryConfig))]
public class CustomerListBenchmarks
{
    private const int CustomerCount = 50_000;
    private const int PortalUserCount = 100_000;
    private static readonly Actor Staff = Actor.Staff(1, "Benchmark", StaffRole.Staff);

    private string _folder = "";
    private ServiceProvider _services = null!;
    private CustomerService _customers = null!;
    private CustomerPortalService _portal = null!;
    private IDbContextFactory<PortalDbContext> _dbFactory = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "cp-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "customers.db");
        var services = new ServiceCollection();
        // As the app registers it (AddCore), so the list runs with the app's connection settings.
        services.AddDbContextFactory<PortalDbContext>(o => o.UseSqlite($"Data Source={file};Default Timeout=30"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AccessRules>();
        services.AddSingleton<AuditLog>();
        services.AddLogging();
        services.AddSingleton<LiveEventBus>();
        services.AddSingleton<ILiveEventPublisher>(sp => sp.GetRequiredService<LiveEventBus>());
        services.AddCustomers();
        services.AddSingleton<CompanySettingsService>();
        services.AddPortalAdministration();
        _services = services.BuildServiceProvider();
        _customers = _services.GetRequiredService<CustomerService>();
        _portal = _services.GetRequiredService<CustomerPortalService>();
        _dbFactory = _services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        await using (var db = await _dbFactory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        BulkInsert(file);
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "List: search part of a last name ('ander'), sort by name, page 1")]
    public Task<PagedList<CustomerListRow>> SearchLastName() => ListAsync(new CustomerListQuery("ander"));

    [Benchmark(Description = "List: search part of an e-mail ('maria.ga'), sort by name, page 1")]
    public Task<PagedList<CustomerListRow>> SearchEmail() => ListAsync(new CustomerListQuery("maria.ga"));

    [Benchmark(Description = "List: search a company word ('plumbing'), sort by e-mail desc, page 3")]
    public Task<PagedList<CustomerListRow>> SearchCompanySortedByEmail() => ListAsync(new CustomerListQuery("plumbing", CustomerSort.Email, true, Page: 2));

    [Benchmark(Description = "List: search that matches nothing ('zzqx'), whole index scanned")]
    public Task<PagedList<CustomerListRow>> SearchNoMatch() => ListAsync(new CustomerListQuery("zzqx"));

    [Benchmark(Description = "List: no search, sort by name, page 1")]
    public Task<PagedList<CustomerListRow>> FirstPage() => ListAsync(new CustomerListQuery());

    [Benchmark(Description = "List: no search, sort by name, page 1000 (offset 24,975)")]
    public Task<PagedList<CustomerListRow>> DeepPage() => ListAsync(new CustomerListQuery(Page: 999));

    [Benchmark(Description = "List: no search, newest first, archived included, page 1")]
    public Task<PagedList<CustomerListRow>> NewestWithArchived() => ListAsync(new CustomerListQuery(Sort: CustomerSort.Created, Descending: true, IncludeArchived: true));

    [Benchmark(Description = "Profile: customer with contacts and addresses (CustomerService.GetAsync)")]
    public async Task<CustomerDetails> Profile() => (await _customers.GetAsync(Staff, 31_337, CancellationToken.None)).Value!;

    /// <summary>The portal tab's load: the customer's portal fields, its users and the contacts offered as e-mails.</summary>
    [Benchmark(Description = "Portal tab: customer + its portal users + contact e-mails (CustomerPortalService.GetAsync)")]
    public async Task<CustomerPortalView> PortalTab() => (await _portal.GetAsync(Staff, 24_680, CancellationToken.None)).Value!;

    private async Task<PagedList<CustomerListRow>> ListAsync(CustomerListQuery query)
    {
        var result = await _customers.ListAsync(Staff, query, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Message);
    }

    /// <summary>Raw SQL in one transaction with prepared commands: about a second for 150,000 rows, against minutes through EF.</summary>
    private static void BulkInsert(string file)
    {
        var random = new Random(20261123);
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        using var transaction = connection.BeginTransaction();

        using var customer = connection.CreateCommand();
        customer.Transaction = transaction;
        customer.CommandText = """
            INSERT INTO Customers (FirstName, LastName, CompanyName, DisplayName, Email, Phone, SearchText, InternalNotes,
                EmailNotifications, SmsNotifications, MarketingOptIn, PortalEnabled, PortalIdentifier, ModuleOverrides,
                IsArchived, CreatedAtUtc, UpdatedAtUtc, Version)
            VALUES ($first, $last, $company, $display, $email, $phone, $search, $notes, 1, 0, $marketing, $portal, $identifier,
                NULL, $archived, $created, $created, 0)
            """;
        var c = Parameters(customer, "$first", "$last", "$company", "$display", "$email", "$phone", "$search", "$notes",
            "$marketing", "$portal", "$identifier", "$archived", "$created");
        customer.Prepare();
        var start = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 1; i <= CustomerCount; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var company = random.Next(3) == 0 ? $"{last} {Trades[random.Next(Trades.Length)]} {Suffixes[random.Next(Suffixes.Length)]}" : "";
            var display = company.Length > 0 ? company : $"{first} {last}";
            var email = $"{first}.{last}{i}@{Domains[random.Next(Domains.Length)]}".ToLowerInvariant();
            var phone = $"({random.Next(200, 990)}) 555-{random.Next(0, 10000):0000}";
            c[0].Value = first;
            c[1].Value = last;
            c[2].Value = company;
            c[3].Value = display;
            c[4].Value = email;
            c[5].Value = phone;
            c[6].Value = CustomerSearch.TextFor(first, last, company, email, phone);
            c[7].Value = random.Next(4) == 0 ? "Gate code 1234. Dog in the yard; call before arriving." : "";
            c[8].Value = random.Next(2);
            c[9].Value = random.Next(10) == 0 ? 0 : 1;
            c[10].Value = $"{Customer.SlugFrom(display)}-{i}";
            c[11].Value = random.Next(20) == 0 ? 1 : 0;
            c[12].Value = Stored(start.AddMinutes(i * 52.0 + random.Next(50)));
            customer.ExecuteNonQuery();
        }

        using var user = connection.CreateCommand();
        user.Transaction = transaction;
        user.CommandText = """
            INSERT INTO PortalUsers (CustomerId, AccountId, Email, Name, Status, LoginMode, Modules, CanPay, CanAcceptEstimates,
                CanSubmitRequests, InvitedAtUtc, RegisteredAtUtc, LastSignInAtUtc, LockedAtUtc, StatusBeforeLock, Version)
            VALUES ($customer, NULL, $email, $name, $status, 0, NULL, 1, 1, 1, $invited, NULL, NULL, NULL, NULL, 0)
            """;
        var u = Parameters(user, "$customer", "$email", "$name", "$status", "$invited");
        user.Prepare();
        for (var i = 1; i <= PortalUserCount; i++)
        {
            u[0].Value = random.Next(1, CustomerCount + 1);
            u[1].Value = $"portal{i}@example.test";
            u[2].Value = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
            u[3].Value = random.Next(3);
            u[4].Value = Stored(start.AddMinutes(i * 26.0));
            user.ExecuteNonQuery();
        }
        // No ANALYZE: the app never runs one, so the planner works without statistics here too.
        transaction.Commit();
    }

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();

    /// <summary>The text form EF Core's SQLite provider stores a DateTime in.</summary>
    private static string Stored(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static readonly string[] FirstNames =
    [
        "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth", "David", "Barbara",
        "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Maria", "José", "Wei", "Aisha", "Jörg",
        "Chloé", "Mateo", "Priya", "Olivia", "Noah",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
        "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson",
        "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
        "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell",
        "Mitchell", "Carter", "Roberts", "Müller", "Schmidt", "O'Brien", "Kowalski", "Novak", "Rossi", "Dubois", "Sato",
    ];

    private static readonly string[] Trades = ["Plumbing", "Electric", "Roofing", "Landscaping", "Cleaning", "Property", "Dental", "Bakery"];
    private static readonly string[] Suffixes = ["LLC", "Inc", "& Sons", "Group", "Co"];
    private static readonly string[] Domains = ["gmail.com", "yahoo.com", "outlook.com", "example.net", "icloud.com"];

    /// <summary>One call per measurement (so the statistics are per query), short enough to finish in a few minutes.</summary>
    private sealed class PerQueryConfig : ManualConfig
    {
        public PerQueryConfig()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(10)
                .WithIterationCount(101)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Min, StatisticColumn.Max);
        }
    }
}
