using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace CustomerPortal.Tests.Attachments;

public sealed class UploadPipelineTests : IAsyncLifetime
{
    private CoreServices _core = null!;
    private AttachmentService Attachments => _core.Get<AttachmentService>();

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Upload_WindowsProgramNamedPhotoJpg_IsRefusedAsNotAPicture()
    {
        var owner = await JobOwnerAsync();
        var program = new byte[4096];
        "MZ"u8.CopyTo(program);
        program[0x3C] = 0x80;
        "PE\0\0"u8.CopyTo(program.AsSpan(0x80));

        var result = await UploadAsync(owner, program, "photo.jpg", "image/jpeg");

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal("photo.jpg is not a picture or an allowed file type. You can upload a JPEG, PNG, GIF or WebP picture, a PDF, or a text or CSV file.",
            result.Message);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Upload_FileOverTheLimit_IsRefusedWithTheLimits()
    {
        var owner = await JobOwnerAsync();
        var pdf = new byte[11 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(pdf);

        var result = await UploadAsync(owner, pdf, "plans.pdf", "application/pdf");

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal("plans.pdf is 11 MB, which is too big. Pictures can be up to 15 MB and other files up to 10 MB.", result.Message);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Upload_StreamLongerThanAnyLimit_IsRefusedWithoutReadingItAll()
    {
        var owner = await JobOwnerAsync();
        var huge = new byte[16 * 1024 * 1024];
        huge[0] = 0xFF; huge[1] = 0xD8; huge[2] = 0xFF;

        var result = await UploadAsync(owner, huge, "huge.jpg", "image/jpeg");

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.StartsWith("huge.jpg is larger than 15 MB.", result.Message);
    }

    [Fact]
    public async Task Upload_JpegWithExifGps_StoresPictureWithoutMetadataTurnedUprightWithThumbnail()
    {
        var owner = await JobOwnerAsync();
        var original = TestImages.JpegWithExifGps(1200, 600);
        Assert.True(TestImages.Contains(original, "Exif"));
        using (var codec = SKCodec.Create(new SKMemoryStream(original)))
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);

        var result = await UploadAsync(owner, original, "IMG_2041.JPG", "image/jpeg");

        Assert.True(result.Succeeded, result.Message);
        var view = result.Value!;
        Assert.Equal(AttachmentKind.Picture, view.Kind);
        Assert.Equal("image/jpeg", view.ContentType);
        Assert.Equal((600, 1200), (view.Width, view.Height)); // orientation 6 applied: the picture now stands upright
        var stored = await ReadAsync(view.Id, thumbnail: false);
        Assert.False(TestImages.Contains(stored, "Exif"));
        Assert.False(TestImages.Contains(stored, "MM\0*"));
        using (var codec = SKCodec.Create(new SKMemoryStream(stored)))
        {
            Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
            Assert.Equal(600, codec.Info.Width);
        }
        var thumbnail = await ReadAsync(view.Id, thumbnail: true);
        using var thumb = SKBitmap.Decode(thumbnail);
        Assert.Equal(400, Math.Max(thumb.Width, thumb.Height));
        Assert.False(TestImages.Contains(thumbnail, "Exif"));
    }

    [Fact]
    public async Task Upload_LargePicture_IsScaledDownTo2560()
    {
        var owner = await JobOwnerAsync();

        var result = await UploadAsync(owner, TestImages.Jpeg(3200, 1600), "wide.jpg", "image/jpeg");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((2560, 1280), (result.Value!.Width, result.Value.Height));
    }

    [Fact]
    public async Task Upload_PngWithTransparency_StaysPng()
    {
        var owner = await JobOwnerAsync();
        using var bitmap = new SKBitmap(new SKImageInfo(50, 50, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(SKColors.Transparent);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);

        var result = await UploadAsync(owner, data.ToArray(), "logo.png", "image/png");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("image/png", result.Value!.ContentType);
        Assert.Equal("logo.png", result.Value.FileName);
    }

    [Fact]
    public async Task Upload_OpaquePngScreenshot_IsStoredAsJpegAndRenamed()
    {
        var owner = await JobOwnerAsync();

        var result = await UploadAsync(owner, TestImages.Png(80, 60), "screen.png", "image/png");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("image/jpeg", result.Value!.ContentType);
        Assert.Equal("screen.jpg", result.Value.FileName);
    }

    [Fact]
    public async Task Upload_PdfAndCsv_AreKeptAsFilesByContent()
    {
        var owner = await JobOwnerAsync();

        var pdf = await UploadAsync(owner, "%PDF-1.4\n%%EOF\n"u8.ToArray(), "permit", "application/octet-stream");
        var csv = await UploadAsync(owner, "date,amount\n2026-01-01,12.50\n"u8.ToArray(), "readings.csv", "text/csv");
        var binaryCsv = await UploadAsync(owner, [0x00, 0x01, 0x02, 0x03], "readings.csv", "text/csv");

        Assert.Equal(("application/pdf", AttachmentKind.File), (pdf.Value!.ContentType, pdf.Value.Kind));
        Assert.Equal("text/csv", csv.Value!.ContentType);
        Assert.Equal(ResultKind.Invalid, binaryCsv.Kind);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "drawing.svg")]
    [InlineData("<html><script>alert(1)</script></html>", "page.html")]
    [InlineData("<html><script>alert(1)</script></html>", "page.jpg")]
    public async Task Upload_MarkupThatBrowsersWouldRun_IsRefused(string content, string fileName)
    {
        var owner = await JobOwnerAsync();

        var result = await UploadAsync(owner, System.Text.Encoding.UTF8.GetBytes(content), fileName, "image/svg+xml");

        Assert.Equal(ResultKind.Invalid, result.Kind);
    }

    [Fact]
    public async Task Upload_FileNameWithFolders_KeepsOnlyTheName()
    {
        var owner = await JobOwnerAsync();

        var result = await UploadAsync(owner, "%PDF-1.4\n"u8.ToArray(), "..\\..\\etc/passwd.pdf", "application/pdf");

        Assert.Equal("passwd.pdf", result.Value!.FileName);
    }

    [Fact]
    public async Task Delete_RemovesRowAndStoredFiles()
    {
        var owner = await JobOwnerAsync();
        var view = (await UploadAsync(owner, TestImages.Jpeg(600, 400), "before.jpg", "image/jpeg")).Value!;
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_core.Folder, "files")).Length);

