using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Data;

/// <summary>Where the app keeps its files: the SQLite database and the file store, both outside the web root.</summary>
public sealed class DataPaths
{
    public DataPaths(IOptions<DatabaseOptions> options, IHostEnvironment environment)
    {
        var folder = options.Value.DataFolder;
        Root = Path.IsPathRooted(folder) ? folder : Path.Combine(environment.ContentRootPath, folder);
        Directory.CreateDirectory(Root);
        DatabaseFile = Path.Combine(Root, options.Value.SqliteFileName);
        FilesFolder = Path.Combine(Root, "files");
        Directory.CreateDirectory(FilesFolder);
    }

    public string Root { get; }
    public string DatabaseFile { get; }
    public string FilesFolder { get; }
}
