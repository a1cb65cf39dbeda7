using System.Net;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Security;

/// <summary>
/// Two app instances sharing a real redis-server: the sign-in and message-send limits count the attempts of both
/// together, and with Redis gone each instance goes on limiting on its own.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the instances through IAsyncLifetime.DisposeAsync.")]
[Trait("Database", "SqliteOnly")]
public sealed class SharedRateLimitTests : IAsyncLifetime
{
    private const int SignIns = 3;
    private const int Sends = 3;
    private TwoInstances _apps = null!;

    public async Task InitializeAsync() => _apps = await TwoInstances.StartAsync(new Dictionary<string, string>
    {
        ["RateLimits:SignInsPerAddressAndIp"] = SignIns.ToString(),
        ["Messaging:SendsPerMinute"] = Sends.ToString(),
    });

    [Fact]
    public async Task SignIns_ForOneAddressSplitOverBothInstances_AreRefusedAfterTheLimitInTotal()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_apps.First, "Shared");
        var user = await TestAccounts.CreatePortalUserAsync(_apps.First, customer.Id);
        using var first = _apps.First.CreateHttpClient();
        using var second = _apps.Second.CreateHttpClient();

        for (var i = 0; i < SignIns; i++)
        {
            var attempt = await SignIn.PortalAsync(i % 2 == 0 ? first : second, user.Email, "Wrong-password-1");
            Assert.Contains(SignInService.WrongCredentialsMessage, await attempt.Content.ReadAsStringAsync());
        }
        // The second instance has seen one attempt, the first two: counted per instance both would still let it through.
        var onSecond = await SignIn.PortalAsync(second, user.Email);
        var onFirst = await SignIn.PortalAsync(first, user.Email);

        Assert.Equal(HttpStatusCode.TooManyRequests, onSecond.StatusCode);
        Assert.Contains(AccountThrottle.MessageStart, await onSecond.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, onFirst.StatusCode);
    }

    [Fact]
    public async Task MessageSends_ByOnePersonSplitOverBothInstances_AreRefusedAfterTheLimitInTotal()
    {
        var staff = (await TestAccounts.CreateStaffAsync(_apps.First)).ToActor();
        var customer = await TestAccounts.CreateCustomerAsync(_apps.First, "Sends");
        int jobId;
        await using (var db = await _apps.First.CreateDbContextAsync()) jobId = (await TestRecords.JobAsync(db, customer.Id)).Id;
        var onFirst = _apps.First.Get<MessagingService>();
        var onSecond = _apps.Second.Get<MessagingService>();
        var thread = (await onFirst.GetThreadForSubjectAsync(staff, ThreadSubject.Job, jobId, default)).Value!.Summary.Id;

        for (var i = 0; i < Sends; i++)
        {
            var service = i % 2 == 0 ? onFirst : onSecond;
            Assert.True((await service.PostAsync(staff, new PostMessage(thread, Guid.NewGuid(), $"Message {i}"), default)).Succeeded);
        }
        var refused = await onSecond.PostAsync(staff, new PostMessage(thread, Guid.NewGuid(), "One too many"), default);

        Assert.False(refused.Succeeded);
        Assert.Contains("sending messages too quickly", refused.Message);
    }

    [Fact]
    public async Task WhileRedisIsDown_EachInstanceStillLimitsSignIns_OnItsOwn()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_apps.First, "Outage");
        var user = await TestAccounts.CreatePortalUserAsync(_apps.First, customer.Id);
        using var client = _apps.First.CreateHttpClient();
        var redis = _apps.First.Services.GetRequiredService<RedisConnection>();

        await _apps.Redis.StopAsync();
        await UntilAsync(() => redis.Current is { IsConnected: false });

        for (var i = 0; i < SignIns; i++)
        {
            var attempt = await SignIn.PortalAsync(client, user.Email, "Wrong-password-1");
            Assert.Contains(SignInService.WrongCredentialsMessage, await attempt.Content.ReadAsStringAsync());
        }
        var refused = await SignIn.PortalAsync(client, user.Email);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains(AccountThrottle.MessageStart, await refused.Content.ReadAsStringAsync());
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not come true within 10 seconds.");
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync() => await _apps.DisposeAsync();
}
