using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Templates;

namespace CustomerPortal.Core.Accounts;

/// <summary>Links into the portal for one portal user, signed for that user and the page they lead to.</summary>
public sealed class DeepLinks(PortalLinks links)
{
    /// <summary>The links of a message to <paramref name="portalUserId"/>.</summary>
    public RecipientLinks For(int portalUserId) => new(links, path => links.Absolute(path));

    /// <summary>The one-click unsubscribe address for e-mails of this kind to <paramref name="portalUserId"/> (List-Unsubscribe).</summary>
    public string UnsubscribeUrl(int portalUserId, bool marketing) => links.Absolute("/unsubscribe");
}
