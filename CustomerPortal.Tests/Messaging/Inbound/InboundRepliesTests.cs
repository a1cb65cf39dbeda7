using CustomerPortal.Core.Access;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Messaging.Inbound;
using CustomerPortal.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Messaging.Inbound;

/// <summary>Replies by e-mail on the Core services: the reply address on thread e-mails, and what a reply may store.</summary>
public sealed class InboundRepliesTests : IAsyncLifetime
{
    private MessagingKit _kit = null!;

    public async Task InitializeAsync() => _kit = await MessagingKit.StartAsync(InboundKit.Settings());

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    private InboundReplies Replies => _kit.Core.Get<InboundReplies>();

    [Fact]
    public async Task StaffMessage_EmailToPortalUser_RepliesToTheThreadsSignedAddress()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();

        await _kit.PostAsync(staff, threadId, "Can we come on Thursday?");

        var email = Assert.Single(await EmailsAsync(m => m.PortalUserId == customer.PortalUserId));
        Assert.NotEqual("", email.ReplyToAddress);
        Assert.Equal(ReplyAddressCheck.Valid, _kit.Core.Get<ReplyAddresses>().Read(InboundKit.Address(email.ReplyToAddress), out var token));
        Assert.Equal((threadId, customer.PortalUserId!.Value), (token!.ThreadId, token.PortalUserId));
    }

    [Fact]
    public async Task RepliesByEmailOff_EmailsHaveNoReplyAddress()
    {
        await using var kit = await MessagingKit.StartAsync();
        var (staff, customer, threadId) = await kit.ThreadWithPeopleAsync();

        await kit.PostAsync(staff, threadId, "Can we come on Thursday?");

        await using var db = await kit.Core.DbAsync();
        Assert.Equal("", await db.OutboxMessages.Where(m => m.PortalUserId == customer.PortalUserId).Select(m => m.ReplyToAddress).SingleAsync());
    }

    [Fact]
    public async Task RepliedByEmail_StoredOnceFromThatUser_AndStaffAreTold()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        await using (var db = await _kit.Core.DbAsync())
        {
            (await db.StaffUsers.SingleAsync(s => s.Id == staff.StaffUserId)).IsActive = true;
            await db.SaveChangesAsync();
        }
        Assert.True((await _kit.Messaging.AssignAsync(staff, threadId, staff.StaffUserId, default)).Succeeded);
        var reply = InboundKit.Reply(await EmailOfAsync(customer), ReplyAddressFor(threadId, customer), "Thursday works, thanks!");

        Assert.Equal(InboundOutcome.Stored, await Replies.ReceiveAsync(reply, default));
        Assert.Equal(InboundOutcome.AlreadyStored, await Replies.ReceiveAsync(reply, default));

        var thread = (await _kit.Messaging.GetThreadAsync(staff, threadId, default)).Value!;
        var message = Assert.Single(thread.Messages);
        Assert.Equal(("Thursday works, thanks!", MessageAuthorKind.Customer, customer.PortalUserId), (message.Body, message.AuthorKind, message.PortalUserId));
        Assert.Single(await EmailsAsync(m => m.TemplateKey == MessageNotifications.StaffTemplateKey && m.ReplyToAddress == ""));
    }

    [Fact]
    public async Task WithoutMessageId_TheSameMailIsStillStoredOnce()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        var reply = InboundKit.Reply(await EmailOfAsync(customer), ReplyAddressFor(threadId, customer), "Yes please", messageId: null);

        Assert.Equal(InboundOutcome.Stored, await Replies.ReceiveAsync(reply, default));
        Assert.Equal(InboundOutcome.AlreadyStored, await Replies.ReceiveAsync(reply, default));
        Assert.Single((await _kit.Messaging.GetThreadAsync(staff, threadId, default)).Value!.Messages);
    }

    [Fact]
    public async Task Refusals_StoreNothing()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        var email = await EmailOfAsync(customer);
        var address = ReplyAddressFor(threadId, customer);

        Assert.Equal(InboundOutcome.WrongSender, await Replies.ReceiveAsync(InboundKit.Reply("someone@else.example.test", address, "Hi", "<1@x>"), default));
        Assert.Equal(InboundOutcome.ForgedAddress, await Replies.ReceiveAsync(InboundKit.Reply(email, address.Replace("reply+", "reply+00"), "Hi", "<2@x>"), default));
        Assert.Equal(InboundOutcome.NoReplyAddress, await Replies.ReceiveAsync(InboundKit.Reply(email, "office@" + InboundKit.Domain, "Hi", "<3@x>"), default));
        Assert.Equal(InboundOutcome.AutoReply, await Replies.ReceiveAsync(InboundKit.Reply(email, address, "I am away", "<4@x>", "Auto-Submitted: auto-replied"), default));
        Assert.Equal(InboundOutcome.AutoReply, await Replies.ReceiveAsync(InboundKit.Reply(email, address, "I am away", "<5@x>", "X-Autoreply: yes"), default));
        Assert.Equal(InboundOutcome.Empty, await Replies.ReceiveAsync(InboundKit.Reply(email, address, "", "<6@x>"), default));
        Assert.Equal(InboundOutcome.SenderFailedSpf, await Replies.ReceiveAsync(InboundKit.Reply(email, address, "Hi", "<7@x>") with { Spf = "fail" }, default));
        // Another portal user of another customer cannot use this user's address either: it names this user.
        var stranger = await _kit.PortalUserAsync((await _kit.CustomerAsync()).Id);
        Assert.Equal(InboundOutcome.WrongSender, await Replies.ReceiveAsync(InboundKit.Reply(await EmailOfAsync(stranger), address, "Hi", "<8@x>"), default));

        _kit.Core.Clock.Now = CoreServices.StartTime.AddDays(61);
        Assert.Equal(InboundOutcome.ExpiredAddress, await Replies.ReceiveAsync(InboundKit.Reply(email, address, "Hi", "<9@x>"), default));

        Assert.Empty((await _kit.Messaging.GetThreadAsync(staff, threadId, default)).Value!.Messages);
    }

    [Fact]
    public async Task LockedUser_RevokedLinks_OrThreadNoLongerVisible_AreRefused()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        var email = await EmailOfAsync(customer);
        var address = ReplyAddressFor(threadId, customer);

        await ChangeUserAsync(customer, u => u.ChangePermissions(PortalModules.Invoices, true, true, true));
        Assert.Equal(InboundOutcome.NotAllowed, await Replies.ReceiveAsync(InboundKit.Reply(email, address, "Hi", "<1@x>"), default));

        await ChangeUserAsync(customer, u => u.ChangePermissions(null, true, true, true));
        await ChangeUserAsync(customer, u => u.Lock(_kit.Core.Clock.Now.UtcDateTime));
        Assert.Equal(InboundOutcome.Locked, await Replies.ReceiveAsync(InboundKit.Reply(email, address, "Hi", "<2@x>"), default));

        await ChangeUserAsync(customer, u => u.Unlock());
        _kit.Core.Clock.Now = CoreServices.StartTime.AddMinutes(5);
        await ChangeUserAsync(customer, u => u.RevokeLinks(_kit.Core.Clock.Now.UtcDateTime));
        Assert.Equal(InboundOutcome.ExpiredAddress, await Replies.ReceiveAsync(InboundKit.Reply(email, address, "Hi", "<3@x>"), default));

        Assert.Empty((await _kit.Messaging.GetThreadAsync(staff, threadId, default)).Value!.Messages);
        // A new address, made after the revocation, works.
        Assert.Equal(InboundOutcome.Stored, await Replies.ReceiveAsync(InboundKit.Reply(email, ReplyAddressFor(threadId, customer), "Hi", "<4@x>"), default));
    }

    private string ReplyAddressFor(int threadId, Actor customer) => _kit.Core.Get<ReplyAddresses>().For(threadId, customer.PortalUserId!.Value);

    private async Task<string> EmailOfAsync(Actor portalUser)
    {
        await using var db = await _kit.Core.DbAsync();
        return await db.PortalUsers.Where(u => u.Id == portalUser.PortalUserId).Select(u => u.Email).SingleAsync();
    }

    private async Task ChangeUserAsync(Actor portalUser, Action<Core.Accounts.PortalUser> change)
    {
        await using var db = await _kit.Core.DbAsync();
        change(await db.PortalUsers.SingleAsync(u => u.Id == portalUser.PortalUserId));
        await db.SaveChangesAsync();
    }

    private async Task<List<OutboxMessage>> EmailsAsync(System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> where)
    {
        await using var db = await _kit.Core.DbAsync();
        return await db.OutboxMessages.Where(where).ToListAsync();
    }
}
