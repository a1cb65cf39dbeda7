using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CustomerPortal.Tests.Support;

/// <summary>
/// Which database the suite's app hosts and Core hosts use: their own SQLite file (the default), or, when
/// CP_TEST_POSTGRES holds a PostgreSQL server's connection string without a database (./test.sh's PostgreSQL pass), a
/// new database on that server for each host, copied from one migrated once per run (CREATE DATABASE ... TEMPLATE is
/// a file copy, far cheaper than migrating each). The PostgreSQL pass runs every test class but the browser ones
/// ([Trait("Kind", "Browser")], except those also marked [Trait("Database", "Both")]: a few journeys through the
/// live parts, which would double the suite's time if all ran twice), those about SQLite's own features or files ([Trait("Database", "SqliteOnly")]: file
/// backups, the FTS5 search index, a database file moved away, raw SQLite inserts, instances sharing one data folder)
/// and those that bring their own server ([Trait("Database", "OwnServer")]).
/// </summary>
public static class TestDatabase
{
    private static readonly string? Server = Environment.GetEnvironmentVariable("CP_TEST_POSTGRES");
    private static readonly Lazy<string> Template = new(MigratedTemplate);
    private static readonly Lock Copying = new();

    public static bool IsPostgreSql => !string.IsNullOrWhiteSpace(Server);

    /// <summary>The Database settings of a new host: none on SQLite (each host has its folder), a new database on PostgreSQL.</summary>
    public static IReadOnlyDictionary<string, string?> NewHostSettings()
    {
        if (!IsPostgreSql) return new Dictionary<string, string?>();
        var name = $"cp_{Guid.NewGuid():N}";
        // PostgreSQL copies a template only while nobody else copies it.
        lock (Copying) Execute($"CREATE DATABASE {name} TEMPLATE {Template.Value}");
        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            // Hundreds of hosts come and go in a run; their idle pooled connections are closed soon, or the server runs out.
            ["Database:PostgreSqlConnectionString"] = $"{Server};Database={name};Maximum Pool Size=20;Connection Idle Lifetime=5;Connection Pruning Interval=1",
        };
    }

    private static string MigratedTemplate()
    {
        var name = $"cp_template_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE {name}");
        // Not pooled: a template must have no open connections when it is copied.
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql($"{Server};Database={name};Pooling=false").UseProviderMigrations().Options;
        using (var db = new PortalDbContext(options)) db.Database.Migrate();
        return name;
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection($"{Server};Database=postgres;Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
