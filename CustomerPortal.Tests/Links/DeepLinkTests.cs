using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Links;

/// <summary>Signed deep links opened over HTTP against the real app: who lands where, and what each refusal says.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class DeepLinkTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    private static Task<HttpResponseMessage> ContinueAsync(HttpClient client, string link) =>
        Forms.PostAsync(client, link.TrimStart('/'), "deep-link-continue", new Dictionary<string, string>());

    /// <summary>Posts to <paramref name="path"/> with the antiforgery token of a page already loaded (no new GET first).</summary>
    private static Task<HttpResponseMessage> PostWithTokenOfAsync(HttpClient client, string path, string page, IDictionary<string, string> fields) =>
        client.PostAsync(path.TrimStart('/'), new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value),
        }));

    [Fact]
    public async Task LinkOnlyUser_OpensThenContinues_IsSignedInOnceAndLandsOnTheInvoice()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Landing");
        var user = await LinkTestData.LinkOnlyUserAsync(_app, bundle.Customer.Id);
        var link = LinkTestData.Link(_app, user.Id, PortalPaths.Invoice(bundle.InvoiceId));
        using var client = _app.CreateHttpClient();

        // Opening it (as a mail scanner would) neither signs in nor uses it up.
        var opened = await client.GetStringAsync(link.TrimStart('/'));
        Assert.Contains("Continue to your invoice", opened);
        Assert.DoesNotContain(bundle.Marker, opened);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(PortalPaths.Invoice(bundle.InvoiceId).TrimStart('/'))).StatusCode);

        var continued = await ContinueAsync(client, link);
        Assert.Equal(HttpStatusCode.Redirect, continued.StatusCode);
        Assert.Equal(PortalPaths.Invoice(bundle.InvoiceId), Redirects.LocationPath(continued));
        var invoice = await client.GetAsync(PortalPaths.Invoice(bundle.InvoiceId).TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, invoice.StatusCode);
        Assert.Contains(bundle.Marker, await invoice.Content.ReadAsStringAsync());

        // Opened again by the signed-in recipient: straight to the page.
        var again = await client.GetAsync(link.TrimStart('/'));
        Assert.Equal(PortalPaths.Invoice(bundle.InvoiceId), Redirects.LocationPath(again));

        // A second use from another browser is refused and explained, with a fresh link on offer.
        using var other = _app.CreateHttpClient();
        var page = await other.GetStringAsync(link.TrimStart('/'));
        Assert.Contains(WebUtility.HtmlEncode(DeepLinkService.UsedMessage), page);
        Assert.Contains("Send me a new link", page);
        Assert.DoesNotContain("Continue to your invoice", page);
        await using var db = await _app.CreateDbContextAsync();
        Assert.Equal(1, await db.DeepLinkUses.CountAsync(u => u.PortalUserId == user.Id));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.DeepLinkUsed && a.EntityId == user.Id.ToString()));
    }

    [Fact]
    public async Task LinkOnlyUser_SecondPostOfTheSameLink_IsRefusedAsUsed()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Twice");
        var user = await LinkTestData.LinkOnlyUserAsync(_app, bundle.Customer.Id);
        var link = LinkTestData.Link(_app, user.Id, PortalPaths.Thread(bundle.ThreadId));
        using var first = _app.CreateHttpClient();
        using var second = _app.CreateHttpClient();
        // Both browsers load the page (and its button) before either presses it.
        var firstPage = await first.GetStringAsync(link.TrimStart('/'));
        var secondPage = await second.GetStringAsync(link.TrimStart('/'));
        Assert.Contains("Continue to the conversation", firstPage);

        var won = await ContinueAsync(first, link);
        var lost = await PostWithTokenOfAsync(second, link, secondPage, new Dictionary<string, string> { ["_handler"] = "deep-link-continue" });

        Assert.Equal(PortalPaths.Thread(bundle.ThreadId), Redirects.LocationPath(won));
        Assert.Equal(HttpStatusCode.BadRequest, lost.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(DeepLinkService.UsedMessage), await lost.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("portal")).StatusCode);
    }

    [Fact]
    public async Task PasswordUser_IsSentToSignIn_ThenLandsOnTheTarget()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Password");
        var target = PortalPaths.Estimate(bundle.EstimateId);
        var link = LinkTestData.Link(_app, bundle.User.Id, target);
        using var client = _app.CreateHttpClient();

        var opened = await client.GetAsync(link.TrimStart('/'));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var login = opened.Headers.Location!.OriginalString;
        Assert.Equal("/portal/login", Redirects.LocationPath(opened));
        Assert.Contains($"returnUrl={Uri.EscapeDataString(target)}", login);

        var signedIn = await SignIn.PostLoginAsync(client, login.TrimStart('/'), "portal-login", bundle.User.Email, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(target, Redirects.LocationPath(signedIn));
        Assert.Contains(bundle.Marker, await client.GetStringAsync(target.TrimStart('/')));
    }

    [Fact]
    public async Task AnotherPortalUserSignedIn_IsToldTheLinkIsSomeoneElses_AndSeesNothingOfIt()
    {
        var owner = await OneOfEverything.CreateAsync(_app, "Owner");
        var stranger = await OneOfEverything.CreateAsync(_app, "Stranger");
        var linkOnly = await LinkTestData.LinkOnlyUserAsync(_app, owner.Customer.Id);
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(client, stranger.User.Email)).StatusCode);

        foreach (var link in new[]
                 {
                     LinkTestData.Link(_app, owner.User.Id, PortalPaths.Invoice(owner.InvoiceId)),
                     LinkTestData.Link(_app, linkOnly.Id, PortalPaths.Invoice(owner.InvoiceId)),
                 })
        {
            var response = await client.GetAsync(link.TrimStart('/'));
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("This link is for someone else", body);
            Assert.Contains("Sign out and continue", body);
            foreach (var secret in new[] { owner.Marker, owner.User.Email, linkOnly.Email, linkOnly.Name, owner.Customer.Email })
                Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
            // Pressing the button of the page anyway does not sign the stranger in as the owner.
            var posted = await PostWithTokenOfAsync(client, link, body, new Dictionary<string, string> { ["_handler"] = "deep-link-continue" });
            Assert.DoesNotContain(owner.Marker, await posted.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(PortalPaths.Invoice(owner.InvoiceId).TrimStart('/'))).StatusCode);
        await using var db = await _app.CreateDbContextAsync();
        Assert.False(await db.DeepLinkUses.AnyAsync(u => u.PortalUserId == linkOnly.Id));
    }

    [Fact]
    public async Task SignOutAndContinue_ComesBackToTheLinkSignedOut()
    {
        var owner = await OneOfEverything.CreateAsync(_app, "Handover");
        var linkOnly = await LinkTestData.LinkOnlyUserAsync(_app, owner.Customer.Id);
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var link = LinkTestData.Link(_app, linkOnly.Id, PortalPaths.Invoice(owner.InvoiceId));
        using var client = _app.CreateHttpClient();
        await SignIn.StaffAsync(client, staff.Email);
        var page = await client.GetStringAsync(link.TrimStart('/'));
        Assert.Contains("This link is for someone else", page);

        var signedOut = await PostWithTokenOfAsync(client, "account/logout", page, new Dictionary<string, string> { ["returnUrl"] = link });

        Assert.Equal(link, Redirects.LocationPath(signedOut));
        Assert.Contains("Continue to your invoice", await client.GetStringAsync(link.TrimStart('/')));
    }

    [Fact]
    public async Task ExpiredLink_ExplainsItself_AndSendsTheSameRecipientAFreshLinkToTheSamePage()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Expired");
        var user = await LinkTestData.LinkOnlyUserAsync(_app, bundle.Customer.Id);
        var target = PortalPaths.Payment(bundle.PaymentId);
        var link = LinkTestData.LinkMadeAt(_app, user.Id, target, DateTimeOffset.UtcNow.AddDays(-15));
        using var client = _app.CreateHttpClient();

        var page = await client.GetStringAsync(link.TrimStart('/'));
        Assert.Contains(WebUtility.HtmlEncode(DeepLinkService.ExpiredMessage), page);
        Assert.DoesNotContain("Continue to", page);

        var sent = await Forms.PostAsync(client, link.TrimStart('/'), "fresh-deep-link", new Dictionary<string, string>());
        Assert.Contains("data-testid=\"link-sent\"", await sent.Content.ReadAsStringAsync());

        await using var db = await _app.CreateDbContextAsync();
        var mail = await db.OutboxMessages.SingleAsync(m => m.PortalUserId == user.Id);
        Assert.Equal(user.Email, mail.ToAddress);
        var fresh = LinkInBody().Match(mail.Body);
        Assert.True(fresh.Success, mail.Body);
        Assert.StartsWith(_app.PublicBaseUrl, fresh.Value);
        using var recipient = _app.CreateHttpClient();
        var continued = await ContinueAsync(recipient, LinkTestData.PathOf(fresh.Value));
        Assert.Equal(target, Redirects.LocationPath(continued));
    }

    [Fact]
    public async Task FreshLinkForAForgedLink_SendsNothing()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Forged");
        var link = LinkTestData.Link(_app, bundle.User.Id, PortalPaths.Home);
        var forged = Tamper(link);
        await using var db = await _app.CreateDbContextAsync();
        var before = await db.OutboxMessages.CountAsync(m => m.PortalUserId == bundle.User.Id);

        await _app.Services.GetRequiredService<DeepLinkService>().SendFreshLinkAsync(forged["/l/".Length..], default);

        Assert.Equal(before, await db.OutboxMessages.CountAsync(m => m.PortalUserId == bundle.User.Id));
    }

    [Fact]
    public async Task StaffRevokeAllLinks_OlderLinksAndUnusedSignInLinksStopAtOnce_NewOnesWork()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Revoked");
        var user = await LinkTestData.LinkOnlyUserAsync(_app, bundle.Customer.Id);
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var actor = Actor.Staff(staff.Id, staff.Name, StaffRole.Staff);
        var older = LinkTestData.LinkMadeAt(_app, user.Id, PortalPaths.Invoice(bundle.InvoiceId), DateTimeOffset.UtcNow.AddSeconds(-2));
        var magicLinks = _app.Services.GetRequiredService<MagicLinkService>();
        var signInToken = (await magicLinks.IssueAsync(user.Id, MagicLinkPurpose.SignIn, default)).Value!;

        var revoked = await _app.Services.GetRequiredService<PortalUserAdminService>().RevokeLinksAsync(actor, user.Id, default);
        Assert.True(revoked.Succeeded, revoked.Message);
        var newer = LinkTestData.LinkMadeAt(_app, user.Id, PortalPaths.Invoice(bundle.InvoiceId), DateTimeOffset.UtcNow.AddSeconds(1));

        using var client = _app.CreateHttpClient();
        var page = await client.GetStringAsync(older.TrimStart('/'));
        Assert.Contains(WebUtility.HtmlEncode(DeepLinkService.RevokedMessage), page);
        Assert.Contains("Send me a new link", page);
        Assert.False((await magicLinks.CheckAsync(signInToken, MagicLinkPurpose.SignIn, default)).Succeeded);
        Assert.Contains("Continue to your invoice", await client.GetStringAsync(newer.TrimStart('/')));
        await using var db = await _app.CreateDbContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.PortalLinksRevoked && a.EntityId == user.Id.ToString()));
    }

    [Fact]
    public async Task RevokeAllLinks_ByStaffOfNoRightOrACustomer_IsRefused()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "NoRight");
        var service = _app.Services.GetRequiredService<PortalUserAdminService>();

        var byCustomer = await service.RevokeLinksAsync(bundle.User.ToActor(PortalModules.All, null), bundle.User.Id, default);

        Assert.False(byCustomer.Succeeded);
        await using var db = await _app.CreateDbContextAsync();
        Assert.Null((await db.PortalUsers.SingleAsync(p => p.Id == bundle.User.Id)).LinksValidFromUtc);
    }

    [Fact]
    public async Task TamperedLink_IsNotValid_AndShowsNothing()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Tampered");
        var user = await LinkTestData.LinkOnlyUserAsync(_app, bundle.Customer.Id);
        var link = LinkTestData.Link(_app, user.Id, PortalPaths.Invoice(bundle.InvoiceId));
        using var client = _app.CreateHttpClient();

        foreach (var bad in new[] { Tamper(link), link[..^2], link + "00", "/l/not-a-token", "/l/" + new string('0', 80) })
        {
            var body = await client.GetStringAsync(bad.TrimStart('/'));
            Assert.Contains(WebUtility.HtmlEncode(DeepLinkService.NotValidMessage), body);
            Assert.DoesNotContain("Continue to", body);
            Assert.DoesNotContain(user.Email, body);
        }
    }

    [Fact]
    public async Task LockedUserOrClosedPortal_IsRefusedWithContactUs_AndNoFreshLink()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Locked");
        var user = await LinkTestData.LinkOnlyUserAsync(_app, bundle.Customer.Id);
        var link = LinkTestData.Link(_app, user.Id, PortalPaths.Invoice(bundle.InvoiceId));
        var closedCustomer = await OneOfEverything.CreateAsync(_app, "Closed");
        var closedLink = LinkTestData.Link(_app, closedCustomer.User.Id, PortalPaths.Home);
        await using (var db = await _app.CreateDbContextAsync())
        {
            (await db.PortalUsers.SingleAsync(p => p.Id == user.Id)).Lock(DateTime.UtcNow);
            (await db.Customers.SingleAsync(c => c.Id == closedCustomer.Customer.Id)).ClosePortal();
            await db.SaveChangesAsync();
        }
        using var client = _app.CreateHttpClient();

        var locked = await client.GetStringAsync(link.TrimStart('/'));
        var closed = await client.GetStringAsync(closedLink.TrimStart('/'));

        Assert.Contains(WebUtility.HtmlEncode(SignInService.AccountLockedMessage), locked);
        Assert.Contains(WebUtility.HtmlEncode(SignInService.PortalClosedMessage), closed);
        Assert.DoesNotContain("Send me a new link", locked + closed);
        Assert.DoesNotContain("Continue to", locked + closed);
    }

    [Theory]
    [InlineData("/staff")]
    [InlineData("https://evil.example/portal")]
    [InlineData("//evil.example/portal")]
    [InlineData("/portalx")]
    [InlineData("/portal/../staff")]
    [InlineData("/portal//evil.example")]
    [InlineData("/portal/\\evil.example")]
    [InlineData("/portal/invoices/1#top")]
    public void Sign_TargetOutsideThePortal_IsRefused(string target)
    {
        Assert.Throws<ArgumentException>(() => LinkTestData.DeepLinks(_app).Sign(1, target));
    }

    [Theory]
    [InlineData("/../staff")]
    [InlineData("//evil.example")]
    [InlineData("x")]
    public async Task OpeningASignedTokenWhoseTargetLeavesThePortal_IsNotValid(string rest)
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Outside");
        var user = await LinkTestData.LinkOnlyUserAsync(_app, bundle.Customer.Id);
        // Genuinely signed, as a bug or a stolen key could make it: opening it must still refuse the target.
        var payload = new byte[29 + Encoding.UTF8.GetByteCount(rest)];
        payload[0] = 1;
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(1), user.Id);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(5), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(13), DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds());
        Encoding.UTF8.GetBytes(rest).CopyTo(payload, 29);
        var token = _app.Services.GetRequiredService<SignedTokens>().Sign(DeepLinks.LinkPurpose, payload);
        using var client = _app.CreateHttpClient();

        var body = await client.GetStringAsync($"l/{token}");

        Assert.Contains(WebUtility.HtmlEncode(DeepLinkService.NotValidMessage), body);
        Assert.Equal(DeepLinkState.NotValid, (await _app.Services.GetRequiredService<DeepLinkService>().UseAsync(token, "", default)).State);
    }

    [Fact]
    public async Task MessageLinks_AreSignedDeepLinksUnderThePublicBaseUrl()
    {
        var bundle = await OneOfEverything.CreateAsync(_app, "Message");
        var links = LinkTestData.DeepLinks(_app).For(bundle.User.Id);

        var invoice = links.Url(PortalPaths.Invoice(bundle.InvoiceId));
        var card = links.Url(PortalPaths.AddCard);

        Assert.StartsWith($"{_app.PublicBaseUrl}/l/", invoice);
        Assert.NotEqual(invoice, links.Url(PortalPaths.Invoice(bundle.InvoiceId)));
        var read = LinkTestData.DeepLinks(_app).Read(invoice[(_app.PublicBaseUrl.Length + 3)..])!;
        Assert.Equal((bundle.User.Id, PortalPaths.Invoice(bundle.InvoiceId)), (read.PortalUserId, read.Target));
        Assert.Equal(14, Math.Round((read.ExpiresAtUtc - read.IssuedAtUtc).TotalDays));
        Assert.Equal(PortalPaths.AddCard, LinkTestData.DeepLinks(_app).Read(card[(_app.PublicBaseUrl.Length + 3)..])!.Target);
    }

    /// <summary>Changes one hex digit of the token's payload.</summary>
    private static string Tamper(string link)
    {
        var chars = link.ToCharArray();
        var at = "/l/".Length + 3;
        chars[at] = chars[at] == '0' ? '1' : '0';
        return new string(chars);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex(@"https?://[^\s""<>]+/l/[0-9a-f]+")]
    private static partial Regex LinkInBody();
}
