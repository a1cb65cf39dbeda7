using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Messaging;

/// <summary>The staff inbox (filters, search, assign, done, reopen) and who is e-mailed about a customer's message.</summary>
public sealed class StaffInboxServiceTests : IAsyncLifetime
{
    private readonly Dictionary<int, string> _emails = [];
    private MessagingKit _kit = null!;

    private MessagingService Messaging => _kit.Messaging;
    private TestClock Clock => _kit.Core.Clock;

    public async Task InitializeAsync() => _kit = await MessagingKit.StartAsync();

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task InboxAsync_EachFilter_ShowsItsThreadsNewestActivityFirst()
    {
        var me = await AddStaffAsync("Morgan Me");
        var colleague = await AddStaffAsync("Casey Colleague");
        var unreadUnassigned = await ConversationAsync("Unreadone", "Is the heater on order?");
        var mine = await ConversationAsync("Mineone", "Thanks for coming by.");
        var theirs = await ConversationAsync("Theirsone", "When do you come?");
        var done = await ConversationAsync("Doneone", "All good now.");
        Assert.True((await Messaging.AssignAsync(me, mine.ThreadId, me.StaffUserId, default)).Succeeded);
        Assert.True((await Messaging.AssignAsync(me, theirs.ThreadId, colleague.StaffUserId, default)).Succeeded);
        Assert.True((await Messaging.MarkDoneAsync(me, done.ThreadId, default)).Succeeded);
        foreach (var read in new[] { mine, theirs, done }) await MarkAllReadAsync(me, read.ThreadId);

        Assert.Equal([done.ThreadId, theirs.ThreadId, mine.ThreadId, unreadUnassigned.ThreadId], await InboxIdsAsync(me, InboxFilter.All));
        Assert.Equal([unreadUnassigned.ThreadId], await InboxIdsAsync(me, InboxFilter.Unread));
        Assert.Equal([mine.ThreadId], await InboxIdsAsync(me, InboxFilter.AssignedToMe));
        Assert.Equal([theirs.ThreadId], await InboxIdsAsync(colleague, InboxFilter.AssignedToMe));
        Assert.Equal([unreadUnassigned.ThreadId], await InboxIdsAsync(me, InboxFilter.Unassigned));
        Assert.Equal([done.ThreadId], await InboxIdsAsync(me, InboxFilter.Done));
        // The colleague has read nothing: every open thread with a customer message is unread for them.
        Assert.Equal([theirs.ThreadId, mine.ThreadId, unreadUnassigned.ThreadId], await InboxIdsAsync(colleague, InboxFilter.Unread));
    }

    [Fact]
    public async Task InboxAsync_Rows_CarryCustomerPreviewUnreadAssigneeAndDone()
    {
        var me = await AddStaffAsync("Morgan Me");
        var thread = await ConversationAsync("Rowcustomer", "First question");
        await PostAsCustomerAsync(thread, "Second  question,\nwith a line break");
        Assert.True((await Messaging.AssignAsync(me, thread.ThreadId, me.StaffUserId, default)).Succeeded);

        var row = Assert.Single((await Messaging.InboxAsync(me, new InboxQuery(), default)).Value!.Items);

        Assert.Equal("Pat Rowcustomer", row.CustomerName);
        Assert.Equal("Parking at the back", row.Title);
        Assert.Equal("Second question, with a line break", row.Preview);
        Assert.Equal(2, row.Unread);
        Assert.Equal("Morgan Me", row.AssignedStaffName);
        Assert.False(row.IsDone);
        Assert.NotNull(row.LastMessageLocal);
    }

    [Fact]
    public async Task InboxAsync_Search_FindsByCustomerNameAndByMessageText()
    {
        var me = await AddStaffAsync("Morgan Me");
        var byName = await ConversationAsync("Zebrafield", "A plain question");
        var byText = await ConversationAsync("Otherfield", "Does the quote include the zebrawood shelf?");
        await ConversationAsync("Nomatch", "Nothing to see");

        Assert.Equal([byName.ThreadId], await InboxIdsAsync(me, InboxFilter.All, "zebrafield"));
        Assert.Equal([byText.ThreadId, byName.ThreadId], await InboxIdsAsync(me, InboxFilter.All, "ZEBRA"));
        Assert.Equal([byText.ThreadId], await InboxIdsAsync(me, InboxFilter.All, "zebrawood shelf"));
        Assert.Empty(await InboxIdsAsync(me, InboxFilter.All, "100%_"));
    }