        var result = await Attachments.DeleteAsync(CoreServices.Staff, view.Id, default);

        Assert.True(result.Succeeded);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Upload_ByPortalUser_IsForbidden()
    {
        var owner = await JobOwnerAsync();
        await using var db = await _core.DbAsync();
        var customerId = await db.Jobs.Where(j => j.Id == owner.Id).Select(j => j.CustomerId).SingleAsync();

        using var stream = new MemoryStream(TestImages.Jpeg(10, 10));
        var result = await Attachments.UploadAsync(TestActors.Customer(customerId), owner, stream, "a.jpg", "image/jpeg", new(), default);

        Assert.Equal(ResultKind.Forbidden, result.Kind);
    }

    private async Task<AttachmentOwner> JobOwnerAsync()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        var job = await TestRecords.JobAsync(db, customer.Id);
        return new AttachmentOwner(AttachmentOwnerKind.Job, job.Id);
    }

    private async Task<Result<AttachmentView>> UploadAsync(AttachmentOwner owner, byte[] content, string name, string type)
    {
        using var stream = new MemoryStream(content);
        return await Attachments.UploadAsync(CoreServices.Staff, owner, stream, name, type, new UploadSettings(), default);
    }

    private async Task<byte[]> ReadAsync(int attachmentId, bool thumbnail)
    {
        var opened = await Attachments.OpenAsync(CoreServices.Staff, attachmentId, thumbnail, default);
        Assert.True(opened.Succeeded, opened.Message);
        using var content = opened.Value!;
        using var copy = new MemoryStream();
        await content.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var db = await _core.DbAsync();
        Assert.Empty(await db.Attachments.ToListAsync());
        Assert.Empty(Directory.GetFiles(Path.Combine(_core.Folder, "files")));
    }
}
