using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Web.Hubs;

/// <summary>
/// Short-lived bearer tokens for the hub connection a Blazor circuit opens to its own app. A circuit has no cookie after
/// its first request, so the server issues a token from the circuit's authentication state, protected with ASP.NET Data
/// Protection (every instance that shares the key ring can read it). The token carries only who the user is; what they
/// may do is resolved from the database at each hub call.
/// </summary>
public sealed class LiveTokens(IDataProtectionProvider dataProtection, IOptions<LiveUpdatesOptions> options, TimeProvider clock)
{
    private static readonly HashSet<string> CarriedClaims =
    [
        ClaimTypes.NameIdentifier, ClaimTypes.Name, AccountClaims.Kind, AccountClaims.Role,
        AccountClaims.StaffUserId, AccountClaims.PortalUserId, AccountClaims.CustomerId,
        new Microsoft.AspNetCore.Identity.ClaimsIdentityOptions().SecurityStampClaimType,
    ];

    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("CustomerPortal.Web.Hubs.LiveTokens.v1").ToTimeLimitedDataProtector();

    /// <summary>A token for the signed-in user, or null when nobody is signed in.</summary>
    public string? Issue(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var claims = user.Claims.Where(c => CarriedClaims.Contains(c.Type)).Select(c => new[] { c.Type, c.Value }).ToList();
        var expires = clock.GetUtcNow().AddMinutes(options.Value.TokenMinutes);
        return _protector.Protect(JsonSerializer.Serialize(claims), expires);
    }

    /// <summary>The user the token was issued for, or null when it is forged, tampered with or expired.</summary>
    public ClaimsPrincipal? Validate(string token, string authenticationType)
    {
        try
        {
            var claims = JsonSerializer.Deserialize<List<string[]>>(_protector.Unprotect(token, out _));
            if (claims is null || claims.Any(c => c.Length != 2)) return null;
            var identity = new ClaimsIdentity(claims.Select(c => new Claim(c[0], c[1])), authenticationType);
            return new ClaimsPrincipal(identity);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
