using CustomerPortal.Core.Data;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Files;

/// <summary>
/// Files in a folder outside the web root: the data folder's <c>files</c> by default, or <c>Files:Folder</c>, which
/// several instances can share when it is a mount they all see.
/// </summary>
public sealed class FolderFileStore : IFileStore
{
    private const int BufferSize = 64 * 1024;

    public FolderFileStore(DataPaths paths, IOptions<FileStoreOptions> options)
    {
        Folder = options.Value.FolderIn(paths);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public async Task<string> SaveAsync(ReadOnlyMemory<byte> content, string extension, CancellationToken ct)
    {
        var name = StoredFileNames.New(extension);
        await using var file = new FileStream(PathOf(name), FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        await file.WriteAsync(content, ct);
        return name;
    }

    public Task<Stream?> OpenReadAsync(string storedName, CancellationToken ct) => Task.FromResult(Open(storedName));

    public async Task<string?> CopyAsync(string storedName, CancellationToken ct)
    {
        await using var source = Open(storedName);
        if (source is null) return null;
        var name = StoredFileNames.New(Path.GetExtension(storedName));
        try
        {
            await using var copy = new FileStream(PathOf(name), FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            await source.CopyToAsync(copy, ct);
        }
        catch
        {
            File.Delete(PathOf(name));
            throw;
        }
        return name;
    }

    public Task DeleteAsync(string storedName, CancellationToken ct)
    {
        if (StoredFileNames.IsValid(storedName)) File.Delete(PathOf(storedName));
        return Task.CompletedTask;
    }

    private Stream? Open(string storedName)
    {
        if (!StoredFileNames.IsValid(storedName)) return null;
        try
        {
            return new FileStream(PathOf(storedName), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private string PathOf(string storedName) => Path.Combine(Folder, storedName);
}
