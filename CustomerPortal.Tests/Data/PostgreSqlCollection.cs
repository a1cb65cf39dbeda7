namespace CustomerPortal.Tests.Data;

/// <summary>One throw-away PostgreSQL cluster for every test class in the collection; each test makes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = "PostgreSQL";
}

public sealed class PostgreSqlFixture : IAsyncLifetime
{
    public PostgresServer Server { get; } = new();

    public Task InitializeAsync() => Server.StartAsync();

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();

    /// <summary>The settings that put the app or the Core services on a new, empty database on this server.</summary>
    public async Task<IDictionary<string, string?>> NewDatabaseSettingsAsync() => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "PostgreSql",
        ["Database:PostgreSqlConnectionString"] = await Server.CreateDatabaseAsync(),
    };

    /// <summary>The Core services (AddCore) on a new database on this server, migrated at start as the app does.</summary>
    public async Task<CoreServices> StartCoreAsync() => await CoreServices.StartAsync(settings: await NewDatabaseSettingsAsync());
}
