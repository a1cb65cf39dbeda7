using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Templates;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Accounts;

/// <summary>What a genuine deep link says: whose it is, where it leads, when it was made, until when it works, and its id.</summary>
public sealed record DeepLinkToken(int PortalUserId, string Target, DateTime IssuedAtUtc, DateTime ExpiresAtUtc, string Nonce);

/// <summary>What a genuine unsubscribe link says: whose e-mails of which kind to stop.</summary>
public sealed record UnsubscribeToken(int PortalUserId, bool Marketing, DateTime IssuedAtUtc);

/// <summary>Links into the portal for one portal user, signed for that user and the page they lead to.</summary>
public sealed class DeepLinks(PortalLinks links, SignedTokens tokens, IOptions<AccountOptions> options, TimeProvider clock)
{
    public const string LinkPurpose = "deep-link";
    public const string UnsubscribePurpose = "unsubscribe";

    /// <summary>The app-relative address of the page that opens a deep link.</summary>
    public static string LinkPath(string token) => $"/l/{token}";

    /// <summary>The app-relative address of the unsubscribe page (and RFC 8058 one-click endpoint).</summary>
    public static string UnsubscribePath(string token) => $"/unsubscribe/{token}";

    private const byte Version = 1;
    private const int NonceLength = 8;
    private const int MaxTargetLength = 200;

    public TimeSpan Lifetime => TimeSpan.FromDays(options.Value.DeepLinkDays);

    /// <summary>The links of a message to <paramref name="portalUserId"/>.</summary>
    public RecipientLinks For(int portalUserId) => new(links, path => links.Absolute(LinkPath(Sign(portalUserId, path))));

    /// <summary>The one-click unsubscribe address for e-mails of this kind to <paramref name="portalUserId"/> (List-Unsubscribe).</summary>
    public string UnsubscribeUrl(int portalUserId, bool marketing)
    {
        var payload = new byte[14];
        payload[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(1), portalUserId);
        payload[5] = marketing ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(6), clock.GetUtcNow().ToUnixTimeMilliseconds());
        return links.Absolute(UnsubscribePath(tokens.Sign(UnsubscribePurpose, payload)));
    }

    /// <summary>
    /// A token for a link that leads <paramref name="portalUserId"/> to <paramref name="target"/>, an app-relative portal
    /// page (<see cref="PortalPaths"/>). Anything else is refused: a deep link never leads out of the portal.
    /// </summary>
    public string Sign(int portalUserId, string target)
    {
        if (!IsPortalPath(target)) throw new ArgumentException($"A deep link leads only to a portal page, not to \"{target}\".", nameof(target));
        var now = clock.GetUtcNow();
        // The target is kept without its "/portal" start, which every target has: shorter links fit SMS better.
        var rest = Encoding.UTF8.GetBytes(target["/portal".Length..]);
        var payload = new byte[1 + 4 + 8 + 8 + NonceLength + rest.Length];
        var span = payload.AsSpan();
        span[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], portalUserId);
        BinaryPrimitives.WriteInt64BigEndian(span[5..], now.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64BigEndian(span[13..], (now + Lifetime).ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(span.Slice(21, NonceLength));
        rest.CopyTo(span[(21 + NonceLength)..]);
        return tokens.Sign(LinkPurpose, payload);
    }

    /// <summary>What a deep-link token says, or null when it is not one this app signed (tampered, cut short, another kind).</summary>
    public DeepLinkToken? Read(string? token)
    {
        var payload = tokens.Verify(LinkPurpose, token);
        if (payload is null || payload.Length < 21 + NonceLength || payload[0] != Version) return null;
        var span = payload.AsSpan();
        string target;
        try { target = "/portal" + new UTF8Encoding(false, true).GetString(span[(21 + NonceLength)..]); }
        catch (DecoderFallbackException) { return null; }
        if (!IsPortalPath(target)) return null;
        return new DeepLinkToken(
            BinaryPrimitives.ReadInt32BigEndian(span[1..]),
            target,
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(span[5..])).UtcDateTime,
            DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(span[13..])).UtcDateTime,
            Convert.ToHexStringLower(span.Slice(21, NonceLength)));
    }

    /// <summary>What an unsubscribe token says, or null when it is not genuine.</summary>
    public UnsubscribeToken? ReadUnsubscribe(string? token)
    {
        var payload = tokens.Verify(UnsubscribePurpose, token);
        if (payload is not { Length: 14 } || payload[0] != Version || payload[5] > 1) return null;
        return new UnsubscribeToken(BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(1)), payload[5] == 1,
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(6))).UtcDateTime);
    }

    /// <summary>
    /// "/portal", "/portal/…" or "/portal?…" and nothing that could leave it: no scheme, no "//", no backslash, no dot
    /// segments, no fragment, no control or non-ASCII characters.
    /// </summary>
    public static bool IsPortalPath(string? path)
    {
        if (path is null || path.Length > MaxTargetLength || !path.StartsWith("/portal", StringComparison.Ordinal)) return false;
        if (path.Length > 7 && path[7] is not ('/' or '?')) return false;
        if (path.Any(c => c < 0x21 || c > 0x7e || c is '\\' or '#')) return false;
        var pathPart = path.Split('?', 2)[0];
        return !pathPart.Contains("//", StringComparison.Ordinal) && !pathPart.Split('/').Any(segment => segment is "." or "..")
            && !path.Contains("://", StringComparison.Ordinal);
    }
}
