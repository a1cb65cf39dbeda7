using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CustomerPortal.Tests.Data;

/// <summary>One throw-away PostgreSQL cluster for every test class in the collection; each test makes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = "PostgreSQL";
}

public sealed class PostgreSqlFixture : IAsyncLifetime, IDisposable
{
    private readonly SemaphoreSlim _copying = new(1, 1);
    private string? _template;

    public PostgresServer Server { get; } = new();

    public Task InitializeAsync() => Server.StartAsync();

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();

    public void Dispose() => _copying.Dispose();

    /// <summary>The settings that put the app or the Core services on a new, empty database on this server.</summary>
    public async Task<IDictionary<string, string?>> NewDatabaseSettingsAsync() => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "PostgreSql",
        ["Database:PostgreSqlConnectionString"] = await Server.CreateDatabaseAsync(),
    };

    /// <summary>
    /// The Core services (AddCore) on a new database on this server, a copy of one migrated once for the collection
    /// (CREATE DATABASE ... TEMPLATE is a file copy, far cheaper than migrating each); the start-up migration finds nothing to do.
    /// </summary>
    public async Task<CoreServices> StartCoreAsync()
    {
        string connectionString;
        await _copying.WaitAsync();
        try
        {
            // PostgreSQL copies a template only while nobody else copies it.
            _template ??= await MigratedTemplateAsync();
            connectionString = await Server.CreateDatabaseAsync(_template);
        }
        finally
        {
            _copying.Release();
        }
        return await CoreServices.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:PostgreSqlConnectionString"] = connectionString,
        });
    }

    private async Task<string> MigratedTemplateAsync()
    {
        var template = new NpgsqlConnectionStringBuilder(await Server.CreateDatabaseAsync());
        // Not pooled: a template must have no open connections when it is copied.
        template.Pooling = false;
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(template.ConnectionString).UseProviderMigrations().Options);
        await db.Database.MigrateAsync();
        return template.Database!;
    }
}
