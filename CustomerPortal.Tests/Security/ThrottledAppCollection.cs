using CustomerPortal.Core.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Security;

/// <summary>The app with small rate limits (the shared hosts have generous ones) and a password hasher that counts its checks.</summary>
public sealed class ThrottledAppFactory : PortalAppFactory
{
    public const int SignInsPerAddressAndIp = 3;
    public const int LinkEmailsPerAddress = 3;
    public const int PublicRequestsPerIp = 3;

    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:SignInsPerAddressAndIp", SignInsPerAddressAndIp.ToString());
        builder.UseSetting("RateLimits:LinkEmailsPerAddress", LinkEmailsPerAddress.ToString());
        builder.UseSetting("RateLimits:FormPostsPerIp", "500");
        builder.UseSetting("RateLimits:PublicRequestsPerIp", PublicRequestsPerIp.ToString());
        builder.ConfigureTestServices(services => services.AddScoped<IPasswordHasher<AppUser>>(_ => Hasher));
    }
}

/// <summary>The real hasher, counting how often a given password was checked.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _checks = new();

    public int ChecksOf(string password) => _checks.GetValueOrDefault(password);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        _checks.AddOrUpdate(providedPassword, 1, (_, n) => n + 1);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class ThrottledAppFixture : IDisposable
{
    public ThrottledAppFactory App { get; } = new();

    public void Dispose() => App.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ThrottledAppCollection : ICollectionFixture<ThrottledAppFixture>
{
    public const string Name = "throttled app";
}
