namespace CustomerPortal.Core.Accounts;

/// <summary>
/// A signed deep link that has signed its link-only recipient in. Such a link signs in once; opened again it still
/// leads to its page, but through the sign-in page.
/// </summary>
public sealed class DeepLinkUse
{
    /// <summary>The link's random id, carried in its signed token.</summary>
    public string Nonce { get; private set; } = "";
    public int PortalUserId { get; private set; }
    public DateTime UsedAtUtc { get; private set; }

    private DeepLinkUse() { }

    public DeepLinkUse(string nonce, int portalUserId, DateTime usedAtUtc)
    {
        Nonce = nonce;
        PortalUserId = portalUserId;
        UsedAtUtc = usedAtUtc;
    }
}
