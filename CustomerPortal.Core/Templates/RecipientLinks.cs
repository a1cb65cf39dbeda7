using CustomerPortal.Core.Documents;

namespace CustomerPortal.Core.Templates;

/// <summary>
/// Makes the links in one message. For a portal user they are deep links signed for that user and their page
/// (<see cref="Accounts.DeepLinks"/>); for staff and previews, plain addresses under <c>App:PublicBaseUrl</c>.
/// </summary>
public sealed class RecipientLinks
{
    private readonly Func<string, string> _url;

    internal RecipientLinks(PortalLinks links, Func<string, string> url)
    {
        Portal = links;
        _url = url;
    }

    /// <summary>Plain links: for staff recipients, the company's own address and template previews.</summary>
    public static RecipientLinks Plain(PortalLinks links) => new(links, links.Absolute);

    public PortalLinks Portal { get; }

    /// <summary>The link to an app-relative page (<see cref="PortalPaths"/>) for this recipient.</summary>
    public string Url(string path) => _url(path);
}
