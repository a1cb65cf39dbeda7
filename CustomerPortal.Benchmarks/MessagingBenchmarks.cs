using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CustomerPortal.Core;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Messaging;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CustomerPortal.Benchmarks;

/// <summary>
/// One message's server work without the network: <see cref="MessagingService"/> calls as the messages hub makes them,
/// on an SQLite file registered as the app registers it (AddCore). The load tool measures the whole path; this says
/// where its time goes. Run: dotnet run -c Release --project CustomerPortal.Benchmarks -- --filter '*Messaging*'
/// </summary>
[Config(typeof(Config))]
public class MessagingBenchmarks
{
    private string _folder = "";
    private ServiceProvider _services = null!;
    private MessagingService _messaging = null!;
    private Actor _staff = null!;
    private Actor _customer = null!;
    private int _threadId;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        // Like the load tool: the database in memory-backed storage where there is some, so the disk is not measured.
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _folder = Path.Combine(root, "cp-bench-messaging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataFolder"] = _folder,
            ["Messaging:SendsPerMinute"] = "100000",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment
        {
            ApplicationName = "CustomerPortal.Benchmarks", EnvironmentName = Environments.Production,
            ContentRootPath = _folder, ContentRootFileProvider = new NullFileProvider(),
        });
        services.AddCore(configuration);
        services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<PortalDbContext>();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using var scope = _services.CreateAsyncScope();
        var provisioning = scope.ServiceProvider.GetRequiredService<AccountProvisioning>();
        _staff = Must(await provisioning.CreateStaffAsync("Bench Staff", "bench-staff@example.test", "Bench-Password-1", StaffRole.Admin, default)).ToActor();
        var customerId = Must(await _services.GetRequiredService<CustomerService>().CreateAsync(_staff, new CustomerInput
        {
            FirstName = "Bench", LastName = "Customer", Email = "bench-customer@example.test", EmailNotifications = false,
        }, default));
        var jobId = Must(await _services.GetRequiredService<JobService>().CreateAsync(_staff,
            new JobInput(customerId, "Bench job", "", new Address("1 Bench St", "", "Springfield", "IL", "62701"), null, ""), default));
        var user = Must(await provisioning.CreatePortalUserAsync(customerId, "bench-user@example.test", "Bench User", PortalLoginMode.LinkOnly, null, default));
        var company = await _services.GetRequiredService<CompanySettingsService>().GetAsync();
        _customer = user.ToActor(company.DefaultModules, null);

        _messaging = _services.GetRequiredService<MessagingService>();
        _threadId = Must(await _messaging.GetThreadForSubjectAsync(_staff, ThreadSubject.Job, jobId, default)).Summary.Id;
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "Post: staff message (PostAsync)")]
    public async Task<ThreadMessage> StaffPosts() =>
        Must(await _messaging.PostAsync(_staff, new PostMessage(_threadId, Guid.NewGuid(), "When can the technician come round?"), default));

    [Benchmark(Description = "Post: customer message (PostAsync)")]
    public async Task<ThreadMessage> CustomerPosts() =>
        Must(await _messaging.PostAsync(_customer, new PostMessage(_threadId, Guid.NewGuid(), "Tuesday morning works for us."), default));

    /// <summary>The smallest read through EF (a context from the pool, one row, one column), to compare a message's cost with.</summary>
    [Benchmark(Description = "Baseline: one small EF query on a pooled context")]
    public async Task<int> OneEfQuery()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.MessageThreads.AsNoTracking().Where(t => t.Id == _threadId).Select(t => t.CustomerId).SingleAsync();
    }

    /// <summary>The same read in plain ADO.NET on a pooled connection: what the database itself costs.</summary>
    [Benchmark(Description = "Baseline: the same query in plain ADO.NET")]
    public async Task<object?> OneSqlQuery()
    {
        await using var connection = new SqliteConnection($"Data Source={_services.GetRequiredService<DataPaths>().DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT CustomerId FROM MessageThreads WHERE Id = $id";
        command.Parameters.AddWithValue("$id", _threadId);
        return await command.ExecuteScalarAsync();
    }

    private static T Must<T>(Result<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException(result.Message);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(BenchmarkDotNet.Jobs.Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        }
    }
}
