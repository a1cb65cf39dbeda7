namespace CustomerPortal.Core.Files;

/// <summary>
/// Where uploaded bytes (attachments, thumbnails, the logo) are kept: the data folder or a shared mount
/// (<see cref="FolderFileStore"/>) or a table in the database (<see cref="DatabaseFileStore"/>), chosen by
/// <c>Files:Store</c>. Files get random names, so a stored name says nothing about the customer or the original file,
/// and a name from a request can never reach anything but a stored file. Callers write a file before the row that
/// names it and remove it after that row is gone; a store must not take part in the caller's transaction.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores the bytes under a new random name ending in <paramref name="extension"/> (".jpg") and returns that name.</summary>
    Task<string> SaveAsync(ReadOnlyMemory<byte> content, string extension, CancellationToken ct);

    /// <summary>Opens a stored file for reading, or null when there is no such file. The stream knows its Length.</summary>
    Task<Stream?> OpenReadAsync(string storedName, CancellationToken ct);

    /// <summary>A copy of a stored file under a new name (so either can be deleted alone), or null when there is no such file.</summary>
    Task<string?> CopyAsync(string storedName, CancellationToken ct);

    /// <summary>Removes a stored file; a name that is not stored is ignored.</summary>
    Task DeleteAsync(string storedName, CancellationToken ct);
}
