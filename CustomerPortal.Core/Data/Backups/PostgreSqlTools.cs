using System.Diagnostics;
using System.Text.RegularExpressions;
using CustomerPortal.Core.Common;
using Npgsql;

namespace CustomerPortal.Core.Data.Backups;

/// <summary>
/// pg_dump and pg_restore, run against the app's database. The connection goes to them in libpq's environment variables
/// (PGHOST, PGUSER, PGPASSWORD...), so the password never shows on a command line.
/// </summary>
internal sealed partial class PostgreSqlTools
{
    /// <summary>Debian and Ubuntu keep every installed version's tools here, off the PATH.</summary>
    public const string DebianFolder = "/usr/lib/postgresql";

    private readonly string _folder;
    private readonly Dictionary<string, string> _environment;

    private PostgreSqlTools(string folder, Dictionary<string, string> environment) => (_folder, _environment) = (folder, environment);

    /// <summary>
    /// The newest pg_dump on the PATH or under /usr/lib/postgresql/*/bin, with pg_restore beside it; refused when there is
    /// none, or when it is older than the server (pg_dump cannot dump a newer server).
    /// </summary>
    public static async Task<Result<PostgreSqlTools>> FindAsync(string connectionString, CancellationToken ct)
    {
        var environment = LibpqEnvironment(new NpgsqlConnectionStringBuilder(connectionString));
        int serverMajor;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            serverMajor = connection.PostgreSqlVersion.Major;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return Refused("Database", $"The PostgreSQL server does not answer: {ex.Message}");
        }

        (string Folder, int Major)? newest = null;
        foreach (var folder in CandidateFolders().Where(f => File.Exists(Path.Combine(f, "pg_dump"))))
        {
            var found = new PostgreSqlTools(folder, environment);
            var (exit, output, _) = await found.RunAsync("pg_dump", ["--version"], ct);
            if (exit == 0 && MajorVersion(output) is { } major && (newest is null || major > newest.Value.Major)) newest = (folder, major);
        }
        if (newest is not { } tools)
            return Refused("Tools", $"pg_dump is not installed (looked on the PATH and in {DebianFolder}/*/bin): install the PostgreSQL " +
                $"{serverMajor} client tools (Debian, Ubuntu: apt-get install postgresql-client-{serverMajor}).");
        if (tools.Major < serverMajor)
            return Refused("Tools", $"{Path.Combine(tools.Folder, "pg_dump")} is version {tools.Major}, older than the PostgreSQL {serverMajor} " +
                $"server, and cannot dump it: install the PostgreSQL {serverMajor} client tools (apt-get install postgresql-client-{serverMajor}).");
        if (!File.Exists(Path.Combine(tools.Folder, "pg_restore")))
            return Refused("Tools", $"There is no pg_restore beside {Path.Combine(tools.Folder, "pg_dump")}.");
        return Result<PostgreSqlTools>.Ok(new PostgreSqlTools(tools.Folder, environment));
    }

    /// <summary>The major version in a tool's --version line, such as "pg_dump (PostgreSQL) 15.10 (Debian 15.10-0+deb12u1)".</summary>
    public static int? MajorVersion(string versionLine) =>
        VersionPattern().Match(versionLine) is { Success: true } match ? int.Parse(match.Groups[1].Value) : null;

    /// <summary>The whole database in pg_dump's custom format: one consistent snapshot, while the app keeps writing.</summary>
    public async Task<Result> DumpAsync(string file, CancellationToken ct)
    {
        var (exit, _, errors) = await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--file={file}"], ct);
        return exit == 0 ? Result.Success() : Result.Invalid("Database", $"pg_dump failed: {errors.Trim()}");
    }

    /// <summary>The tables of the public schema in a pg_dump archive; null when the file is no archive this pg_restore reads.</summary>
    public async Task<IReadOnlySet<string>?> TablesInDumpAsync(string file, CancellationToken ct)
    {
        var (exit, contents, _) = await RunAsync("pg_restore", ["--list", file], ct);
        if (exit != 0) return null;
        // Lines such as "214; 1259 16385 TABLE public CompanySettings portal" (id; catalog oid, object oid, kind, schema, name, owner).
        return contents.Split('\n').Select(line => TableEntryPattern().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Replaces what the dump holds (dropping those tables first) in one transaction: it is all restored or, on an error,
    /// nothing changes. Owners and grants are not restored, so a dump restores into a database of another role.
    /// </summary>
    public async Task<Result> RestoreAsync(string file, string database, CancellationToken ct)
    {
        var (exit, _, errors) = await RunAsync("pg_restore",
            ["--clean", "--if-exists", "--single-transaction", "--no-owner", "--no-privileges", $"--dbname=dbname={LibpqQuoted(database)}", file], ct);
        return exit == 0 ? Result.Success() : Result.Invalid("Database", $"pg_restore failed, nothing was changed: {errors.Trim()}");
    }

    // A bare --dbname holding "=" would be read as a connection string: always pass one, with the name quoted.
    private static string LibpqQuoted(string value) => $"'{value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", @"\'", StringComparison.Ordinal)}'";

    private static Result<PostgreSqlTools> Refused(string field, string message) => Result<PostgreSqlTools>.From(Result.Invalid(field, message));

    private static IEnumerable<string> CandidateFolders()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return folder;
        if (!Directory.Exists(DebianFolder)) yield break;
        foreach (var version in Directory.GetDirectories(DebianFolder)) yield return Path.Combine(version, "bin");
    }

    private static Dictionary<string, string> LibpqEnvironment(NpgsqlConnectionStringBuilder connection)
    {
        var environment = new Dictionary<string, string>
        {
            ["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGCONNECT_TIMEOUT"] = Math.Max(2, connection.Timeout).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGAPPNAME"] = "customerportal-backup",
            ["PGSSLMODE"] = connection.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            },
        };
        if (!string.IsNullOrEmpty(connection.Host)) environment["PGHOST"] = connection.Host;
        if (!string.IsNullOrEmpty(connection.Database)) environment["PGDATABASE"] = connection.Database;
        if (!string.IsNullOrEmpty(connection.Username)) environment["PGUSER"] = connection.Username;
        if (!string.IsNullOrEmpty(connection.Password)) environment["PGPASSWORD"] = connection.Password;
        if (!string.IsNullOrEmpty(connection.Passfile)) environment["PGPASSFILE"] = connection.Passfile;
        return environment;
    }

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Path.Combine(_folder, program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in _environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await errors);
    }

    [GeneratedRegex(@"^\d+; \d+ \d+ TABLE public (\S+) ")]
    private static partial Regex TableEntryPattern();

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionPattern();
}
