using System.Diagnostics;
using CustomerPortal.Core;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CustomerPortal.LoadTest;

/// <summary>
/// Fills a fresh database (a SQLite file, or the PostgreSQL database the settings name) through Core's own services, before the server starts: staff (password sign-in), customers
/// each with a job, their portal users (sign-in link only, so 5,000 sign-ins do not cost 5,000 password hashes) and a
/// sign-in link per portal user.
/// </summary>
public static class LoadSeed
{
    /// <param name="databaseSettings">Database:* settings beside the data folder, as the server gets them (none: SQLite).</param>
    public static async Task<LoadWorld> SeedAsync(LoadOptions options, string dataFolder, Func<IServiceProvider, Actor, LoadWorld, Task>? more,
        IReadOnlyDictionary<string, string>? databaseSettings = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:DataFolder"] = dataFolder,
            ["Accounts:MagicLinkMinutes"] = "1440",
        };
        foreach (var (key, value) in databaseSettings ?? new Dictionary<string, string>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment
        {
            ApplicationName = "CustomerPortal.LoadTest", EnvironmentName = Environments.Production,
            ContentRootPath = dataFolder, ContentRootFileProvider = new NullFileProvider(),
        });
        services.AddCore(configuration);
        services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<PortalDbContext>();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var world = new LoadWorld();
        Actor? admin = null;
        for (var s = 0; s < options.StaffConnections; s++)
        {
            var email = $"load-staff-{s}@example.test";
            await using var scope = provider.CreateAsyncScope();
            var staff = await scope.ServiceProvider.GetRequiredService<AccountProvisioning>()
                .CreateStaffAsync($"Load Staff {s}", email, LoadWorld.StaffPassword, s == 0 ? StaffRole.Admin : StaffRole.Staff, default);
            admin ??= Must(staff).ToActor();
            world.Peers.Add(new LoadPeer(world.Peers.Count, isStaff: true, email));
        }

        var customers = (options.PortalConnections + options.UsersPerCustomer - 1) / options.UsersPerCustomer;
        var created = new (LoadThread Thread, List<LoadPeer> Users)[customers];
        await Parallel.ForEachAsync(Enumerable.Range(0, customers), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (c, ct) =>
        {
            var customerId = Must(await provider.GetRequiredService<CustomerService>().CreateAsync(admin!, new CustomerInput
            {
                FirstName = "Load", LastName = $"Customer {c}", Email = $"load-customer-{c}@example.test", EmailNotifications = false,
            }, ct));
            var jobId = Must(await provider.GetRequiredService<JobService>().CreateAsync(admin!,
                new JobInput(customerId, $"Load job {c}", "A job whose thread the load test talks in.", new Address("1 Load St", "", "Springfield", "IL", "62701"), null, ""), ct));
            var users = new List<LoadPeer>();
            for (var u = 0; u < options.UsersPerCustomer && c * options.UsersPerCustomer + u < options.PortalConnections; u++)
            {
                var email = $"load-user-{c}-{u}@example.test";
                await using var scope = provider.CreateAsyncScope();
                var user = Must(await scope.ServiceProvider.GetRequiredService<AccountProvisioning>()
                    .CreatePortalUserAsync(customerId, email, $"Load User {c}-{u}", PortalLoginMode.LinkOnly, null, ct));
                var token = Must(await provider.GetRequiredService<MagicLinkService>().IssueAsync(user.Id, MagicLinkPurpose.SignIn, ct));
                users.Add(new LoadPeer(-1, isStaff: false, email) { LinkToken = token });
            }
            created[c] = (new LoadThread(c, customerId, jobId), users);
        });

        foreach (var (thread, users) in created)
        {
            world.Threads.Add(thread);
            foreach (var user in users)
            {
                var peer = new LoadPeer(world.Peers.Count, isStaff: false, user.Email) { LinkToken = user.LinkToken };
                world.Peers.Add(peer);
                peer.Threads.Add(thread.Index);
                thread.Followers.Add(peer.Index);
            }
            // Each thread is followed by one staff member, round robin.
            var staff = world.Peers[thread.Index % options.StaffConnections];
            staff.Threads.Add(thread.Index);
            thread.Followers.Add(staff.Index);
        }

        if (more is not null) await more(provider, admin!, world);
        Console.WriteLine($"Seeded {options.StaffConnections} staff, {customers} customers with a job each and {options.PortalConnections} portal users in {clock.Elapsed.TotalSeconds:0.0} s.");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        return world;
    }

    private static T Must<T>(Result<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException($"Seeding failed: {result.Message}");
}
