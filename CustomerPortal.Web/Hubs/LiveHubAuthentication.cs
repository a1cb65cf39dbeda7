using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Web.Hubs;

/// <summary>
/// How the hub knows who is connecting: the app's sign-in cookie (with everything the cookie's validation checks), but
/// a refusal answers 401/403 rather than redirecting a hub client to the sign-in page.
/// </summary>
public static class LiveHubAuthentication
{
    public const string Scheme = "LiveHub";

    public static AuthenticationBuilder AddLiveHubAuthentication(this AuthenticationBuilder builder) =>
        builder.AddScheme<AuthenticationSchemeOptions, LiveHubAuthenticationHandler>(Scheme, null);
}

internal sealed class LiveHubAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var cookie = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (cookie is not { Succeeded: true, Principal: { } principal }) return cookie.None ? AuthenticateResult.NoResult() : cookie;
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
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
}
