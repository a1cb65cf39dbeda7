using CustomerPortal.Web.Security;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Tests.Security;

public sealed class AccountThrottleTests
{
    private static AccountThrottle Throttle(int signIns = 3, int links = 3, int perIp = 100) => new(Options.Create(new RateLimitOptions
    {
        WindowMinutes = 15, SignInsPerAddressAndIp = signIns, LinkEmailsPerAddress = links, FormPostsPerIp = perIp,
    }));

    [Fact]
    public void SignIn_PastTheLimitForOneAddressFromOneClient_IsToldToWait_ButTheOwnerElsewhereIsNot()
    {
        using var throttle = Throttle();

        var allowed = Enumerable.Range(0, 3).Select(_ => throttle.SignIn("pat@example.test", "203.0.113.9")).ToList();
        var fourth = throttle.SignIn("PAT@example.test ", "203.0.113.9");

        Assert.All(allowed, Assert.Null);
        Assert.StartsWith(AccountThrottle.MessageStart, fourth);
        Assert.Null(throttle.SignIn("pat@example.test", "198.51.100.7"));
        Assert.Null(throttle.SignIn("someone.else@example.test", "203.0.113.9"));
    }

    [Fact]
    public void AnyForm_PastThePerClientLimit_IsToldToWait_WhateverTheAddress()
    {
        using var throttle = Throttle(perIp: 4);

        for (var i = 0; i < 4; i++) Assert.Null(throttle.LinkRequest($"user{i}@example.test", "203.0.113.9"));

        Assert.StartsWith(AccountThrottle.MessageStart, throttle.SignIn("new@example.test", "203.0.113.9"));
        Assert.StartsWith(AccountThrottle.MessageStart, throttle.PasswordForm("203.0.113.9"));
        Assert.Null(throttle.PasswordForm("198.51.100.7"));
    }

    [Fact]
    public void LinkRequest_PastTheLimitForOneAddress_IsToldToWaitFromAnyClient()
    {
        using var throttle = Throttle(links: 2);

        Assert.Null(throttle.LinkRequest("pat@example.test", "203.0.113.9"));
        Assert.Null(throttle.LinkRequest("pat@example.test", "198.51.100.7"));

        Assert.StartsWith(AccountThrottle.MessageStart, throttle.LinkRequest("pat@example.test", "192.0.2.1"));
        Assert.Null(throttle.LinkRequest("other@example.test", "192.0.2.1"));
    }

    [Theory]
    [InlineData(30, "Please wait 1 minute and")]
    [InlineData(61, "Please wait 2 minutes and")]
    [InlineData(900, "Please wait 15 minutes and")]
    public void PleaseWait_RoundsUpToWholeMinutes(int seconds, string expected) =>
        Assert.Contains(expected, AccountThrottle.PleaseWait(TimeSpan.FromSeconds(seconds)));
}
