using System.Net;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Files;

/// <summary>
/// Issue 14, uploaded files shared across instances: two app instances with data folders of their own on one database
/// (on SQLite the second opens the first's database file). With Files:Store = Database a file uploaded through one is
/// served by the other; with the folder store each instance has only its own files, so the setting is what shares them.
/// </summary>
public sealed class SharedFilesTests
{
    private static readonly Actor Staff = Actor.Staff(1, "Sam Staff", StaffRole.Staff);

    [Fact]
    public async Task FileUploadedThroughInstance1_IsServedByInstance2_WithTheDatabaseStore()
    {
        using var first = new FilesApp("Database");
        using var second = new FilesApp("Database", onDatabaseOf: first);
        var (user, fileId, pictureId, pdf) = await UploadThroughAsync(first);

        using var client = second.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(client, user)).StatusCode);
        var file = await client.GetAsync($"files/{fileId}?download=1");
        var thumbnail = await client.GetAsync($"files/{pictureId}/thumb");

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(first.DataFolder, second.DataFolder);
        Assert.Empty(FilesFolderOf(first));
        Assert.Empty(FilesFolderOf(second));
    }

    [Fact]
    public async Task FileUploadedThroughInstance1_IsNotFoundOnInstance2_WithFolderStoresOfTheirOwn()
    {
        using var first = new FilesApp("Folder");
        using var second = new FilesApp("Folder", onDatabaseOf: first);
        var (user, fileId, _, pdf) = await UploadThroughAsync(first);

        using var onFirst = first.CreateHttpClient();
        using var onSecond = second.CreateHttpClient();
        await SignIn.PortalAsync(onFirst, user);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(onSecond, user)).StatusCode);

        Assert.Equal(pdf, await (await onFirst.GetAsync($"files/{fileId}")).Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await onSecond.GetAsync($"files/{fileId}")).StatusCode);
    }

    private static string[] FilesFolderOf(PortalAppFactory app)
    {
        var folder = Path.Combine(app.DataFolder, "files");
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    /// <summary>A portal user's job with a PDF and a picture on it, shared with them, uploaded through the app's attachment service.</summary>
    private static async Task<(string UserEmail, int FileId, int PictureId, byte[] Pdf)> UploadThroughAsync(PortalAppFactory app)
    {
        var customer = await TestAccounts.CreateCustomerAsync(app);
        var user = await TestAccounts.CreatePortalUserAsync(app, customer.Id);
        int jobId;
        await using (var db = await app.CreateDbContextAsync())
            jobId = (await TestRecords.JobAsync(db, customer.Id, "Shared files", DateTime.UtcNow.AddDays(3))).Id;
        var attachments = app.Services.GetRequiredService<AttachmentService>();
        var pdf = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4\n% shared {Guid.NewGuid():N}\n");

        async Task<int> UploadAsync(byte[] content, string fileName)
        {
            using var stream = new MemoryStream(content);
            var uploaded = await attachments.UploadAsync(Staff, new AttachmentOwner(AttachmentOwnerKind.Job, jobId), stream, fileName, "",
                new UploadSettings(VisibleToCustomer: true), default);
            return uploaded.Value?.Id ?? throw new InvalidOperationException(uploaded.Message);
        }

        return (user.Email, await UploadAsync(pdf, "quote.pdf"), await UploadAsync(TestImages.Jpeg(320, 240), "boiler.jpg"), pdf);
    }

    /// <summary>The app with a data folder of its own and the given file store; given a first instance, on that instance's database.</summary>
    private sealed class FilesApp(string store, PortalAppFactory? onDatabaseOf = null) : PortalAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Files:Store", store);
            if (onDatabaseOf is null) return;
            if (TestDatabase.IsPostgreSql)
                foreach (var (key, value) in onDatabaseOf.DatabaseSettings) builder.UseSetting(key, value);
            else
                builder.UseSetting("Database:SqliteFileName", Path.Combine(onDatabaseOf.DataFolder, "customerportal.db"));
        }
    }
}
