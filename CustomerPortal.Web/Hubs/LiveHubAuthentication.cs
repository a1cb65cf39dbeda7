using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Web.Hubs;

/// <summary>
/// How the hub knows who is connecting: a request that carries a live token (Authorization: Bearer, or access_token in the
/// query for WebSockets from a browser) is read by <see cref="LiveTokenAuthenticationHandler"/>, any other by the sign-in cookie.
/// Refusals answer 401/403 rather than redirecting to a sign-in page.
/// </summary>
public static class LiveHubAuthentication
{
    /// <summary>The scheme the hub authorizes with: picks the token or the cookie per request.</summary>
    public const string Scheme = "LiveHub";

    public const string TokenScheme = "LiveToken";

    public static AuthenticationBuilder AddLiveHubAuthentication(this AuthenticationBuilder builder) => builder
        .AddScheme<AuthenticationSchemeOptions, LiveTokenAuthenticationHandler>(TokenScheme, null)
        .AddPolicyScheme(Scheme, null, options =>
        {
            options.ForwardDefaultSelector = context =>
                LiveTokenAuthenticationHandler.ReadToken(context.Request) is null ? IdentityConstants.ApplicationScheme : TokenScheme;
            options.ForwardChallenge = TokenScheme;
            options.ForwardForbid = TokenScheme;
        });
}

internal sealed class LiveTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LiveTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null) return Task.FromResult(AuthenticateResult.NoResult());
        var principal = tokens.Validate(token, Scheme.Name);
        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail("The live-updates token is not valid or has expired.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    // A hub client needs the bare status; the app's status-code pages would re-run the hub's POST as a page request.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        DisableStatusCodePages();
        return base.HandleChallengeAsync(properties);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        DisableStatusCodePages();
        return base.HandleForbiddenAsync(properties);
    }

    private void DisableStatusCodePages()
    {
        if (Context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages) statusCodePages.Enabled = false;
    }

    public static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        var query = request.Query["access_token"].ToString();
        return string.IsNullOrEmpty(query) ? null : query;
    }
}
