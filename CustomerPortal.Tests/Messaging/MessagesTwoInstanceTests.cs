using CustomerPortal.Core.Messaging;

namespace CustomerPortal.Tests.Messaging;

/// <summary>
/// Two app instances on one database with the Redis relay on (a real redis-server on a loopback port): a message sent
/// through the hub of one instance reaches a hub client of the other.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the instances through IAsyncLifetime.DisposeAsync.")]
[Trait("Database", "SqliteOnly")]
public sealed class MessagesTwoInstanceTests : IAsyncLifetime
{
    private TwoInstances _apps = null!;
    private RedisInstanceFactory _first = null!;
    private RedisInstanceFactory _second = null!;

    public async Task InitializeAsync()
    {
        _apps = await TwoInstances.StartAsync();
        (_first, _second) = (_apps.First, _apps.Second);
    }

    [Fact]
    public async Task MessageSentThroughOneInstance_ReachesAHubClientOfTheOther_AndTheReplyComesBack()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_first, "Twohubs");
        var user = await TestAccounts.CreatePortalUserAsync(_first, customer.Id);
        var staff = await TestAccounts.CreateStaffAsync(_first);
        int jobId;
        await using (var db = await _first.CreateDbContextAsync()) jobId = (await TestRecords.JobAsync(db, customer.Id)).Id;
        var thread = (await _first.Get<MessagingService>().GetThreadForSubjectAsync(staff.ToActor(), ThreadSubject.Job, jobId, default)).Value!.Summary.Id;

        await using var portalOnFirst = await ThreadHubClient.PortalAsync(_first, user.Email);
        await using var staffOnSecond = await ThreadHubClient.StaffAsync(_second, staff.Email);
        await portalOnFirst.JoinAsync(thread);
        await staffOnSecond.JoinAsync(thread);

        var question = await portalOnFirst.SendAsync(thread, "Sent through the first instance");
        var heard = await staffOnSecond.WaitForAsync(m => m.Id == question.Id);
        var answer = await staffOnSecond.SendAsync(thread, "Answered through the second");
        var replied = await portalOnFirst.WaitForAsync(m => m.Id == answer.Id);

        Assert.Equal("Sent through the first instance", heard.Body);
        Assert.Equal("Answered through the second", replied.Body);
        Assert.Single(staffOnSecond.Received, m => m.Id == question.Id);
    }

    public async Task DisposeAsync() => await _apps.DisposeAsync();
}
