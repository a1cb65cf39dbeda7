using System.Net;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Links;

/// <summary>The unsubscribe page and RFC 8058 one-click endpoint behind DeepLinks.UnsubscribeUrl.</summary>
[Collection(WebAppCollection.Name)]
public sealed class UnsubscribeTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    private async Task<(Customer Customer, string Path)> CustomerWithLinkAsync(bool marketing)
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        await using (var db = await _app.CreateDbContextAsync())
        {
            (await db.Customers.SingleAsync(c => c.Id == customer.Id)).ChangePreferences(true, false, marketingOptIn: true);
            await db.SaveChangesAsync();
        }
        var url = LinkTestData.DeepLinks(_app).UnsubscribeUrl(user.Id, marketing);
        Assert.StartsWith($"{_app.PublicBaseUrl}/unsubscribe/", url);
        return (customer, LinkTestData.PathOf(url));
    }

    private async Task<(bool Email, bool Marketing, int Audits)> StateAsync(int customerId)
    {
        await using var db = await _app.CreateDbContextAsync();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId);
        var audits = await db.AuditEvents.CountAsync(a => a.Action == AuditActions.CustomerUnsubscribed && a.CustomerId == customerId);
        return (customer.EmailNotifications, customer.MarketingOptIn, audits);
    }

    private static FormUrlEncodedContent Body(string name, string value) => new(new Dictionary<string, string> { [name] = value });

    [Fact]
    public async Task Get_ShowsWhatWillStop_AndChangesNothing()
    {
        var (customer, path) = await CustomerWithLinkAsync(marketing: false);
        using var client = _app.CreateHttpClient();

        var page = await client.GetStringAsync(path.TrimStart('/'));
        await client.GetStringAsync(path.TrimStart('/'));

        Assert.Contains("Stop notification e-mails?", page);
        Assert.Contains("data-testid=\"unsubscribe\"", page);
        Assert.Equal((true, true, 0), await StateAsync(customer.Id));
    }

    [Fact]
    public async Task ConfirmButton_TurnsNotificationEmailsOff_Once_AndThePageSaysSo()
    {
        var (customer, path) = await CustomerWithLinkAsync(marketing: false);
        using var client = _app.CreateHttpClient();

        var first = await client.PostAsync(path.TrimStart('/'), Body("confirm", "1"));
        var second = await client.PostAsync(path.TrimStart('/'), Body("confirm", "1"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(path, Redirects.LocationPath(first));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal((false, true, 1), await StateAsync(customer.Id));
        var page = await client.GetStringAsync(path.TrimStart('/'));
        Assert.Contains("You are unsubscribed", page);
        Assert.DoesNotContain("data-testid=\"unsubscribe\"", page);
    }

    [Fact]
    public async Task OneClickPost_WithoutCookiesOrAntiforgery_StopsMarketing_Idempotently()
    {
        var (customer, path) = await CustomerWithLinkAsync(marketing: true);
        using var mailClient = _app.CreateHttpClient();

        var first = await mailClient.PostAsync(path.TrimStart('/'), Body("List-Unsubscribe", "One-Click"));
        var again = await mailClient.PostAsync(path.TrimStart('/'), Body("List-Unsubscribe", "One-Click"));
        using var multipart = new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } };
        var asMultipart = await mailClient.PostAsync(path.TrimStart('/'), multipart);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asMultipart.StatusCode);
        Assert.Equal((true, false, 1), await StateAsync(customer.Id));
        Assert.Contains("no more news or offers", await mailClient.GetStringAsync(path.TrimStart('/')));
    }

    [Fact]
    public async Task PostWithoutOneClickOrConfirm_ChangesNothing()
    {
        var (customer, path) = await CustomerWithLinkAsync(marketing: false);
        using var client = _app.CreateHttpClient();

        var empty = await client.PostAsync(path.TrimStart('/'), Body("List-Unsubscribe", "Something"));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal((true, true, 0), await StateAsync(customer.Id));
    }

    [Fact]
    public async Task TamperedOrDeepLinkToken_IsNotValid_AndChangesNothing()
    {
        var (customer, path) = await CustomerWithLinkAsync(marketing: false);
        var chars = path.ToCharArray();
        var at = "/unsubscribe/".Length + 3;
        chars[at] = chars[at] == '0' ? '1' : '0';
        var tampered = new string(chars);
        // A deep link's token is signed for another purpose: it is no unsubscribe token.
        var deepLinkToken = LinkTestData.DeepLinks(_app).Sign(1, "/portal");
        using var client = _app.CreateHttpClient();

        foreach (var bad in new[] { tampered, $"/unsubscribe/{deepLinkToken}", "/unsubscribe/nonsense" })
        {
            var page = await client.GetAsync(bad.TrimStart('/'));
            Assert.Contains(WebUtility.HtmlEncode(UnsubscribeService.NotValidMessage), await page.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(bad.TrimStart('/'), Body("List-Unsubscribe", "One-Click"))).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(bad.TrimStart('/'), Body("confirm", "1"))).StatusCode);
        }
        Assert.Equal((true, true, 0), await StateAsync(customer.Id));
    }
}
