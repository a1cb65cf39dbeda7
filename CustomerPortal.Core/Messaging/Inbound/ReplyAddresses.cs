using System.Buffers.Binary;
using System.Net.Mail;
using CustomerPortal.Core.Common;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Messaging.Inbound;

/// <summary>What a genuine reply address says: the thread, the portal user it was sent to, and until when it works.</summary>
public sealed record ReplyToken(int ThreadId, int PortalUserId, DateTime ExpiresAtUtc)
{
    /// <summary>When the address was made, assuming the configured lifetime has not changed since.</summary>
    public DateTime IssuedAtUtc(int lifetimeDays) => ExpiresAtUtc.AddDays(-lifetimeDays);
}

public enum ReplyAddressCheck
{
    Valid,
    Forged,
    Expired,
}

/// <summary>
/// Reply addresses of thread e-mails: <c>reply+{token}@{ReplyDomain}</c>, the token signed by <see cref="SignedTokens"/>
/// over the thread id, the portal user id and an expiry (12 bytes, so the local part is 62 characters, within the 64
/// that mail systems accept).
/// </summary>
public sealed class ReplyAddresses(SignedTokens tokens, IOptions<InboundEmailOptions> options, TimeProvider clock)
{
    public const string Purpose = "thread-reply";
    public const string LocalPrefix = "reply+";
    private const int PayloadLength = 12;

    public bool Enabled => options.Value.Enabled;

    /// <summary>The address a reply about <paramref name="threadId"/> from <paramref name="portalUserId"/> goes to.</summary>
    public string For(int threadId, int portalUserId)
    {
        var expires = clock.GetUtcNow().AddDays(options.Value.TokenLifetimeDays).ToUnixTimeSeconds();
        var payload = new byte[PayloadLength];
        BinaryPrimitives.WriteInt32BigEndian(payload, threadId);
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(4), portalUserId);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(8), (uint)Math.Min(expires, uint.MaxValue));
        return $"{LocalPrefix}{tokens.Sign(Purpose, payload)}@{options.Value.ReplyDomain.Trim().ToLowerInvariant()}";
    }

    /// <summary>Whether <paramref name="address"/> is one of ours at all: <c>reply+…</c> at the reply domain (not whether it is genuine).</summary>
    public bool IsReplyAddress(MailAddress address) =>
        string.Equals(address.Host, options.Value.ReplyDomain.Trim(), StringComparison.OrdinalIgnoreCase)
        && address.User.StartsWith(LocalPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a reply address back; <paramref name="token"/> is set only for <see cref="ReplyAddressCheck.Valid"/>.</summary>
    public ReplyAddressCheck Read(MailAddress address, out ReplyToken? token)
    {
        token = null;
        if (!IsReplyAddress(address)) return ReplyAddressCheck.Forged;
        // Mail systems may change the case of an address; the token is lower-case hex.
        var payload = tokens.Verify(Purpose, address.User[LocalPrefix.Length..].ToLowerInvariant());
        if (payload is not { Length: PayloadLength }) return ReplyAddressCheck.Forged;
        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(8))).UtcDateTime;
        if (expires <= clock.GetUtcNow().UtcDateTime) return ReplyAddressCheck.Expired;
        token = new ReplyToken(BinaryPrimitives.ReadInt32BigEndian(payload), BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(4)), expires);
        return ReplyAddressCheck.Valid;
    }
}
