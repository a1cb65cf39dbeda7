using System.ComponentModel.DataAnnotations;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Web.Security;

/// <summary>How often the sign-in, link and password forms may be used. Config section <c>RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Length of the window every limit below counts in.</summary>
    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 15;

    /// <summary>Password sign-in attempts for one e-mail address from one client IP.</summary>
    [Range(1, 1_000_000)]
    public int SignInsPerAddressAndIp { get; set; } = 10;

    /// <summary>Link and reset e-mails asked for one address, from anywhere: nobody can flood someone's inbox.</summary>
    [Range(1, 1_000_000)]
    public int LinkEmailsPerAddress { get; set; } = 5;

    /// <summary>Posts of any of these forms (sign-in, link, reset, registration) from one client IP.</summary>
    [Range(1, 1_000_000)]
    public int FormPostsPerIp { get; set; } = 60;

    /// <summary>Work requests sent from the public request page from one client IP (each makes a pending customer).</summary>
    [Range(1, 1_000_000)]
    public int PublicRequestsPerIp { get; set; } = 5;
}

/// <summary>
/// Throttles the account forms with the same limiters ASP.NET Core's rate-limiting middleware is built on
/// (System.Threading.RateLimiting), called from the forms themselves: they are static server-rendered pages that post
/// to their own address, and the limits are keyed by the e-mail address in the posted form, which the middleware cannot
/// see, and the refusal has to be a message on the form rather than a bare 429.
/// No limit is per address alone on sign-in, so nobody can lock someone else out of their account from elsewhere.
/// With Redis set up the limits hold for all app instances together (<see cref="SharedRateLimits"/>), otherwise per instance.
/// </summary>
public sealed class AccountThrottle : IDisposable
{
    private readonly SharedLimiter _perIp;
    private readonly SharedLimiter _signInPerAddressAndIp;
    private readonly SharedLimiter _linksPerAddress;
    private readonly SharedLimiter _publicRequestsPerIp;
    private readonly TimeSpan _window;

    public AccountThrottle(Microsoft.Extensions.Options.IOptions<RateLimitOptions> options, SharedRateLimits limits)
    {
        var o = options.Value;
        _window = TimeSpan.FromMinutes(o.WindowMinutes);
        _perIp = limits.FixedWindow("form-posts", o.FormPostsPerIp, _window);
        _signInPerAddressAndIp = limits.FixedWindow("sign-ins", o.SignInsPerAddressAndIp, _window);
        _linksPerAddress = limits.FixedWindow("link-emails", o.LinkEmailsPerAddress, _window);
        _publicRequestsPerIp = limits.FixedWindow("public-requests", o.PublicRequestsPerIp, _window);
    }

    /// <summary>Null when a password sign-in may be tried now; otherwise the "please wait" message for the form.</summary>
    public async Task<string?> SignInAsync(string email, string ip) =>
        await AcquireAsync(_perIp, $"ip:{ip}") ?? await AcquireAsync(_signInPerAddressAndIp, $"{Normalize(email)}|{ip}");

    /// <summary>Null when a link or reset e-mail may be asked for now; otherwise the "please wait" message.</summary>
    public async Task<string?> LinkRequestAsync(string email, string ip) =>
        await AcquireAsync(_perIp, $"ip:{ip}") ?? await AcquireAsync(_linksPerAddress, Normalize(email));

    /// <summary>Null when the registration or new-password form behind a link may be posted now.</summary>
    public Task<string?> PasswordFormAsync(string ip) => AcquireAsync(_perIp, $"ip:{ip}");

    /// <summary>Null when a signed-in person may have their current password checked (My profile) now; counted like sign-ins.</summary>
    public async Task<string?> ProfilePasswordAsync(string accountId, string ip) =>
        await AcquireAsync(_perIp, $"ip:{ip}") ?? await AcquireAsync(_signInPerAddressAndIp, $"profile:{accountId}|{ip}");

    /// <summary>
    /// Null when a signed-in person may ask for a confirmation link to a new sign-in address now: limited per person and per
    /// address, like link e-mails, so nobody floods an inbox from the profile page either.
    /// </summary>
    public async Task<string?> EmailChangeAsync(int portalUserId, string newEmail) =>
        await AcquireAsync(_linksPerAddress, $"user:{portalUserId}") ?? await AcquireAsync(_linksPerAddress, Normalize(newEmail));

    /// <summary>Null when the public request page may be posted now; otherwise a message to try again later.</summary>
    public async Task<string?> PublicRequestAsync(string ip)
    {
        if (await AcquireAsync(_perIp, $"ip:{ip}") is not null) return PublicRequestsLater;
        return (await _publicRequestsPerIp.AcquireAsync($"ip:{ip}")).IsAllowed ? null : PublicRequestsLater;
    }

    public const string PublicRequestsLater =
        "We have received several requests from your connection in a short time. Please try again later, or call or e-mail us.";

    public static string PleaseWait(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return $"Too many attempts. Please wait {minutes} minute{(minutes == 1 ? "" : "s")} and try again.";
    }

    public const string MessageStart = "Too many attempts. Please wait";

    private async Task<string?> AcquireAsync(SharedLimiter limiter, string key)
    {
        var decision = await limiter.AcquireAsync(key);
        return decision.IsAllowed ? null : PleaseWait(decision.RetryAfter ?? _window);
    }

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public void Dispose()
    {
        _perIp.Dispose();
        _signInPerAddressAndIp.Dispose();
        _linksPerAddress.Dispose();
        _publicRequestsPerIp.Dispose();
    }
}

public static class RateLimitServiceCollectionExtensions
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccountThrottle>();
        return services;
    }
}
