using System.Net;
using System.Text.RegularExpressions;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Accounts;

[Collection(WebAppCollection.Name)]
public sealed partial class MagicLinkTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    private MagicLinkService Links => _app.Services.GetRequiredService<MagicLinkService>();

    private async Task<(Customer Customer, PortalUser User)> NewPortalUserAsync(string? password = TestAccounts.Password)
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id, password);
        return (customer, user);
    }

    private async Task<string> IssueAsync(PortalUser user, MagicLinkPurpose purpose)
    {
        var issued = await Links.IssueAsync(user.Id, purpose, default);
        Assert.True(issued.Succeeded, issued.Message);
        return issued.Value!;
    }

    private static Task<HttpResponseMessage> ContinueAsync(HttpClient client, string token, string query = "") =>
        Forms.PostAsync(client, $"portal/link/{token}{query}", "magic-link-continue", new Dictionary<string, string>());

    [Fact]
    public async Task SignInLink_OpenedThenContinued_SignsInOnceAndIsRefusedAsUsedAfterwards()
    {
        var (customer, user) = await NewPortalUserAsync(password: null);
        var token = await IssueAsync(user, MagicLinkPurpose.SignIn);
        using var client = _app.CreateHttpClient();

        // Opening the link (as a mail scanner would) does not use it up.
        Assert.Contains("Continue to your portal", await client.GetStringAsync($"portal/link/{token}"));
        Assert.Contains("Continue to your portal", await client.GetStringAsync($"portal/link/{token}"));

        var response = await ContinueAsync(client, token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/portal", Redirects.LocationPath(response));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("portal")).StatusCode);

        await using (var db = await _app.CreateDbContextAsync())
        {
            var saved = await db.PortalUsers.SingleAsync(p => p.Id == user.Id);
            Assert.Equal(PortalUserStatus.Registered, saved.Status);
            Assert.NotNull(saved.LastSignInAtUtc);
            // The first registration is when the customer joined the portal (Insights' adoption).
            Assert.NotNull(saved.RegisteredAtUtc);
            Assert.Equal(saved.RegisteredAtUtc, (await db.Customers.SingleAsync(c => c.Id == customer.Id)).PortalJoinedAtUtc);
        }

        using var second = _app.CreateHttpClient();
        var again = await second.GetStringAsync($"portal/link/{token}");
        Assert.Contains(WebUtility.HtmlEncode(MagicLinkService.UsedMessage), again);
        Assert.Contains("Send me a new link", again);
        Assert.DoesNotContain("Continue to your portal", again);
    }

    [Fact]
    public async Task SignInLink_RedeemedTwiceInService_SecondIsRefusedAsUsed()
    {
        var (_, user) = await NewPortalUserAsync();
        var token = await IssueAsync(user, MagicLinkPurpose.SignIn);

        var first = await Links.RedeemAsync(token, MagicLinkPurpose.SignIn, default);
        var second = await Links.RedeemAsync(token, MagicLinkPurpose.SignIn, default);

        Assert.True(first.Succeeded, first.Message);
        Assert.Equal(user.Id, first.Value!.PortalUserId);
        Assert.False(second.Succeeded);
        Assert.Equal(MagicLinkService.UsedMessage, second.Message);
    }

    [Fact]
    public async Task SignInLink_RedeemedConcurrently_WorksForExactlyOneRequest()
    {
        var (_, user) = await NewPortalUserAsync();
        var token = await IssueAsync(user, MagicLinkPurpose.SignIn);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Links.RedeemAsync(token, MagicLinkPurpose.SignIn, default))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(MagicLinkService.UsedMessage, r.Message));
    }

    [Fact]
    public async Task ExpiredLink_IsRefusedWithExpiryMessageAndOffersNewLink()
    {
        var (_, user) = await NewPortalUserAsync();
        var token = await IssueAsync(user, MagicLinkPurpose.SignIn);
        await using (var db = await _app.CreateDbContextAsync())
        {
            await db.MagicLinkTokens.Where(t => t.PortalUserId == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1)));
        }
        using var client = _app.CreateHttpClient();

        var page = await client.GetStringAsync($"portal/link/{token}");
        var redeem = await Links.RedeemAsync(token, MagicLinkPurpose.SignIn, default);

        Assert.Contains(WebUtility.HtmlEncode(MagicLinkService.ExpiredMessage), page);
        Assert.Contains("Send me a new link", page);
        Assert.Equal(MagicLinkService.ExpiredMessage, redeem.Message);
    }

    [Fact]
    public async Task UnknownOrWrongPurposeLink_IsRefusedAsNotValid()
    {
        var (_, user) = await NewPortalUserAsync();
        var registration = await IssueAsync(user, MagicLinkPurpose.Registration);

        var unknown = await Links.CheckAsync(new string('a', 43), MagicLinkPurpose.SignIn, default);
        var garbage = await Links.CheckAsync("../../etc", MagicLinkPurpose.SignIn, default);
        var wrongPurpose = await Links.RedeemAsync(registration, MagicLinkPurpose.SignIn, default);

        Assert.Equal(MagicLinkService.UnknownMessage, unknown.Message);
        Assert.Equal(MagicLinkService.UnknownMessage, garbage.Message);
        Assert.Equal(MagicLinkService.UnknownMessage, wrongPurpose.Message);
        Assert.True((await Links.CheckAsync(registration, MagicLinkPurpose.Registration, default)).Succeeded);
    }

    [Fact]
    public async Task IssueAsync_NewLink_EndsTheOlderUnusedLinkOfTheSameKindOnly()
    {
        var (_, user) = await NewPortalUserAsync();
        var older = await IssueAsync(user, MagicLinkPurpose.SignIn);
        var reset = await IssueAsync(user, MagicLinkPurpose.PasswordReset);
        var newer = await IssueAsync(user, MagicLinkPurpose.SignIn);

        Assert.Equal(MagicLinkService.ExpiredMessage, (await Links.CheckAsync(older, MagicLinkPurpose.SignIn, default)).Message);
        Assert.True((await Links.CheckAsync(newer, MagicLinkPurpose.SignIn, default)).Succeeded);
        Assert.True((await Links.CheckAsync(reset, MagicLinkPurpose.PasswordReset, default)).Succeeded);
        await using var db = await _app.CreateDbContextAsync();
        var hashes = await db.MagicLinkTokens.Where(t => t.PortalUserId == user.Id).Select(t => t.TokenHash).ToListAsync();
        Assert.DoesNotContain(newer, hashes);
        Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
    }

    [Fact]
    public async Task LinkForLockedUser_IsRefusedWithContactUsMessage()
    {
        var (_, user) = await NewPortalUserAsync();
        var token = await IssueAsync(user, MagicLinkPurpose.SignIn);
        await using (var db = await _app.CreateDbContextAsync())
        {
            var saved = await db.PortalUsers.SingleAsync(p => p.Id == user.Id);
            saved.Lock(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        using var client = _app.CreateHttpClient();

        var page = await client.GetStringAsync($"portal/link/{token}");
        var response = await SignIn.PortalAsync(client, user.Email);

        Assert.Contains(WebUtility.HtmlEncode(SignInService.AccountLockedMessage), page);
        Assert.DoesNotContain("Send me a new link", page);
        Assert.Contains(WebUtility.HtmlEncode(SignInService.AccountLockedMessage), await response.Content.ReadAsStringAsync());
        Assert.Equal(SignInService.AccountLockedMessage, (await Links.RedeemAsync(token, MagicLinkPurpose.SignIn, default)).Message);
    }

    [Fact]
    public async Task LinkWhenCustomerPortalIsClosed_IsRefused()
    {
        var (customer, user) = await NewPortalUserAsync();
        var token = await IssueAsync(user, MagicLinkPurpose.SignIn);
        await using (var db = await _app.CreateDbContextAsync())
        {
            var saved = await db.Customers.SingleAsync(c => c.Id == customer.Id);
            saved.ClosePortal();
            await db.SaveChangesAsync();
        }

        var redeem = await Links.RedeemAsync(token, MagicLinkPurpose.SignIn, default);

        Assert.Equal(SignInService.PortalClosedMessage, redeem.Message);
        Assert.Equal(SignInService.PortalClosedMessage, (await Links.CheckAsync(token, MagicLinkPurpose.SignIn, default)).Message);
    }

    [Fact]
    public async Task RegistrationLink_WithMatchingEmail_SetsPasswordAndSignsIn()
    {
        var (customer, user) = await NewPortalUserAsync(password: null);
        var token = await IssueAsync(user, MagicLinkPurpose.Registration);
        using var client = _app.CreateHttpClient();
        const string newPassword = "Fresh-start-2024";

        var response = await Forms.PostAsync(client, $"portal/register/{token}", "set-password", new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email.ToUpperInvariant(),
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/portal", Redirects.LocationPath(response));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("portal")).StatusCode);
        using var fresh = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(fresh, user.Email, newPassword)).StatusCode);
        await using var db = await _app.CreateDbContextAsync();
        var registered = await db.PortalUsers.SingleAsync(p => p.Id == user.Id);
        Assert.Equal(PortalUserStatus.Registered, registered.Status);
        Assert.NotNull(registered.RegisteredAtUtc);
        Assert.Equal(registered.RegisteredAtUtc, (await db.Customers.SingleAsync(c => c.Id == customer.Id)).PortalJoinedAtUtc);
        Assert.Equal(MagicLinkService.UsedMessage, (await Links.CheckAsync(token, MagicLinkPurpose.Registration, default)).Message);
    }

    [Fact]
    public async Task RegistrationLink_WithOtherEmailOrWeakPassword_ExplainsAndKeepsTheLinkUsable()
    {
        var (_, user) = await NewPortalUserAsync(password: null);
        var token = await IssueAsync(user, MagicLinkPurpose.Registration);
        using var client = _app.CreateHttpClient();

        var wrongEmail = await Forms.PostAsync(client, $"portal/register/{token}", "set-password", new Dictionary<string, string>
        {
            ["Input.Email"] = "someone-else@example.test",
            ["Input.Password"] = "Fresh-start-2024",
            ["Input.ConfirmPassword"] = "Fresh-start-2024",
        });
        var weak = await Forms.PostAsync(client, $"portal/register/{token}", "set-password", new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email,
            ["Input.Password"] = "nodigitshere",
            ["Input.ConfirmPassword"] = "nodigitshere",
        });

        Assert.Equal(HttpStatusCode.BadRequest, wrongEmail.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(PortalPasswordService.WrongEmailMessage), await wrongEmail.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("digit", await weak.Content.ReadAsStringAsync());
        Assert.True((await Links.CheckAsync(token, MagicLinkPurpose.Registration, default)).Succeeded);
    }

    [Fact]
    public async Task ResetLink_SetsNewPassword_OldOneStopsWorking()
    {
        var (_, user) = await NewPortalUserAsync();
        var token = await IssueAsync(user, MagicLinkPurpose.PasswordReset);
        using var client = _app.CreateHttpClient();
        const string newPassword = "Second-chance-77";

        var response = await Forms.PostAsync(client, $"portal/reset-password/{token}", "set-password", new Dictionary<string, string>
        {
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/portal", Redirects.LocationPath(response));
        using var withOld = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await SignIn.PortalAsync(withOld, user.Email)).StatusCode);
        using var withNew = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(withNew, user.Email, newPassword)).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/portal", "/portal")]
    [InlineData("//evil.example", "/portal")]
    [InlineData("/\\evil.example", "/portal")]
    [InlineData("/portal/invoices", "/portal/invoices")]
    public async Task SignInLink_FollowsOnlyLocalReturnUrl(string returnUrl, string expected)
    {
        var (_, user) = await NewPortalUserAsync();
        var token = await IssueAsync(user, MagicLinkPurpose.SignIn);
        using var client = _app.CreateHttpClient();

        var response = await ContinueAsync(client, token, $"?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, Redirects.LocationPath(response));
    }

    [Fact]
    public async Task ForgotPassword_QueuesResetEmailWithAbsoluteLink_AndAnswersTheSameForUnknownAddress()
    {
        var (_, user) = await NewPortalUserAsync();
        var unknown = TestAccounts.UniqueEmail("nobody");
        using var client = _app.CreateHttpClient();

        var known = await Forms.PostAsync(client, "portal/login", "[forgot-password]forgot-password", new Dictionary<string, string> { ["Input.Email"] = user.Email });
        var notKnown = await Forms.PostAsync(client, "portal/login", "[forgot-password]forgot-password", new Dictionary<string, string> { ["Input.Email"] = unknown });

        var knownBody = await known.Content.ReadAsStringAsync();
        var unknownBody = await notKnown.Content.ReadAsStringAsync();
        Assert.Equal(known.StatusCode, notKnown.StatusCode);
        Assert.Contains("data-testid=\"link-sent\"", knownBody);
        Assert.Contains("data-testid=\"link-sent\"", unknownBody);
        Assert.Equal(knownBody.Replace(user.Email, "X").Length, unknownBody.Replace(unknown, "X").Length);

        await using var db = await _app.CreateDbContextAsync();
        var mail = await db.OutboxMessages.SingleAsync(m => m.PortalUserId == user.Id);
        Assert.Equal(user.Email, mail.ToAddress);
        Assert.Contains($"{_app.BaseUrl}/portal/reset-password/", mail.Body);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == unknown));
    }

    [Fact]
    public async Task EmailMeASignInLink_LinkFromTheEmailSignsIn()
    {
        var (_, user) = await NewPortalUserAsync();
        using var client = _app.CreateHttpClient();

        await Forms.PostAsync(client, "portal/login", "[email-sign-in-link]email-sign-in-link", new Dictionary<string, string> { ["Input.Email"] = user.Email });

        await using var db = await _app.CreateDbContextAsync();
        var mail = await db.OutboxMessages.SingleAsync(m => m.PortalUserId == user.Id);
        var link = LinkInBody().Match(mail.Body);
        Assert.True(link.Success, mail.Body);
        var token = link.Groups[1].Value;
        var response = await ContinueAsync(client, token);
        Assert.Equal("/portal", Redirects.LocationPath(response));
    }

    [Fact]
    public async Task NewLinkRequest_ForUserWithoutPassword_SendsRegistrationLinkInsteadOfReset()
    {
        var (_, user) = await NewPortalUserAsync(password: null);

        await Links.RequestLinkAsync(user.Email, MagicLinkPurpose.PasswordReset, default);

        await using var db = await _app.CreateDbContextAsync();
        var mail = await db.OutboxMessages.SingleAsync(m => m.PortalUserId == user.Id);
        Assert.Contains($"{_app.PublicBaseUrl}/portal/register/", mail.Body);
    }

    [GeneratedRegex(@"/portal/link/([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkInBody();
}
