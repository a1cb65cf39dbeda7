using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file and uploaded files; relative paths are under the app's content root.</summary>
    [Required]
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>SQLite file name inside <see cref="DataFolder"/>.</summary>
    [Required]
    public string SqliteFileName { get; set; } = "customerportal.db";

    /// <summary>Used only when <see cref="Provider"/> is PostgreSql.</summary>
    public string PostgreSqlConnectionString { get; set; } = "";

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
