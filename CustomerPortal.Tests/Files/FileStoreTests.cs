using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Tests.Files;

/// <summary>
/// What every file store does (README, Settings: Files:Store), run against each store through <see cref="IFileStore"/>
/// as AddCore registers it for the setting.
/// </summary>
public abstract class FileStoreContract(string store) : IAsyncLifetime
{
    private CoreServices _core = null!;

    protected CoreServices Core => _core;
    protected IFileStore Store => _core.Get<IFileStore>();

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync(settings: new Dictionary<string, string?> { ["Files:Store"] = store });

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Save_ThenOpenRead_GivesBackTheSameBytes_UnderARandomName()
    {
        var content = RandomNumberGenerator.GetBytes(300_000);

        var name = await Store.SaveAsync(content, ".pdf", default);
        var again = await Store.SaveAsync(content, ".pdf", default);

        Assert.Matches(new Regex("^[0-9a-f]{32}\\.pdf$"), name);
        Assert.NotEqual(name, again);
        await using var stream = await Store.OpenReadAsync(name, default);
        Assert.NotNull(stream);
        Assert.Equal(content.Length, stream.Length);
        Assert.Equal(content, await ReadAllAsync(stream));
    }

    [Fact]
    public async Task Copy_IsAFileOfItsOwn_ThatOutlivesTheOriginal()
    {
        var content = RandomNumberGenerator.GetBytes(5_000);
        var original = await Store.SaveAsync(content, ".jpg", default);

        var copy = await Store.CopyAsync(original, default);
        await Store.DeleteAsync(original, default);

        Assert.NotNull(copy);
        Assert.NotEqual(original, copy);
        Assert.EndsWith(".jpg", copy);
        Assert.Null(await Store.OpenReadAsync(original, default));
        await using var stream = await Store.OpenReadAsync(copy, default);
        Assert.Equal(content, await ReadAllAsync(stream!));
    }

    [Fact]
    public async Task Delete_RemovesTheFile_AndAgainIsHarmless()
    {
        var name = await Store.SaveAsync(new byte[] { 1, 2, 3 }, ".png", default);
        var other = await Store.SaveAsync(new byte[] { 4, 5, 6 }, ".png", default);

        await Store.DeleteAsync(name, default);
        await Store.DeleteAsync(name, default);

        Assert.Null(await Store.OpenReadAsync(name, default));
        await using var kept = await Store.OpenReadAsync(other, default);
        Assert.Equal(new byte[] { 4, 5, 6 }, await ReadAllAsync(kept!));
    }

    [Fact]
    public async Task MissingFile_IsNull_ForOpenAndCopy()
    {
        var missing = StoredFileNames.New(".jpg");

        Assert.Null(await Store.OpenReadAsync(missing, default));
        Assert.Null(await Store.CopyAsync(missing, default));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../customerportal.db")]
    [InlineData("..%2Fcustomerportal.db")]
    [InlineData("files/../customerportal.db")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\customerportal.db")]
    [InlineData("customerportal.db\0.jpg")]
    [InlineData(".hidden")]
    public async Task NameThatCouldPointElsewhere_IsRefused_AndTouchesNothing(string name)
    {
        var outside = Path.Combine(Core.Get<DataPaths>().Root, "customerportal.db");
        var sentinel = Path.Combine(Core.Folder, "sentinel.txt");
        await File.WriteAllTextAsync(sentinel, "keep me");
        // The database file's length is no measure: SQLite moves pages from its write-ahead log into it at moments of its own.
        var databaseWasThere = IsSqliteDatabase(outside);

        Assert.Null(await Store.OpenReadAsync(name, default));
        Assert.Null(await Store.CopyAsync(name, default));
        await Store.DeleteAsync(name, default);
        await Store.DeleteAsync("../sentinel.txt", default);

        Assert.Equal("keep me", await File.ReadAllTextAsync(sentinel));
        Assert.Equal(databaseWasThere, IsSqliteDatabase(outside));
    }

    private static bool IsSqliteDatabase(string path)
    {
        if (!File.Exists(path)) return false;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[16];
        return file.Read(header) == header.Length && header.AsSpan().SequenceEqual("SQLite format 3\0"u8);
    }

    [Fact]
    public async Task NameLongerThanTheLimit_IsRefused()
    {
        Assert.Null(await Store.OpenReadAsync(new string('a', StoredFileNames.MaxLength + 1), default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync(new byte[] { 1 }, "." + new string('a', StoredFileNames.MaxLength), default));
    }

    [Theory]
    [InlineData("/../x")]
    [InlineData(".j/pg")]
    [InlineData("..jpg")]
    public async Task Save_WithAnExtensionThatIsNoExtension_IsABug(string extension) =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync(new byte[] { 1 }, extension, default));

    protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

public sealed class FolderFileStoreTests() : FileStoreContract("Folder")
{
    [Fact]
    public async Task Folder_IsTheDefault_FilesAreInTheDataFolder_AndReadAsAFileStream()
    {
        await using var core = await CoreServices.StartAsync();
        var store = core.Get<IFileStore>();

        var name = await store.SaveAsync(new byte[] { 7, 8, 9 }, ".pdf", default);

        Assert.IsType<FolderFileStore>(store);
        Assert.Equal(new byte[] { 7, 8, 9 }, await File.ReadAllBytesAsync(Path.Combine(core.Folder, "files", name)));
        await using var stream = await store.OpenReadAsync(name, default);
        Assert.IsType<FileStream>(stream);
    }

    [Fact]
    public async Task FilesFolder_SetsWhereTheFilesGo()
    {
        var shared = Path.Combine(Core.Folder, "shared-mount");
        await using var core = await CoreServices.StartAsync(settings: new Dictionary<string, string?> { ["Files:Folder"] = shared });

        var name = await core.Get<IFileStore>().SaveAsync(new byte[] { 1, 2 }, ".png", default);

        Assert.True(File.Exists(Path.Combine(shared, name)));
        Assert.False(File.Exists(Path.Combine(core.Folder, "files", name)));
    }
}

public sealed class DatabaseFileStoreTests() : FileStoreContract("Database")
{
    [Fact]
    public async Task Files_AreRowsInTheDatabase_AndNothingIsWrittenToAFolder()
    {
        var content = RandomNumberGenerator.GetBytes(2_000);

        var name = await Store.SaveAsync(content, ".jpg", default);

        Assert.IsType<DatabaseFileStore>(Store);
        await using var db = await Core.DbAsync();
        var row = await db.StoredFiles.AsNoTracking().SingleAsync(f => f.Name == name);
        Assert.Equal(content, row.Content);
        Assert.Equal(content.Length, row.Length);
        Assert.DoesNotContain(Directory.GetFiles(Core.Folder, "*", SearchOption.AllDirectories), f => f.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFolder_WithTheDatabaseStore_IsRefusedByValidation()
    {
        await using var core = await CoreServices.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Files:Store"] = "Database",
            ["Files:Folder"] = "/srv/files",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => core.Get<IOptions<FileStoreOptions>>().Value);
        Assert.Contains("Files:Folder is used only with Files:Store = Folder", refused.Message);
    }
}
