using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Common;

/// <summary>
/// Short tamper-proof tokens for links and reply addresses: the payload followed by an HMAC-SHA256 (first 16 bytes) over
/// the purpose and the payload, written as lower-case hex so that it survives URLs and e-mail addresses, whose case
/// mail systems may change. The key is made once and kept in the database (<see cref="AppSecret"/>), so tokens made
/// by one app instance are accepted by another and after a restart. A token says nothing secret: its payload is
/// readable; only its integrity is protected.
/// </summary>
public sealed class SignedTokens
{
    private const string KeyName = "token-signing";
    private const int MacLength = 16;
    private readonly Lazy<byte[]> _key;

    public SignedTokens(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock) =>
        _key = new Lazy<byte[]>(() => LoadOrMakeKey(dbFactory, clock), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the key, making it when the database has none yet. Called at start-up (<see cref="Data.DatabaseInitializer"/>).</summary>
    public void EnsureKey() => _ = _key.Value;

    /// <summary>Signs <paramref name="payload"/> for one purpose; a token made for one purpose is refused for any other.</summary>
    public string Sign(string purpose, byte[] payload) => Convert.ToHexStringLower([.. payload, .. Mac(_key.Value, purpose, payload)]);

    /// <summary>The payload of a genuine token for <paramref name="purpose"/>, or null for anything else.</summary>
    public byte[]? Verify(string purpose, string? token)
    {
        if (token is null || token.Length <= MacLength * 2 || token.Length > 1024 || token.Length % 2 != 0) return null;
        byte[] bytes;
        try { bytes = Convert.FromHexString(token); }
        catch (FormatException) { return null; }
        var payload = bytes[..^MacLength];
        return CryptographicOperations.FixedTimeEquals(Mac(_key.Value, purpose, payload), bytes.AsSpan(^MacLength)) ? payload : null;
    }

    private static byte[] Mac(byte[] key, string purpose, byte[] payload)
    {
        byte[] message = [.. Encoding.UTF8.GetBytes(purpose), 0, .. payload];
        return HMACSHA256.HashData(key, message)[..MacLength];
    }

    // Read once per process, on the first token; synchronous so that message composition (which is) can sign links.
    private static byte[] LoadOrMakeKey(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
    {
        using (var db = dbFactory.CreateDbContext())
        {
            var stored = db.AppSecrets.AsNoTracking().Where(s => s.Name == KeyName).Select(s => s.Value).SingleOrDefault();
            if (stored is not null) return stored;
            db.AppSecrets.Add(new AppSecret(KeyName, RandomNumberGenerator.GetBytes(32), clock.GetUtcNow().UtcDateTime));
            try { db.SaveChanges(); }
            catch (DbUpdateException) { /* another instance made it first: use theirs */ }
        }
        using var again = dbFactory.CreateDbContext();
        return again.AppSecrets.AsNoTracking().Where(s => s.Name == KeyName).Select(s => s.Value).Single();
    }
}
