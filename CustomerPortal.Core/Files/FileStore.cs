using System.Security.Cryptography;
using CustomerPortal.Core.Data;

namespace CustomerPortal.Core.Files;

/// <summary>
/// Keeps uploaded bytes (attachments, thumbnails, the logo) in the data folder, outside the web root. Files get random
/// names, so a stored name says nothing about the customer or the original file, and a name from a request can never
/// point outside the folder.
/// </summary>
public sealed class FileStore(DataPaths paths)
{
    public async Task<string> SaveAsync(ReadOnlyMemory<byte> content, string extension, CancellationToken ct)
    {
        var name = $"{Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}{extension}";
        var path = PathOf(name);
        await File.WriteAllBytesAsync(path, content.ToArray(), ct);
        return name;
    }

    /// <summary>Opens a stored file for reading, or null when there is no such file.</summary>
    public Stream? OpenRead(string storedName)
    {
        if (!IsValidName(storedName)) return null;
        var path = PathOf(storedName);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true) : null;
    }

    /// <summary>A copy of a stored file under a new name (so either can be deleted alone), or null when there is no such file.</summary>
    public async Task<string?> CopyAsync(string storedName, CancellationToken ct)
    {
        if (!IsValidName(storedName) || !File.Exists(PathOf(storedName))) return null;
        var content = await File.ReadAllBytesAsync(PathOf(storedName), ct);
        return await SaveAsync(content, Path.GetExtension(storedName), ct);
    }

    public void Delete(string storedName)
    {
        if (IsValidName(storedName)) File.Delete(PathOf(storedName));
    }

    private string PathOf(string storedName) => Path.Combine(paths.FilesFolder, storedName);

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '.') && !name.Contains("..", StringComparison.Ordinal);
}
