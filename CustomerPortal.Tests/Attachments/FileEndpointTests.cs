using System.Net;

namespace CustomerPortal.Tests.Attachments;

[Collection(WebAppCollection.Name)]
public sealed class FileEndpointTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task File_ForOwnPicture_IsServedInlineWithVerifiedTypeAndNoSniff()
    {
        var a = await OneOfEverything.CreateAsync(_app, "Delta");
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, a.User.Email);

        var response = await client.GetAsync($"files/{a.PictureId}");
        var thumbnail = await client.GetAsync($"files/{a.PictureId}/thumb");
        var download = await client.GetAsync($"files/{a.FileId}?download=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{a.Marker}.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task File_ForStaff_IsServedForAnyCustomer()
    {
        var a = await OneOfEverything.CreateAsync(_app, "Echo");
        var staff = await TestAccounts.CreateStaffAsync(_app);
        using var client = _app.CreateHttpClient();
        await SignIn.StaffAsync(client, staff.Email);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"files/{a.PictureId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"files/{a.ProjectFileId}")).StatusCode);
    }

    [Fact]
    public async Task File_WithoutSignIn_IsNotFound()
    {
        var a = await OneOfEverything.CreateAsync(_app, "Foxtrot");
        using var client = _app.CreateHttpClient();

        var response = await client.GetAsync($"files/{a.PictureId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(a.Marker, await response.Content.ReadAsStringAsync());
    }
}
