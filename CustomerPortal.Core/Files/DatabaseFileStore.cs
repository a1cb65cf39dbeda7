using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Files;

/// <summary>
/// Files in the database (<c>StoredFiles</c>), for small installations with several instances and no shared folder:
/// every instance on the database serves every file, and a database backup holds the files too. Each call uses its own
/// context, never the caller's transaction. Reading loads the whole file into memory (an upload is at most
/// Attachments:MaxFileBytes); installations with large or many files keep them in a folder.
/// </summary>
public sealed class DatabaseFileStore(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock) : IFileStore
{
    public async Task<string> SaveAsync(ReadOnlyMemory<byte> content, string extension, CancellationToken ct)
    {
        var name = StoredFileNames.New(extension);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.StoredFiles.Add(new StoredFile(name, content.ToArray(), clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return name;
    }

    public async Task<Stream?> OpenReadAsync(string storedName, CancellationToken ct)
    {
        var content = await ContentAsync(storedName, ct);
        return content is null ? null : new MemoryStream(content, writable: false);
    }

    public async Task<string?> CopyAsync(string storedName, CancellationToken ct)
    {
        var content = await ContentAsync(storedName, ct);
        return content is null ? null : await SaveAsync(content, Path.GetExtension(storedName), ct);
    }

    public async Task DeleteAsync(string storedName, CancellationToken ct)
    {
        if (!StoredFileNames.IsValid(storedName)) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.StoredFiles.Where(f => f.Name == storedName).ExecuteDeleteAsync(ct);
    }

    private async Task<byte[]?> ContentAsync(string storedName, CancellationToken ct)
    {
        if (!StoredFileNames.IsValid(storedName)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StoredFiles.Where(f => f.Name == storedName).Select(f => f.Content).SingleOrDefaultAsync(ct);
    }
}
