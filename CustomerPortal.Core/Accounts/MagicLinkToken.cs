namespace CustomerPortal.Core.Accounts;

public enum MagicLinkPurpose
{
    SignIn,
    Registration,
    PasswordReset,
}

/// <summary>A single-use link for a portal user. Only the SHA-256 of the token is stored; the token itself is only ever in the link.</summary>
public sealed class MagicLinkToken
{
    public int Id { get; private set; }
    public int PortalUserId { get; private set; }
    public MagicLinkPurpose Purpose { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? UsedAtUtc { get; private set; }

    private MagicLinkToken() { }

    public MagicLinkToken(int portalUserId, MagicLinkPurpose purpose, string tokenHash, DateTime createdAtUtc, DateTime expiresAtUtc)
    {
        PortalUserId = portalUserId;
        Purpose = purpose;
        TokenHash = tokenHash;
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = expiresAtUtc;
    }

    public bool IsUsed => UsedAtUtc is not null;
    public bool IsExpired(DateTime nowUtc) => nowUtc >= ExpiresAtUtc;
    public void MarkUsed(DateTime nowUtc) => UsedAtUtc = nowUtc;

    /// <summary>Ends an unused link early, e.g. because a newer link of the same kind was sent.</summary>
    public void Revoke(DateTime nowUtc)
    {
        if (ExpiresAtUtc > nowUtc) ExpiresAtUtc = nowUtc;
    }
}
