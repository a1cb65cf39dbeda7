using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Web.Hubs;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Messaging;

/// <summary>The messages hub with the real SignalR client against the app on Kestrel, signed in by cookie.</summary>
[Collection(WebAppCollection.Name)]
public sealed class MessagesHubTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task Send_FromThePortal_ReachesStaffOnTheThread_AndTheReplyComesBack()
    {
        var (thread, user, staff) = await JobThreadAsync("Hubsend");
        await using var portal = await ThreadHubClient.PortalAsync(_app, user.Email);
        await using var office = await ThreadHubClient.StaffAsync(_app, staff.Email);
        await portal.JoinAsync(thread);
        await office.JoinAsync(thread);

        var question = await portal.SendAsync(thread, "When does the plumber come?");
        var heard = await office.WaitForAsync(m => m.ClientMessageId == question.ClientMessageId);
        var answer = await office.SendAsync(thread, "Tomorrow at nine.");
        var replied = await portal.WaitForAsync(m => m.ClientMessageId == answer.ClientMessageId);

        Assert.Equal(("When does the plumber come?", MessageAuthorKind.Customer, question.Id), (heard.Body, heard.AuthorKind, heard.Id));
        Assert.Equal(("Tomorrow at nine.", MessageAuthorKind.Staff), (replied.Body, replied.AuthorKind));
    }

    [Fact]
    public async Task Send_TheSameClientIdTwice_StoresAndDeliversOneMessage()
    {
        var (thread, user, staff) = await JobThreadAsync("Hubtwice");
        await using var portal = await ThreadHubClient.PortalAsync(_app, user.Email);
        await using var office = await ThreadHubClient.StaffAsync(_app, staff.Email);
        await portal.JoinAsync(thread);
        await office.JoinAsync(thread);
        var clientId = Guid.NewGuid();

        var first = await portal.SendAsync(thread, "Sent once, retried once", clientId);
        var again = await portal.SendAsync(thread, "Sent once, retried once", clientId);
        var fence = await portal.SendAsync(thread, "A later message");
        await office.WaitForAsync(m => m.Id == fence.Id);

        Assert.Equal(first.Id, again.Id);
        Assert.Single(await office.MessagesAfterAsync(thread, 0), m => m.ClientMessageId == clientId);
        Assert.Single(office.Received, m => m.ClientMessageId == clientId);
    }

    [Fact]
    public async Task Messages_SentFromBothSidesAtOnce_ArriveInStoreOrderForEveryone()
    {
        var (thread, user, staff) = await JobThreadAsync("Huborder");
        await using var portal = await ThreadHubClient.PortalAsync(_app, user.Email);
        await using var office = await ThreadHubClient.StaffAsync(_app, staff.Email);
        await portal.JoinAsync(thread);
        await office.JoinAsync(thread);

        await Task.WhenAll(SendManyAsync(portal, thread, "portal", 12), SendManyAsync(office, thread, "office", 12));
        var portalSaw = (await portal.WaitForCountAsync(24, m => m.ThreadId == thread)).Select(m => m.Id).ToList();
        var officeSaw = (await office.WaitForCountAsync(24, m => m.ThreadId == thread)).Select(m => m.Id).ToList();
        var stored = (await office.MessagesAfterAsync(thread, 0)).Select(m => m.Id).ToList();

        Assert.Equal(24, stored.Count);
        Assert.Equal(stored, portalSaw);
        Assert.Equal(stored, officeSaw);
        Assert.Equal(stored.Order(), stored);
    }

    [Fact]
    public async Task Reconnect_AfterMissingTwentyMessages_GetsExactlyThoseTwenty()
    {
        var (thread, user, staff) = await JobThreadAsync("Hubmissed");
        await using var portal = await ThreadHubClient.PortalAsync(_app, user.Email);
        await using var office = await ThreadHubClient.StaffAsync(_app, staff.Email);
        await portal.JoinAsync(thread);
        await office.JoinAsync(thread);
        var seen = await office.SendAsync(thread, "The last one you saw");
        await portal.WaitForAsync(m => m.Id == seen.Id);

        await portal.DisconnectAsync();
        var missed = new List<long>();
        for (var i = 1; i <= 20; i++) missed.Add((await office.SendAsync(thread, $"Missed {i}")).Id);
        await portal.ReconnectAsync();
        var snapshot = await portal.JoinAsync(thread, seen.Id);
        var after = await portal.MessagesAfterAsync(thread, seen.Id);

        Assert.Equal(missed, snapshot.Messages.Select(m => m.Id));
        Assert.Equal(missed, after.Select(m => m.Id));
        Assert.DoesNotContain(portal.Received, m => missed.Contains(m.Id));
    }

    [Fact]
    public async Task AnotherCustomersThread_CannotBeJoinedReadTypedInOrPostedTo()
    {
        var (ownThread, user, staff) = await JobThreadAsync("Hubown");
        var (otherThread, _, _) = await JobThreadAsync("Hubother");
        await using var portal = await ThreadHubClient.PortalAsync(_app, user.Email);
        await using var office = await ThreadHubClient.StaffAsync(_app, staff.Email);
        await portal.JoinAsync(ownThread);
        await office.JoinAsync(otherThread);
        var theirs = await office.SendAsync(otherThread, "Only for the other customer");

        var join = await Assert.ThrowsAsync<HubException>(() => portal.JoinAsync(otherThread));
        var read = await Assert.ThrowsAsync<HubException>(() => portal.MessagesAfterAsync(otherThread, 0));
        var typing = await Assert.ThrowsAsync<HubException>(() => portal.TypingAsync(otherThread));
        var post = await Assert.ThrowsAsync<HubException>(() => portal.SendAsync(otherThread, "Let me in"));
        var fence = await office.SendAsync(ownThread, "For the right customer");
        await portal.WaitForAsync(m => m.Id == fence.Id);

        Assert.All(new[] { join, read, typing, post }, e => Assert.Contains(MessagingService.NotFoundMessage, e.Message));
        Assert.DoesNotContain(portal.Received, m => m.ThreadId == otherThread);
        Assert.Equal([theirs.Id], (await office.MessagesAfterAsync(otherThread, 0)).Select(m => m.Id));
    }

    [Fact]
    public async Task InternalNote_ReachesStaff_ButNeverAPortalUser()
    {
        var (thread, user, staff) = await JobThreadAsync("Hubnote");
        await using var portal = await ThreadHubClient.PortalAsync(_app, user.Email);
        await using var office = await ThreadHubClient.StaffAsync(_app, staff.Email);
        await portal.JoinAsync(thread);
        await office.JoinAsync(thread);

        var note = await office.SendAsync(thread, "Customer is slow to pay; ask for a deposit", internalNote: true);
        var fence = await office.SendAsync(thread, "See you tomorrow");
        await portal.WaitForAsync(m => m.Id == fence.Id);
        var heardByStaff = await office.WaitForAsync(m => m.Id == note.Id);
        await portal.ReconnectAsync();
        var snapshot = await portal.JoinAsync(thread);
        var history = await portal.MessagesAfterAsync(thread, 0);

        Assert.True(heardByStaff.IsInternalNote);
        Assert.DoesNotContain(portal.Received, m => m.Id == note.Id || m.IsInternalNote);
        Assert.DoesNotContain(snapshot.Messages, m => m.Id == note.Id);
        Assert.DoesNotContain(history, m => m.Id == note.Id);
        Assert.Contains(history, m => m.Id == fence.Id);
    }

    [Fact]
    public async Task Send_ATooLongMessage_IsRefusedWithItsMessage_AndStoresNothing()
    {
        var (thread, user, _) = await JobThreadAsync("Hublong");
        await using var portal = await ThreadHubClient.PortalAsync(_app, user.Email);
        await portal.JoinAsync(thread);

        var refusal = await Assert.ThrowsAsync<HubException>(() => portal.SendAsync(thread, new string('a', Message.MaxBodyLength + 1)));

        Assert.Contains("A message can be at most 4,000 characters; this one has 4,001.", refusal.Message);
        Assert.Empty(await portal.MessagesAfterAsync(thread, 0));
    }

    [Fact]
    public async Task Send_MoreThanTheLimitPerMinute_IsRefusedWithItsMessage_AndKeepsTheOnesBefore()
    {
        var (thread, user, _) = await JobThreadAsync("Hubfast");
        await using var portal = await ThreadHubClient.PortalAsync(_app, user.Email);
        await portal.JoinAsync(thread);
        var limit = new MessagingOptions().SendsPerMinute;

        for (var i = 0; i < limit; i++) await portal.SendAsync(thread, $"Quick message {i}");
        var refusal = await Assert.ThrowsAsync<HubException>(() => portal.SendAsync(thread, "One too many"));

        Assert.Contains("You are sending messages too quickly. Please wait a minute and send again", refusal.Message);
        Assert.Equal(limit, (await portal.MessagesAfterAsync(thread, 0)).Count);
    }

    [Fact]
    public async Task SessionsEndedElsewhere_RefuseTheOpenConnectionsNextCall_AndStopItsDeliveries()
    {
        var (thread, user, staff) = await JobThreadAsync("Hubsignout");
        var other = await TestAccounts.CreatePortalUserAsync(_app, user.CustomerId);
        await using var portal = await ThreadHubClient.PortalAsync(_app, user.Email);
        await using var colleague = await ThreadHubClient.PortalAsync(_app, other.Email);
        await using var office = await ThreadHubClient.StaffAsync(_app, staff.Email);
        await portal.JoinAsync(thread);
        await colleague.JoinAsync(thread);
        await office.JoinAsync(thread);
        await portal.SendAsync(thread, "Before signing out everywhere");

        await using (var scope = _app.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var account = await accounts.FindByIdAsync(user.AccountId!);
            Assert.True((await accounts.UpdateSecurityStampAsync(account!)).Succeeded);
        }
        var refusal = await Assert.ThrowsAsync<HubException>(() => portal.SendAsync(thread, "After signing out everywhere"));
        var after = await office.SendAsync(thread, "Only for people still signed in");
        await colleague.WaitForAsync(m => m.Id == after.Id);

        Assert.Contains(MessagesHub.SignedOut, refusal.Message);
        Assert.DoesNotContain(portal.Received, m => m.Id == after.Id);
        Assert.DoesNotContain(await office.MessagesAfterAsync(thread, 0), m => m.Body == "After signing out everywhere");
    }

    [Fact]
    public async Task ADeactivatedStaffMember_IsRefusedOnTheNextCall_OfAConnectionAlreadyOpen()
    {
        var (thread, _, staff) = await JobThreadAsync("Hubdeactivated");
        await using var office = await ThreadHubClient.StaffAsync(_app, staff.Email);
        await office.JoinAsync(thread);
        await office.SendAsync(thread, "While still employed");

        await using (var db = await _app.CreateDbContextAsync())
        {
            var member = await db.StaffUsers.SingleAsync(s => s.Id == staff.Id);
            member.IsActive = false;
            await db.SaveChangesAsync();
        }
        var refusal = await Assert.ThrowsAsync<HubException>(() => office.SendAsync(thread, "After leaving"));

        Assert.Contains(MessagesHub.SignedOut, refusal.Message);
    }

    private static async Task SendManyAsync(ThreadHubClient client, int thread, string who, int count)
    {
        for (var i = 0; i < count; i++) await client.SendAsync(thread, $"{who} {i}");
    }

    /// <summary>A customer with a portal user and a job, a staff member, and the job's thread as staff open it.</summary>
    private async Task<(int ThreadId, PortalUser User, StaffUser Staff)> JobThreadAsync(string lastName)
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app, lastName);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var staff = await TestAccounts.CreateStaffAsync(_app);
        int jobId;
        await using (var db = await _app.CreateDbContextAsync()) jobId = (await TestRecords.JobAsync(db, customer.Id)).Id;
        var thread = await _app.Get<MessagingService>().GetThreadForSubjectAsync(staff.ToActor(), ThreadSubject.Job, jobId, default);
        return (thread.Value!.Summary.Id, user, staff);
    }
}