    [Fact]
    public async Task InboxAsync_Pages_KeepTheOrderAndCountAll()
    {
        var me = await AddStaffAsync("Morgan Me");
        var threads = new List<int>();
        for (var i = 0; i < 5; i++) threads.Add((await ConversationAsync($"Pagecustomer{i}", $"Question {i}")).ThreadId);
        threads.Reverse();

        var first = (await Messaging.InboxAsync(me, new InboxQuery(Page: new PageRequest(0, 2)), default)).Value!;
        var last = (await Messaging.InboxAsync(me, new InboxQuery(Page: new PageRequest(2, 2)), default)).Value!;

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(threads[..2], first.Items.Select(t => t.Id));
        Assert.Equal(threads[4..], last.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task MarkDoneAndReopen_MoveTheThreadBetweenOpenAndDone_AndANewCustomerMessageReopensIt()
    {
        var me = await AddStaffAsync("Morgan Me");
        var thread = await ConversationAsync("Donecustomer", "Please confirm Tuesday.");

        Assert.True((await Messaging.MarkDoneAsync(me, thread.ThreadId, default)).Succeeded);
        Assert.Equal([thread.ThreadId], await InboxIdsAsync(me, InboxFilter.Done));
        Assert.Empty(await InboxIdsAsync(me, InboxFilter.Unassigned));
        Assert.Equal(new UnreadCount(0, 0), await Messaging.UnreadAsync(me, default));

        Assert.True((await Messaging.ReopenAsync(me, thread.ThreadId, default)).Succeeded);
        Assert.Empty(await InboxIdsAsync(me, InboxFilter.Done));
        Assert.Equal([thread.ThreadId], await InboxIdsAsync(me, InboxFilter.Unassigned));

        Assert.True((await Messaging.MarkDoneAsync(me, thread.ThreadId, default)).Succeeded);
        await PostAsCustomerAsync(thread, "Actually, can we make it Wednesday?");
        Assert.Empty(await InboxIdsAsync(me, InboxFilter.Done));
        Assert.Equal(new UnreadCount(1, 2), await Messaging.UnreadAsync(me, default));
    }

    [Fact]
    public async Task AssignAsync_ToNobodyOrAnInactiveStaffMember_UnassignsOrIsRefused()
    {
        var me = await AddStaffAsync("Morgan Me");
        var gone = await AddStaffAsync("Gone Staff", active: false);
        var thread = await ConversationAsync("Assigncustomer", "Hello");
        Assert.True((await Messaging.AssignAsync(me, thread.ThreadId, me.StaffUserId, default)).Succeeded);

        var refused = await Messaging.AssignAsync(me, thread.ThreadId, gone.StaffUserId, default);
        Assert.Equal(ResultKind.Invalid, refused.Kind);
        Assert.Equal([thread.ThreadId], await InboxIdsAsync(me, InboxFilter.AssignedToMe));

        Assert.True((await Messaging.AssignAsync(me, thread.ThreadId, null, default)).Succeeded);
        Assert.Equal([thread.ThreadId], await InboxIdsAsync(me, InboxFilter.Unassigned));
        Assert.DoesNotContain(await Messaging.AssigneesAsync(me, default), a => a.Id == gone.StaffUserId);
    }

    [Fact]
    public async Task InboxAndTriage_ForAPortalUser_AreRefused()
    {
        var thread = await ConversationAsync("Nosy", "Hello");

        Assert.Equal(ResultKind.Forbidden, (await Messaging.InboxAsync(thread.Customer, new InboxQuery(), default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Messaging.AssignAsync(thread.Customer, thread.ThreadId, null, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Messaging.MarkDoneAsync(thread.Customer, thread.ThreadId, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Messaging.ReopenAsync(thread.Customer, thread.ThreadId, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Messaging.ChooseEmailsAboutUnassignedAsync(thread.Customer, true, default)).Kind);
        Assert.Empty(await Messaging.AssigneesAsync(thread.Customer, default));
    }

    [Fact]
    public async Task CustomerMessage_InAnAssignedThread_EmailsOnlyTheAssignee()
    {
        var assignee = await AddStaffAsync("Avery Assignee");
        var optedIn = await AddStaffAsync("Olive Optedin", emailsAboutUnassigned: true);
        var thread = await ConversationAsync("Assignedmail", "First");
        Assert.True((await Messaging.AssignAsync(assignee, thread.ThreadId, assignee.StaffUserId, default)).Succeeded);
        Clock.Now = Clock.Now.AddHours(1);

        await PostAsCustomerAsync(thread, "Second");

        var mails = await StaffEmailsAsync(since: Clock.Now.UtcDateTime);
        Assert.Equal([Email(assignee)], mails.Select(m => m.To));
        Assert.Contains($"/staff/messages/{thread.ThreadId}", mails[0].Body);
        Assert.DoesNotContain(mails, m => m.To == Email(optedIn));
    }

    [Fact]
    public async Task CustomerMessage_InAnUnassignedThread_EmailsTheStaffWhoOptedIn()
    {
        var optedIn = await AddStaffAsync("Olive Optedin");
        var alsoOptedIn = await AddStaffAsync("Quinn Alsoin");
        var notOptedIn = await AddStaffAsync("Nico Notin");
        Assert.True((await Messaging.ChooseEmailsAboutUnassignedAsync(optedIn, true, default)).Succeeded);
        Assert.True((await Messaging.ChooseEmailsAboutUnassignedAsync(alsoOptedIn, true, default)).Succeeded);
        Assert.True(await Messaging.GetEmailsAboutUnassignedAsync(optedIn, default));
        Assert.False(await Messaging.GetEmailsAboutUnassignedAsync(notOptedIn, default));

        await ConversationAsync("Unassignedmail", "Who can help me?");

        var mails = await StaffEmailsAsync();
        Assert.Equal(new[] { Email(optedIn), Email(alsoOptedIn) }.Order(), mails.Select(m => m.To).Order());
    }

    [Fact]
    public async Task CustomerMessages_InABurst_MakeOneEmailPerQuietPeriod_AndStaffMessagesNone()
    {
        var optedIn = await AddStaffAsync("Olive Optedin", emailsAboutUnassigned: true);
        var thread = await ConversationAsync("Burstmail", "One");
        await PostAsCustomerAsync(thread, "Two");
        Clock.Now = Clock.Now.AddMinutes(5);
        await PostAsCustomerAsync(thread, "Three");
        await _kit.PostAsync(optedIn, thread.ThreadId, "On it.");
        Assert.Single(await StaffEmailsAsync());

        Clock.Now = Clock.Now.AddMinutes(6);
        await PostAsCustomerAsync(thread, "Four, after the quiet period");

        Assert.Equal(2, (await StaffEmailsAsync()).Count);
    }

    [Fact]
    public async Task CustomerMessage_WhileTheAssigneeHasTheThreadOpen_EmailsNobody()
    {
        var assignee = await AddStaffAsync("Avery Assignee");
        var thread = await ConversationAsync("Watching", "First");
        Assert.True((await Messaging.AssignAsync(assignee, thread.ThreadId, assignee.StaffUserId, default)).Succeeded);
        var before = (await StaffEmailsAsync()).Count;
        Clock.Now = Clock.Now.AddHours(1);

        using (_kit.Core.Get<ThreadPresence>().Enter(thread.ThreadId, ParticipantRef.Of(assignee)!.Key))
            await PostAsCustomerAsync(thread, "Are you there?");
        var whileOpen = (await StaffEmailsAsync()).Count;
        await PostAsCustomerAsync(thread, "Hello?");

        Assert.Equal(before, whileOpen);
        Assert.Equal([Email(assignee)], (await StaffEmailsAsync()).Skip(before).Select(m => m.To));
    }

    private sealed record Conversation(int ThreadId, Actor Customer);

    private async Task<Actor> AddStaffAsync(string name, bool active = true, bool emailsAboutUnassigned = false)
    {
        var actor = await _kit.StaffAsync(name);
        await using var db = await _kit.Core.DbAsync();
        var staff = await db.StaffUsers.SingleAsync(s => s.Id == actor.StaffUserId);
        staff.IsActive = active;
        staff.ChooseMessageEmails(emailsAboutUnassigned);
        await db.SaveChangesAsync();
        _emails[staff.Id] = staff.Email;
        return actor;
    }

    private string Email(Actor staff) => _emails[staff.StaffUserId!.Value];

    /// <summary>A customer (named Pat <paramref name="lastName"/>) whose portal user starts a general conversation; the clock moves a minute after.</summary>
    private async Task<Conversation> ConversationAsync(string lastName, string firstMessage)
    {
        Core.Customers.Customer customer;
        await using (var db = await _kit.Core.DbAsync())
            customer = await TestRecords.CustomerAsync(db, lastName);
        var actor = await _kit.PortalUserAsync(customer.Id);
        var started = await Messaging.StartConversationAsync(actor, customer.Id, "Parking at the back", Guid.NewGuid(), firstMessage, default);
        Assert.True(started.Succeeded, started.Message);
        Clock.Now = Clock.Now.AddMinutes(1);
        return new Conversation(started.Value, actor);
    }

    private Task PostAsCustomerAsync(Conversation conversation, string body) => _kit.PostAsync(conversation.Customer, conversation.ThreadId, body);

    private async Task MarkAllReadAsync(Actor staff, int threadId)
    {
        var view = (await Messaging.GetThreadAsync(staff, threadId, default)).Value!;
        Assert.True((await Messaging.MarkReadAsync(staff, threadId, view.Messages[^1].Id, default)).Succeeded);
    }

    private async Task<IReadOnlyList<int>> InboxIdsAsync(Actor staff, InboxFilter filter, string? search = null)
    {
        var page = await Messaging.InboxAsync(staff, new InboxQuery(filter, search), default);
        Assert.True(page.Succeeded, page.Message);
        Assert.Equal(page.Value!.Items.Count, page.Value.TotalCount);
        return page.Value.Items.Select(t => t.Id).ToList();
    }

    private async Task<List<(string To, string Body)>> StaffEmailsAsync(DateTime? since = null)
    {
        await using var db = await _kit.Core.DbAsync();
        var rows = await db.OutboxMessages.Where(m => m.TemplateKey == MessageNotifications.StaffTemplateKey).OrderBy(m => m.Id)
            .Select(m => new { m.ToAddress, m.Body, m.CreatedAtUtc }).ToListAsync();
        return rows.Where(r => since is null || r.CreatedAtUtc >= since).Select(r => (r.ToAddress, r.Body)).ToList();
    }
}
