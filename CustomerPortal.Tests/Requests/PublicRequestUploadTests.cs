using System.Net;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Requests;

/// <summary>The public request page's posts carry photos: more than the server's default 30 MB gets the page's own answer (the form again with its message), not a bare 413.</summary>
[Collection(WebAppCollection.Name)]
public sealed class PublicRequestUploadTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task Post_LargerThanTheDefaultBodyLimit_IsReadAndTheOversizedPhotoNamed_NothingStored()
    {
        using var client = _app.CreateHttpClient();
        var email = TestAccounts.UniqueEmail("bigphotos");
        var tooBig = new byte[16 * 1024 * 1024];
        var files = Enumerable.Range(1, 2).Select(i => ($"huge-{i}.jpg", "image/jpeg", tooBig));

        var response = await Forms.PostMultipartAsync(client, "request-work", "request-work", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Lena",
            ["Input.LastName"] = "Large",
            ["Input.Email"] = email,
            ["Input.Phone"] = "(555) 010-0177",
            ["Input.Category"] = "Repair",
            ["Input.Title"] = "Fence panel down",
            ["Input.Description"] = "Wind took it.",
            ["Input.Line1"] = "9 Elm Street",
            ["Input.City"] = "Springfield",
            ["Input.PreferredDate"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"),
            ["Input.PreferredTimeWindow"] = "Any time",
            ["Input.ContactBy"] = "Email",
            ["Input.Website"] = "",
        }, "photos", files);

        // The form was read (a refused form is the page again, answered 400), not cut off by the server (413).
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("huge-1.jpg is larger than", await response.Content.ReadAsStringAsync());
        await using var db = await _app.CreateDbContextAsync();
        Assert.False(await db.Customers.AnyAsync(c => c.Email == email));
    }
}
