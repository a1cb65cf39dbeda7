using System.Security.Cryptography;
using System.Text;

namespace CustomerPortal.Tests.Payments.Stripe;

/// <summary>Signs a webhook payload the way Stripe documents it: header t=timestamp,v1=hex(HMAC-SHA256(secret, "timestamp.payload")).</summary>
public static class StripeSignatures
{
    public const string Secret = "whsec_test_fake_secret";

    public static string Header(string payload, DateTimeOffset signedAt, string secret = Secret)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(signature)}";
    }
}
