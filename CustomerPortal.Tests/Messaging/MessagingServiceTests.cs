using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Tests.Links;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Messaging;

public sealed class MessagingServiceTests : IAsyncLifetime
{
    private MessagingKit _kit = null!;
    private MessagingService Messaging => _kit.Messaging;

    public async Task InitializeAsync() =>
        _kit = await MessagingKit.StartAsync(new Dictionary<string, string?> { ["Messaging:MaxMessageLength"] = "200" });

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Post_SameClientIdTwice_StoresOneMessage()
    {
        var (_, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        var post = new PostMessage(threadId, Guid.NewGuid(), "Is Tuesday still on?");

        var first = await Messaging.PostAsync(customer, post, default);
        var second = await Messaging.PostAsync(customer, post, default);

        Assert.True(first.Succeeded, first.Message);
        Assert.True(second.Succeeded, second.Message);
        Assert.Equal(first.Value!.Id, second.Value!.Id);
        await using var db = await _kit.Core.DbAsync();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.ThreadId == threadId));
    }

    [Fact]
    public async Task Post_TooLong_IsRefusedWithTheLimitAndStoresNothing()
    {
        var (_, customer, threadId) = await _kit.ThreadWithPeopleAsync();

        var result = await Messaging.PostAsync(customer, new PostMessage(threadId, Guid.NewGuid(), new string('a', 201)), default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Contains("at most 200 characters", result.Message);
        Assert.Empty((await Messaging.GetThreadAsync(customer, threadId, default)).Value!.Messages);
    }

    [Fact]
    public async Task Post_FasterThanSendsPerMinute_IsRefusedWithAClearMessage()
    {
        await using var kit = await MessagingKit.StartAsync(new Dictionary<string, string?> { ["Messaging:SendsPerMinute"] = "2" });
        var staff = await kit.StaffAsync();
        var customer = await kit.CustomerAsync();
        var user = await kit.PortalUserAsync(customer.Id);
        var threadId = await kit.JobThreadAsync(customer.Id, staff);
        await kit.PostAsync(user, threadId, "one");
        await kit.PostAsync(user, threadId, "two");

        var third = await kit.Messaging.PostAsync(user, new PostMessage(threadId, Guid.NewGuid(), "three"), default);
        var byStaff = await kit.Messaging.PostAsync(staff, new PostMessage(threadId, Guid.NewGuid(), "staff have their own allowance"), default);

        Assert.False(third.Succeeded);
        Assert.Contains("too quickly", third.Message);
        Assert.True(byStaff.Succeeded, byStaff.Message);
        Assert.Equal(["one", "two", "staff have their own allowance"], (await kit.Messaging.GetThreadAsync(user, threadId, default)).Value!.Messages.Select(m => m.Body));
    }

    [Fact]
    public async Task InternalNote_IsHiddenFromTheCustomerInTheThreadAndInMessagesAfter()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        var hello = await _kit.PostAsync(staff, threadId, "Hello from the office");
        await _kit.PostAsync(staff, threadId, "Customer is difficult, bring the manager", internalNote: true);
        await _kit.PostAsync(staff, threadId, "See you Tuesday");

        var asCustomer = (await Messaging.GetThreadAsync(customer, threadId, default)).Value!;
        var after = (await Messaging.MessagesAfterAsync(customer, threadId, hello.Id, default)).Value!;
        var asStaff = (await Messaging.GetThreadAsync(staff, threadId, default)).Value!;

        Assert.Equal(["Hello from the office", "See you Tuesday"], asCustomer.Messages.Select(m => m.Body));
        Assert.Equal(["See you Tuesday"], after.Select(m => m.Body));
        Assert.False(asCustomer.CanWriteInternalNotes);
        Assert.Equal(3, asStaff.Messages.Count);
        Assert.True(asStaff.Messages[1].IsInternalNote);
        Assert.Equal(ResultKind.Forbidden,
            (await Messaging.PostAsync(customer, new PostMessage(threadId, Guid.NewGuid(), "sneaky", InternalNote: true), default)).Kind);
    }

    [Fact]
    public async Task ThreadOnDraftInvoice_IsNotFoundForTheCustomerButOpenForStaff()
    {
        var staff = await _kit.StaffAsync();
        var customer = await _kit.CustomerAsync();
        var user = await _kit.PortalUserAsync(customer.Id);
        int invoiceId;
        await using (var db = await _kit.Core.DbAsync())
            invoiceId = (await TestRecords.DraftInvoiceAsync(db, customer.Id, 120m)).Id;

        var forStaff = await Messaging.GetThreadForSubjectAsync(staff, ThreadSubject.Invoice, invoiceId, default);
        var forCustomer = await Messaging.GetThreadForSubjectAsync(user, ThreadSubject.Invoice, invoiceId, default);
        var byId = await Messaging.GetThreadAsync(user, forStaff.Value!.Summary.Id, default);

        Assert.True(forStaff.Succeeded, forStaff.Message);
        Assert.Equal(ResultKind.NotFound, forCustomer.Kind);
        Assert.Equal(ResultKind.NotFound, byId.Kind);
    }

    [Fact]
    public async Task Unread_IsCountedPerPerson()
    {
        var (staff, olivia, threadId) = await _kit.ThreadWithPeopleAsync();
        var james = await _kit.PortalUserAsync(olivia.CustomerId!.Value, "James Martinez");
        await _kit.PostAsync(staff, threadId, "First");
        var second = await _kit.PostAsync(staff, threadId, "Second");

        await Messaging.MarkReadAsync(olivia, threadId, second.Id, default);
        await _kit.PostAsync(james, threadId, "Thanks!");

        Assert.Equal(new UnreadCount(1, 1), await Messaging.UnreadAsync(olivia, default));
        Assert.Equal(new UnreadCount(0, 0), await Messaging.UnreadAsync(james, default));
        Assert.Equal(new UnreadCount(1, 1), await Messaging.UnreadAsync(staff, default));
        var seen = (await Messaging.GetThreadAsync(staff, threadId, default)).Value!.ReadPositions;
        Assert.Contains(seen, p => p.Who.Name == "Olivia Martinez" && p.LastReadMessageId == second.Id);
    }

    [Fact]
    public async Task MarkRead_MovesOnlyForward()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        var first = await _kit.PostAsync(staff, threadId, "First");
        var second = await _kit.PostAsync(staff, threadId, "Second");

        await Messaging.MarkReadAsync(customer, threadId, second.Id, default);
        await Messaging.MarkReadAsync(customer, threadId, first.Id, default);

        var position = (await Messaging.GetThreadAsync(staff, threadId, default)).Value!.ReadPositions.Single(p => !p.Who.IsStaff);
        Assert.Equal(second.Id, position.LastReadMessageId);
        Assert.Equal(new UnreadCount(0, 0), await Messaging.UnreadAsync(customer, default));
    }

    [Fact]
    public async Task BurstOfFiveStaffMessages_ToACustomerNotViewing_MakesExactlyOneEmail()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();

        for (var i = 1; i <= 5; i++) await _kit.PostAsync(staff, threadId, $"Update {i}");

        var emails = await EmailsToAsync(customer);
        var email = Assert.Single(emails);
        Assert.Contains(PortalPaths.Thread(threadId), LinkTestData.DeepLinksIn(_kit.Core.Get<DeepLinks>(), email.Body).Select(l => l.Target));
    }

    [Fact]
    public async Task ABurstOfStaffMessages_IsOneTextToTheCustomersPhone_WhenTheyWantTexts_AndTheEmailOffersUnsubscribe()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        await using (var db = await _kit.Core.DbAsync())
        {
            var tracked = await db.Customers.SingleAsync(c => c.Id == customer.CustomerId);
            tracked.ChangeContactDetails(tracked.Email, "(212) 555-0187");
            tracked.ChangePreferences(emailNotifications: true, smsNotifications: true, marketingOptIn: false);
            await db.SaveChangesAsync();
        }

        for (var i = 1; i <= 3; i++) await _kit.PostAsync(staff, threadId, $"Update {i}");

        await using var check = await _kit.Core.DbAsync();
        var sent = await check.OutboxMessages.Where(m => m.TemplateKey == MessageNotifications.CustomerTemplateKey).ToListAsync();
        var text = Assert.Single(sent, m => m.Channel == Core.Templates.MessageChannel.Sms);
        Assert.Equal("+12125550187", text.ToAddress);
        Assert.Contains(PortalPaths.Thread(threadId), LinkTestData.DeepLinksIn(_kit.Core.Get<DeepLinks>(), text.Body).Select(l => l.Target));
        var email = Assert.Single(sent, m => m.Channel == Core.Templates.MessageChannel.Email);
        Assert.NotNull(_kit.Core.Get<DeepLinks>().ReadUnsubscribe(email.UnsubscribeUrl.Split('/')[^1]));
    }

    [Fact]
    public async Task AStaffMessage_ToACustomerWhoWantsOnlyTexts_IsATextAndNoEmail()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        await using (var db = await _kit.Core.DbAsync())
        {
            var tracked = await db.Customers.SingleAsync(c => c.Id == customer.CustomerId);
            tracked.ChangeContactDetails(tracked.Email, "(212) 555-0187");
            tracked.ChangePreferences(emailNotifications: false, smsNotifications: true, marketingOptIn: false);
            await db.SaveChangesAsync();
        }

        await _kit.PostAsync(staff, threadId, "We are on our way");

        await using var check = await _kit.Core.DbAsync();
        var sent = await check.OutboxMessages.Where(m => m.TemplateKey == MessageNotifications.CustomerTemplateKey).ToListAsync();
        Assert.Equal(Core.Templates.MessageChannel.Sms, Assert.Single(sent).Channel);
    }

    [Fact]
    public async Task StaffMessage_ToACustomerViewingTheThread_MakesNoEmail()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();

        using (_kit.Core.Get<ThreadPresence>().Enter(threadId, ParticipantRef.Of(customer)!.Key))
            await _kit.PostAsync(staff, threadId, "We are on our way");

        Assert.Empty(await EmailsToAsync(customer));
    }

    [Fact]
    public async Task CustomerMessage_ReopensADoneThread()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        await _kit.PostAsync(customer, threadId, "Question");
        Assert.True((await Messaging.MarkDoneAsync(staff, threadId, default)).Succeeded);
        Assert.True((await Messaging.GetThreadAsync(staff, threadId, default)).Value!.Summary.IsDone);

        await _kit.PostAsync(customer, threadId, "One more question");

        Assert.False((await Messaging.GetThreadAsync(staff, threadId, default)).Value!.Summary.IsDone);
    }

    private async Task<List<OutboxMessage>> EmailsToAsync(Actor customer)
    {
        await using var db = await _kit.Core.DbAsync();
        return await db.OutboxMessages.Where(m => m.PortalUserId == customer.PortalUserId && m.TemplateKey == MessageNotifications.CustomerTemplateKey).ToListAsync();
    }
}
