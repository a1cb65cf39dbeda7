using CustomerPortal.Core.Common;
using CustomerPortal.Core.Live;
using CustomerPortal.Web.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Tests.Security;

public sealed class AccountThrottleTests
{
    private static AccountThrottle Throttle(int signIns = 3, int links = 3, int perIp = 100) => new(Options.Create(new RateLimitOptions
    {
        WindowMinutes = 15, SignInsPerAddressAndIp = signIns, LinkEmailsPerAddress = links, FormPostsPerIp = perIp,
    }), new SharedRateLimits(new RedisConnection(Options.Create(new LiveUpdatesOptions())), NullLogger<SharedRateLimits>.Instance));

    [Fact]
    public async Task SignIn_PastTheLimitForOneAddressFromOneClient_IsToldToWait_ButTheOwnerElsewhereIsNot()
    {
        using var throttle = Throttle();

        var allowed = new List<string?>();
        for (var i = 0; i < 3; i++) allowed.Add(await throttle.SignInAsync("pat@example.test", "203.0.113.9"));
        var fourth = await throttle.SignInAsync("PAT@example.test ", "203.0.113.9");

        Assert.All(allowed, Assert.Null);
        Assert.StartsWith(AccountThrottle.MessageStart, fourth);
        Assert.Null(await throttle.SignInAsync("pat@example.test", "198.51.100.7"));
        Assert.Null(await throttle.SignInAsync("someone.else@example.test", "203.0.113.9"));
    }

    [Fact]
    public async Task AnyForm_PastThePerClientLimit_IsToldToWait_WhateverTheAddress()
    {
        using var throttle = Throttle(perIp: 4);

        for (var i = 0; i < 4; i++) Assert.Null(await throttle.LinkRequestAsync($"user{i}@example.test", "203.0.113.9"));

        Assert.StartsWith(AccountThrottle.MessageStart, await throttle.SignInAsync("new@example.test", "203.0.113.9"));
        Assert.StartsWith(AccountThrottle.MessageStart, await throttle.PasswordFormAsync("203.0.113.9"));
        Assert.Null(await throttle.PasswordFormAsync("198.51.100.7"));
    }

    [Fact]
    public async Task LinkRequest_PastTheLimitForOneAddress_IsToldToWaitFromAnyClient()
    {
        using var throttle = Throttle(links: 2);

        Assert.Null(await throttle.LinkRequestAsync("pat@example.test", "203.0.113.9"));
        Assert.Null(await throttle.LinkRequestAsync("pat@example.test", "198.51.100.7"));

        Assert.StartsWith(AccountThrottle.MessageStart, await throttle.LinkRequestAsync("pat@example.test", "192.0.2.1"));
        Assert.Null(await throttle.LinkRequestAsync("other@example.test", "192.0.2.1"));
    }

    [Theory]
    [InlineData(30, "Please wait 1 minute and")]
    [InlineData(61, "Please wait 2 minutes and")]
    [InlineData(900, "Please wait 15 minutes and")]
    public void PleaseWait_RoundsUpToWholeMinutes(int seconds, string expected) =>
        Assert.Contains(expected, AccountThrottle.PleaseWait(TimeSpan.FromSeconds(seconds)));
}
