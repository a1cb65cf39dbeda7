using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;

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
/// Limits are kept per app instance.
/// </summary>
public sealed class AccountThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perIp;
    private readonly PartitionedRateLimiter<string> _signInPerAddressAndIp;
    private readonly PartitionedRateLimiter<string> _linksPerAddress;
    private readonly TimeSpan _window;

    public AccountThrottle(Microsoft.Extensions.Options.IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        _window = TimeSpan.FromMinutes(o.WindowMinutes);
        _perIp = Create(o.FormPostsPerIp);
        _signInPerAddressAndIp = Create(o.SignInsPerAddressAndIp);
        _linksPerAddress = Create(o.LinkEmailsPerAddress);
        _publicRequestsPerIp = Create(o.PublicRequestsPerIp);
    }

    /// <summary>Null when a password sign-in may be tried now; otherwise the "please wait" message for the form.</summary>
    public string? SignIn(string email, string ip) =>
        Acquire(_perIp, $"ip:{ip}") ?? Acquire(_signInPerAddressAndIp, $"{Normalize(email)}|{ip}");

    /// <summary>Null when a link or reset e-mail may be asked for now; otherwise the "please wait" message.</summary>
    public string? LinkRequest(string email, string ip) =>
        Acquire(_perIp, $"ip:{ip}") ?? Acquire(_linksPerAddress, Normalize(email));

    /// <summary>Null when the registration or new-password form behind a link may be posted now.</summary>
    public string? PasswordForm(string ip) => Acquire(_perIp, $"ip:{ip}");

    public static string PleaseWait(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return $"Too many attempts. Please wait {minutes} minute{(minutes == 1 ? "" : "s")} and try again.";
    }

    public const string MessageStart = "Too many attempts. Please wait";

    private string? Acquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        return PleaseWait(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _window);
    }

    private PartitionedRateLimiter<string> Create(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = _window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public void Dispose()
    {
        _perIp.Dispose();
        _signInPerAddressAndIp.Dispose();
        _linksPerAddress.Dispose();
        _publicRequestsPerIp.Dispose();
    }

    /// <summary>Null when a signed-in person may have their current password checked (My profile) now; counted like sign-ins.</summary>
    public string? ProfilePassword(string accountId, string ip) =>
        Acquire(_perIp, $"ip:{ip}") ?? Acquire(_signInPerAddressAndIp, $"profile:{accountId}|{ip}");

    /// <summary>
    /// Null when a signed-in person may ask for a confirmation link to a new sign-in address now: limited per person and per
    /// address, like link e-mails, so nobody floods an inbox from the profile page either.
    /// </summary>
    public string? EmailChange(int portalUserId, string newEmail) =>
        Acquire(_linksPerAddress, $"user:{portalUserId}") ?? Acquire(_linksPerAddress, Normalize(newEmail));

    private readonly PartitionedRateLimiter<string> _publicRequestsPerIp;

    /// <summary>Null when the public request page may be posted now; otherwise a message to try again later.</summary>
    public string? PublicRequest(string ip)
    {
        if (Acquire(_perIp, $"ip:{ip}") is not null) return PublicRequestsLater;
        using var lease = _publicRequestsPerIp.AttemptAcquire($"ip:{ip}");
        return lease.IsAcquired ? null : PublicRequestsLater;
    }

    public const string PublicRequestsLater =
        "We have received several requests from your connection in a short time. Please try again later, or call or e-mail us.";
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
