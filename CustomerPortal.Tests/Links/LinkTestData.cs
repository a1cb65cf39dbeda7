using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Tests.Links;

/// <summary>Link-only portal users and deep links made through the app's own services.</summary>
public static class LinkTestData
{
    public static async Task<PortalUser> LinkOnlyUserAsync(PortalAppFactory app, int customerId)
    {
        await using var scope = app.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<AccountProvisioning>()
            .CreatePortalUserAsync(customerId, TestAccounts.UniqueEmail("linkonly"), "Lee Linkonly", PortalLoginMode.LinkOnly, null, default);
        return created.Value ?? throw new InvalidOperationException(created.Message);
    }

    public static DeepLinks DeepLinks(PortalAppFactory app) => app.Services.GetRequiredService<DeepLinks>();

    /// <summary>The app-relative address of a deep link for <paramref name="portalUserId"/> to <paramref name="target"/>.</summary>
    public static string Link(PortalAppFactory app, int portalUserId, string target) =>
        Core.Accounts.DeepLinks.LinkPath(DeepLinks(app).Sign(portalUserId, target));

    /// <summary>A genuine link made as if the clock had stood at <paramref name="at"/>: one made 15 days ago has expired now.</summary>
    public static string LinkMadeAt(PortalAppFactory app, int portalUserId, string target, DateTimeOffset at)
    {
        var signer = new DeepLinks(app.Services.GetRequiredService<PortalLinks>(), app.Services.GetRequiredService<SignedTokens>(),
            app.Services.GetRequiredService<IOptions<AccountOptions>>(), new TestClock(at));
        return Core.Accounts.DeepLinks.LinkPath(signer.Sign(portalUserId, target));
    }

    /// <summary>Whom each deep link in a message body is signed for, and the page it leads to.</summary>
    public static IReadOnlyList<(int PortalUserId, string Target)> DeepLinksIn(DeepLinks links, string body) =>
        System.Text.RegularExpressions.Regex.Matches(body, "/l/([0-9a-f]+)")
            .Select(m => links.Read(m.Groups[1].Value))
            .OfType<DeepLinkToken>()
            .Select(t => (t.PortalUserId, t.Target))
            .ToList();

    /// <summary>The app-relative path of an absolute link the app wrote.</summary>
    public static string PathOf(string absolute) => new Uri(absolute).PathAndQuery;
}
