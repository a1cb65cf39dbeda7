using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Health;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Demo;
using CustomerPortal.Core.Exports;
using CustomerPortal.Core.Insights;
using CustomerPortal.Core.Home;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Notifications;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Profile;
using CustomerPortal.Core.Requests;
using CustomerPortal.Core.Reviews;
using CustomerPortal.Core.Search;
using CustomerPortal.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the database, the access rule and the application services of every feature.</summary>
    public static IServiceCollection AddCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<Operations.PortalMetrics>();
        services.AddSingleton<Common.RedisConnection>();
        services.AddSingleton<Common.SharedRateLimits>();
        services.AddSingleton<AccessRules>();
        services.AddSingleton<AccessResources>();
        services.AddSingleton<DataPaths>();
        services.AddSingleton<Data.Backups.SqliteBackup>();
        services.AddSingleton<Data.Backups.PostgreSqlBackup>();
        services.AddSingleton<Common.SignedTokens>();
        services.AddSingleton<Company.CompanySettingsService>();

        // Pooled: a context costs its set-up (services, options) once instead of on every query, which was most of the
        // time of a short query (CustomerPortal.Benchmarks, MessagingBenchmarks).
        services.AddPooledDbContextFactory<PortalDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (database.Provider == DatabaseProvider.PostgreSql)
                options.UseNpgsql(database.PostgreSqlConnectionString);
            else
                options.UseSqlite($"Data Source={provider.GetRequiredService<DataPaths>().DatabaseFile};Default Timeout=30")
                    .AddInterceptors(SqliteBusyTimeout.Instance);
            options.UseProviderMigrations();
            options.AddInterceptors(provider.GetRequiredService<Accounts.SignInChangePublisher>(),
                provider.GetRequiredService<Insights.InsightsChangeMarker>());
        });
        // Identity's stores and the few scoped users take a context from the same pool.
        services.TryAddScoped(provider => provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        services.AddTransient<DatabaseInitializer>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<Accounts.SignInChangePublisher>();
        services.AddSingleton<Insights.InsightsChangeMarker>();
        services.AddSingleton<Audit.AuditLog>();
        services.AddAccounts();
        services.AddPortalAdministration();
        services.AddDemoData();
        services.AddFiles(configuration);
        services.AddDelivery();
        services.AddLiveEvents();
        services.AddHealth();
        services.AddWork();
        services.AddCustomers();
        services.AddProfile();
        services.AddReviews();
        services.AddDocuments(configuration);
        services.AddMessaging();
        services.AddRequestDecisions();
        services.AddTemplates();
        services.AddNotifications(configuration);
        services.AddWorkRequests();
        services.AddStaffSearch();
        services.AddExports();
        services.AddInsights();
        services.AddStaffHome();
        return services;
    }
}
