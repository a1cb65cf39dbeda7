using CustomerPortal.Core.Data;
using CustomerPortal.Core.Data.Backups;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Web;

/// <summary>
/// The app's command-line verbs besides serving: <c>backup &lt;folder&gt;</c> (safe while the app runs) and
/// <c>restore &lt;folder&gt;</c> (with the app stopped), on SQLite or PostgreSQL. Settings come from the same appsettings
/// and environment as the app.
/// </summary>
public sealed class MaintenanceCommands
{
    private readonly string _verb;
    private readonly string _folder;

    private MaintenanceCommands(string verb, string folder, string[] settingArgs) => (_verb, _folder, SettingArgs) = (verb, folder, settingArgs);

    /// <summary>The arguments after the verb and its folder: settings such as --Database:DataFolder=/srv/portal.</summary>
    public string[] SettingArgs { get; }

    /// <summary>The verb on the command line, if any (settings like --Database:DataFolder=... may follow).</summary>
    public static MaintenanceCommands? Find(string[] args) => args switch
    {
        ["backup" or "restore", var folder, ..] when !folder.StartsWith("--", StringComparison.Ordinal) => new(args[0], folder, args[2..]),
        _ => null,
    };

    /// <summary>Runs the verb and returns the process exit code (0 done, 1 refused, with the reason written out).</summary>
    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var folder = Path.GetFullPath(_folder);
        var onPostgreSql = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.PostgreSql;
        var result = (_verb, onPostgreSql) switch
        {
            ("backup", true) => await services.GetRequiredService<PostgreSqlBackup>().BackupAsync(folder, CancellationToken.None),
            (_, true) => await services.GetRequiredService<PostgreSqlBackup>().RestoreAsync(folder, DateTime.UtcNow, CancellationToken.None),
            ("backup", false) => await services.GetRequiredService<SqliteBackup>().BackupAsync(folder, CancellationToken.None),
            _ => await services.GetRequiredService<SqliteBackup>().RestoreAsync(folder, DateTime.UtcNow, CancellationToken.None),
        };
        if (!result.Succeeded)
        {
            output.WriteLine(result.Errors.Count > 0 ? string.Join(Environment.NewLine, result.Errors.Values) : result.Message);
            return 1;
        }
        var done = result.Value!;
        output.WriteLine(_verb == "backup"
            ? $"Backed up the database ({done.DatabaseBytes:N0} bytes) and {done.Files} files to {folder}."
            : $"Restored the database ({done.DatabaseBytes:N0} bytes) and {done.Files} files from {folder}. Start the app.");
        return 0;
    }
}
