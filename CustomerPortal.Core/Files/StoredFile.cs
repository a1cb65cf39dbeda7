namespace CustomerPortal.Core.Files;

/// <summary>The bytes of one uploaded file, kept in the database by <see cref="DatabaseFileStore"/>.</summary>
public sealed class StoredFile
{
    public StoredFile(string name, byte[] content, DateTime savedAtUtc)
    {
        Name = name;
        Content = content;
        Length = content.LongLength;
        SavedAtUtc = savedAtUtc;
    }

    private StoredFile() { }

    /// <summary>The random name the attachment or the company settings row refers to.</summary>
    public string Name { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public long Length { get; private set; }

    public DateTime SavedAtUtc { get; private set; }
}
