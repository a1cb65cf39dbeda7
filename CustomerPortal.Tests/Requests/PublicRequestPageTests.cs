using System.Net;
using CustomerPortal.Tests.Security;
using CustomerPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Requests;

/// <summary>The public request page as a browser posts it: real requests are kept, the honeypot and the per-IP limit stop spam.</summary>
[Collection(ThrottledAppCollection.Name)]
public sealed class PublicRequestPageTests(ThrottledAppFixture fixture)
{
    private readonly ThrottledAppFactory _app = fixture.App;

    [Fact]
    public async Task Post_RealRequestHoneypotAndTooMany_KeepsTheRealOnesStoresNoSpamAndRefusesPastTheLimit()
    {
        using var client = _app.CreateHttpClient();
        var first = TestAccounts.UniqueEmail("first");
        var bot = TestAccounts.UniqueEmail("bot");

        var real = await PostAsync(client, first);
        var spam = await PostAsync(client, bot, honeypot: "https://spam.example");
        var second = await PostAsync(client, TestAccounts.UniqueEmail("second"));
        var refused = await PostAsync(client, TestAccounts.UniqueEmail("third"));

        var realBody = await real.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Contains("data-testid=\"request-number\">REQ-", realBody);
        Assert.Contains("This is a request, not a booked time.", realBody);
        Assert.Contains("data-testid=\"public-request-sent\"", await spam.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(AccountThrottle.PublicRequestsLater), await refused.Content.ReadAsStringAsync());

        await using var db = await _app.CreateDbContextAsync();
        var kept = await db.Customers.Where(c => c.Email == first).SingleAsync();
        Assert.True(kept.IsPendingReview);
        Assert.Equal(1, await db.ServiceRequests.CountAsync(r => r.CustomerId == kept.Id));
        Assert.False(await db.Customers.AnyAsync(c => c.Email == bot));
    }

    [Fact]
    public async Task Get_ShowsTheFormWithAHoneypotHiddenFromPeopleAndScreenReaders()
    {
        using var client = _app.CreateHttpClient();

        var page = await client.GetStringAsync("request-work");

        Assert.Contains("<div class=\"cp-hp\" aria-hidden=\"true\">", page);
        Assert.Matches("name=\"Input.Website\"[^>]*tabindex=\"-1\"|tabindex=\"-1\"[^>]*name=\"Input.Website\"", page);
        Assert.Contains("accept=\"image/*\"", page);
        Assert.DoesNotContain("capture", page);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string honeypot = "") =>
        Forms.PostAsync(client, "request-work", "request-work", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Nora",
            ["Input.LastName"] = "Newcomer",
            ["Input.Email"] = email,
            ["Input.Phone"] = "(555) 010-0199",
            ["Input.Category"] = "Repair",
            ["Input.Title"] = "Garden gate drags",
            ["Input.Description"] = "The hinge needs looking at.",
            ["Input.Line1"] = "3 Birch Lane",
            ["Input.City"] = "Springfield",
            ["Input.PreferredDate"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"),
            ["Input.PreferredTimeWindow"] = "Any time",
            ["Input.ContactBy"] = "Phone",
            ["Input.Website"] = honeypot,
        });
}
