using System.Net;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Messaging;

/// <summary>
/// The staff inbox refuses portal users, and an internal note never reaches one: not through the services, the portal's
/// pages, the messages hub (pushes, join, resync) or the live hub.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class InternalNoteAccessTests(WebAppFixture fixture)
{
    private static readonly TimeSpan Patience = BusyMachineWaits.Patience;
    private readonly PortalAppFactory _app = fixture.App;

    private MessagingService Messaging => _app.Services.GetRequiredService<MessagingService>();

    [Fact]
    public async Task StaffInbox_ForAPortalUser_IsRefused()
    {
        var world = await InvoiceThreadAsync("Inboxrefused");
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(client, world.User.Email)).StatusCode);

        foreach (var path in new[] { "staff/messages", $"staff/messages/{world.ThreadId}" })
        {
            using var response = await client.GetAsync(path);
            var refused = response.StatusCode is HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && Redirects.LocationPath(response) is "/account/access-denied" or "/account/login");
            Assert.True(refused, $"{path} answered a portal user with {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task InternalNote_ReachesNoPortalUser_ThroughServicesPagesOrEitherHub()
    {
        var world = await InvoiceThreadAsync("Notehidden");
        var note = $"Internal {world.Marker} do not show";
        await using var messagesHub = await ConnectAsync(MessagesHub.Path, world.User.Email);
        await using var liveHub = await ConnectAsync(LiveHub.Path, world.User.Email);
        var pushed = new List<ThreadMessage>();
        var typings = new List<ThreadTyping>();
        var events = new List<LiveEvent>();
        var lastReplyPushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lastReplyEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        messagesHub.On<ThreadMessage>(nameof(IMessagesClient.MessageReceived), m =>
        {
            lock (pushed) pushed.Add(m);
            if (m.Body == "Second reply") lastReplyPushed.TrySetResult();
        });
        messagesHub.On<ThreadTyping>(nameof(IMessagesClient.Typing), t =>
        {
            lock (typings) typings.Add(t);
        });
        LiveHubTests.Listen(liveHub, e =>
        {
            lock (events) events.Add(e);
            if (e is MessagePosted { Message.Body: "Second reply" }) lastReplyEvent.TrySetResult();
        });
        var joined = await messagesHub.InvokeAsync<ThreadSnapshot>(nameof(MessagesHub.JoinThread), world.ThreadId, 0L);
        await liveHub.InvokeAsync(nameof(LiveHub.JoinCustomer), world.Customer.Id);

        // Notes before, between and after the replies: a leak would arrive before the reply that follows it.
        var first = await PostAsync(world, note + " 1", internalNote: true);
        Assert.True((await Messaging.TypingAsync(world.Staff, world.ThreadId, internalNote: true, default)).Succeeded);
        await PostAsync(world, "First reply");
        await PostAsync(world, note + " 2", internalNote: true);
        await PostAsync(world, "Second reply");
        await lastReplyPushed.Task.WaitAsync(Patience);
        await lastReplyEvent.Task.WaitAsync(Patience);
        await PostAsync(world, note + " 3", internalNote: true);

        var resync = await messagesHub.InvokeAsync<IReadOnlyList<ThreadMessage>>(nameof(MessagesHub.MessagesAfter), world.ThreadId, 0L);
        var rejoined = await messagesHub.InvokeAsync<ThreadSnapshot>(nameof(MessagesHub.JoinThread), world.ThreadId, first.Id - 1);
        var refusedNote = await Assert.ThrowsAsync<HubException>(() => messagesHub.InvokeAsync<ThreadMessage>(nameof(MessagesHub.Send),
            new SendMessageRequest(world.ThreadId, Guid.NewGuid(), "A customer's note", InternalNote: true)));
        var view = (await Messaging.GetThreadAsync(world.Portal, world.ThreadId, default)).Value!;
        var after = (await Messaging.MessagesAfterAsync(world.Portal, world.ThreadId, 0, default)).Value!;
        var before = (await Messaging.MessagesBeforeAsync(world.Portal, world.ThreadId, long.MaxValue, default)).Value!;
        var listed = Assert.Single((await Messaging.ListForCustomerAsync(world.Portal, world.Customer.Id, default)).Value!);
        using var browser = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(browser, world.User.Email)).StatusCode);
        var invoicePage = await browser.GetStringAsync($"portal/invoices/{world.InvoiceId}");
        var staffView = (await Messaging.GetThreadAsync(world.Staff, world.ThreadId, default)).Value!;

        string[] replies = ["Hello from the customer", "First reply", "Second reply"];
        Assert.Equal(replies[..1], joined.Messages.Select(m => m.Body));
        lock (pushed) Assert.Equal(replies[1..], pushed.Select(m => m.Body));
        lock (typings) Assert.Empty(typings);
        lock (events) Assert.DoesNotContain(events, e => e is MessagePosted { Message.IsInternalNote: true } || e is ThreadTyping);
        Assert.Equal(replies, resync.Select(m => m.Body));
        Assert.Equal(replies[1..], rejoined.Messages.Select(m => m.Body));
        Assert.Contains("internal notes", refusedNote.Message);
        Assert.Equal(replies, view.Messages.Select(m => m.Body));
        Assert.False(view.CanWriteInternalNotes);
        Assert.Equal(replies, after.Select(m => m.Body));
        Assert.Equal(replies, before.Select(m => m.Body));
        Assert.Equal("Second reply", listed.Preview);
        Assert.Equal(new UnreadCount(1, 2), await Messaging.UnreadAsync(world.Portal, default));
        Assert.Contains("Second reply", invoicePage);
        Assert.DoesNotContain(world.Marker, invoicePage);
        // Staff see all of it, notes included, in store order.
        Assert.Equal(6, staffView.Messages.Count);
        Assert.Equal(3, staffView.Messages.Count(m => m.IsInternalNote));
    }

    private sealed record World(
        Core.Customers.Customer Customer, PortalUser User, Actor Portal, Actor Staff, int InvoiceId, int ThreadId, string Marker);

    /// <summary>A customer with a portal user and a sent invoice whose thread the customer opened with one message.</summary>
    private async Task<World> InvoiceThreadAsync(string name)
    {
        var marker = $"{name}{Guid.NewGuid():N}"[..(name.Length + 8)];
        var customer = await TestAccounts.CreateCustomerAsync(_app, name);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var staff = (await TestAccounts.CreateStaffAsync(_app)).ToActor();
        int invoiceId;
        await using (var db = await _app.CreateDbContextAsync())
            invoiceId = (await TestRecords.SentInvoiceAsync(db, customer.Id, 120m)).Id;
        var portal = user.ToActor(PortalModules.All, null);
        var thread = (await Messaging.GetThreadForSubjectAsync(portal, ThreadSubject.Invoice, invoiceId, default)).Value!;
        var posted = await Messaging.PostAsync(portal, new PostMessage(thread.Summary.Id, Guid.NewGuid(), "Hello from the customer"), default);
        Assert.True(posted.Succeeded, posted.Message);
        return new World(customer, user, portal, staff, invoiceId, thread.Summary.Id, marker);
    }

    private async Task<ThreadMessage> PostAsync(World world, string body, bool internalNote = false)
    {
        var posted = await Messaging.PostAsync(world.Staff, new PostMessage(world.ThreadId, Guid.NewGuid(), body, internalNote), default);
        Assert.True(posted.Succeeded, posted.Message);
        return posted.Value!;
    }

    private Task<HubConnection> ConnectAsync(string hubPath, string portalEmail) =>
        HubSignIn.ConnectAsync(_app, hubPath, client => SignIn.PortalAsync(client, portalEmail));
}
