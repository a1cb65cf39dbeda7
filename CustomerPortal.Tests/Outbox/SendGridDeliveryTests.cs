using System.Text.Json;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Outbox;

namespace CustomerPortal.Tests.Outbox;

public sealed class SendGridDeliveryTests : IAsyncLifetime
{
    private FakeProviderServer _sendGrid = null!;
    private CoreServices _core = null!;

    public async Task InitializeAsync()
    {
        _sendGrid = await FakeProviderServer.StartSendGridAsync();
        _core = await DeliveryKit.StartAsync(DeliveryKit.SendGrid(_sendGrid));
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    private OutboxDispatcher Dispatcher => _core.Get<OutboxDispatcher>();

    [Fact]
    public async Task Dispatch_Email_SendsSendGridTheExactRequestAndMarksItSent()
    {
        var queued = await DeliveryKit.QueueEmailAsync(_core, shape: m => m
            .SendRepliesTo("reply+t123@replies.brightwater.test")
            .OfferUnsubscribe("http://127.0.0.1:5252/unsubscribe/abc", marketing: true));

        Assert.Equal(1, await Dispatcher.DispatchDueAsync(default));

        var request = Assert.Single(_sendGrid.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal($"Bearer {DeliveryKit.SendGridKey}", request.Authorization);
        Assert.StartsWith("application/json", request.ContentType);
        var json = JsonDocument.Parse(request.Body).RootElement;
        var to = json.GetProperty("personalizations")[0].GetProperty("to")[0];
        Assert.Equal("olivia@example.test", to.GetProperty("email").GetString());
        Assert.Equal("Olivia Martinez", to.GetProperty("name").GetString());
        Assert.Equal(DeliveryKit.From, json.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal(DeliveryKit.FromName, json.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal("Your invoice INV-1001", json.GetProperty("subject").GetString());
        var content = json.GetProperty("content");
        Assert.Equal(2, content.GetArrayLength());
        Assert.Equal("text/plain", content[0].GetProperty("type").GetString());
        Assert.Equal("Hello Olivia", content[0].GetProperty("value").GetString());
        Assert.Equal("text/html", content[1].GetProperty("type").GetString());
        Assert.Equal("<p>Hello <b>Olivia</b></p>", content[1].GetProperty("value").GetString());
        Assert.Equal("reply+t123@replies.brightwater.test", json.GetProperty("reply_to").GetProperty("email").GetString());
        var headers = json.GetProperty("headers");
        Assert.Equal("<http://127.0.0.1:5252/unsubscribe/abc>", headers.GetProperty("List-Unsubscribe").GetString());
        Assert.Equal("List-Unsubscribe=One-Click", headers.GetProperty("List-Unsubscribe-Post").GetString());
        Assert.Equal(queued.Id.ToString(), json.GetProperty("custom_args").GetProperty("outbox_id").GetString());

        var sent = await DeliveryKit.ReadAsync(_core, queued.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal("sg-fake-1", sent.ProviderMessageId);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal(_core.Clock.Now.UtcDateTime, sent.SentAtUtc);
        Assert.Equal("", sent.LeaseOwner);
    }

    [Fact]
    public async Task Dispatch_EmailWithoutReplyToOrUnsubscribe_SendsNeither()
    {
        await DeliveryKit.QueueEmailAsync(_core);

        await Dispatcher.DispatchDueAsync(default);

        var json = JsonDocument.Parse(Assert.Single(_sendGrid.Requests).Body).RootElement;
        Assert.False(json.TryGetProperty("reply_to", out _));
        Assert.False(json.TryGetProperty("headers", out _));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Dispatch_ProviderBusyThenAccepts_DeliversOnceAfterTheBackoff(int firstStatus)
    {
        _sendGrid.AnswerNext(new ProviderAnswer(firstStatus, """{"errors":[{"message":"Try again later","field":null,"help":null}]}"""));
        var queued = await DeliveryKit.QueueEmailAsync(_core);

        await Dispatcher.DispatchDueAsync(default);
        var waiting = await DeliveryKit.ReadAsync(_core, queued.Id);
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal($"SendGrid {firstStatus}: Try again later", waiting.LastError);
        Assert.Equal(_core.Clock.Now.UtcDateTime.AddSeconds(30), waiting.NextAttemptAtUtc);

        // Not due yet: nothing goes out.
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(default));
        _core.Clock.Now = _core.Clock.Now.AddSeconds(30);
        Assert.Equal(1, await Dispatcher.DispatchDueAsync(default));

        Assert.Equal(2, _sendGrid.Requests.Count);
        Assert.Single(_sendGrid.Accepted);
        var sent = await DeliveryKit.ReadAsync(_core, queued.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal("", sent.LastError);
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(default));
        Assert.Equal(2, _sendGrid.Requests.Count);
    }

    [Fact]
    public async Task Dispatch_BadRequest_FailsAtOnceWithSendGridsReason()
    {
        _sendGrid.AnswerNext(new ProviderAnswer(400,
            """{"errors":[{"message":"The from address does not match a verified Sender Identity.","field":"from","help":"http://sendgrid.com/docs/for-developers/sending-email/sender-identity/"}]}"""));
        var queued = await DeliveryKit.QueueEmailAsync(_core);

        await Dispatcher.DispatchDueAsync(default);

        var failed = await DeliveryKit.ReadAsync(_core, queued.Id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("SendGrid 400: The from address does not match a verified Sender Identity. (from)", failed.LastError);
        _core.Clock.Now = _core.Clock.Now.AddDays(1);
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(default));
        Assert.Single(_sendGrid.Requests);
    }

    [Fact]
    public async Task Dispatch_ServerErrorsUpToMaxAttempts_FailsWithTheLastReasonAfterDoublingWaits()
    {
        var queued = await DeliveryKit.QueueEmailAsync(_core);
        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            _sendGrid.AnswerNext(new ProviderAnswer(500, $$"""{"errors":[{"message":"Outage {{attempt}}"}]}"""));
            Assert.Equal(1, await Dispatcher.DispatchDueAsync(default));
            var message = await DeliveryKit.ReadAsync(_core, queued.Id);
            if (message.Status == OutboxStatus.Pending)
            {
                waits.Add(message.NextAttemptAtUtc - _core.Clock.Now.UtcDateTime);
                _core.Clock.Now = new DateTimeOffset(message.NextAttemptAtUtc, TimeSpan.Zero);
            }
        }

        var failed = await DeliveryKit.ReadAsync(_core, queued.Id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(6, failed.Attempts);
        Assert.Equal("SendGrid 500: Outage 6", failed.LastError);
        Assert.Equal([30, 60, 120, 240, 480], waits.Select(w => w.TotalSeconds));
        Assert.Equal(6, _sendGrid.Requests.Count);
    }

    [Fact]
    public async Task RetryAsync_FailedMessage_GoesOutOnTheNextDispatch()
    {
        _sendGrid.AnswerNext(new ProviderAnswer(400, """{"errors":[{"message":"Invalid API key"}]}"""));
        var queued = await DeliveryKit.QueueEmailAsync(_core);
        await Dispatcher.DispatchDueAsync(default);
        Assert.Equal(OutboxStatus.Failed, (await DeliveryKit.ReadAsync(_core, queued.Id)).Status);
        var outbox = _core.Get<OutboxService>();

        var retried = await outbox.RetryAsync(CoreServices.Staff, queued.Id, default);
        Assert.True(retried.Succeeded, retried.Message);
        Assert.Equal(1, await Dispatcher.DispatchDueAsync(default));

        var sent = await DeliveryKit.ReadAsync(_core, queued.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Single(_sendGrid.Accepted);
        Assert.Equal(ResultKind.Conflict, (await outbox.RetryAsync(CoreServices.Staff, queued.Id, default)).Kind);
        await using var db = await _core.DbAsync();
        Assert.Contains(db.AuditEvents, e => e.Action == "outbox.retried" && e.EntityId == queued.Id.ToString());
    }

    [Fact]
    public async Task RetryAsync_ForACustomer_IsForbidden()
    {
        var customer = new Actor { Kind = ActorKind.Customer, Name = "Pat", CustomerId = 1, PortalUserId = 1, Modules = PortalModules.All };

        Assert.Equal(ResultKind.Forbidden, (await _core.Get<OutboxService>().RetryAsync(customer, 1, default)).Kind);
    }

    [Fact]
    public async Task Dispatch_LeaseOfADeadDispatcher_IsClaimedAgainOnlyAfterItRunsOut()
    {
        var queued = await DeliveryKit.QueueEmailAsync(_core);
        await using (var db = await _core.DbAsync())
        {
            // What a dispatcher that died mid-send leaves behind: its claim, with the lease running.
            var leaseEnd = _core.Clock.Now.UtcDateTime.AddSeconds(120);
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
                db.OutboxMessages.Where(m => m.Id == queued.Id),
                s => s.SetProperty(m => m.LeaseOwner, "dead-instance").SetProperty(m => m.LeaseExpiresAtUtc, leaseEnd));
        }

        Assert.Equal(0, await Dispatcher.DispatchDueAsync(default));
        Assert.Empty(_sendGrid.Requests);
        _core.Clock.Now = _core.Clock.Now.AddSeconds(120);
        Assert.Equal(1, await Dispatcher.DispatchDueAsync(default));

        Assert.Single(_sendGrid.Accepted);
        Assert.Equal(OutboxStatus.Sent, (await DeliveryKit.ReadAsync(_core, queued.Id)).Status);
    }

    [Fact]
    public async Task Dispatch_TwoDispatchersOnOneDatabase_SendEachMessageExactlyOnce()
    {
        const int count = 40;
        var ids = new List<long>();
        for (var i = 0; i < count; i++) ids.Add((await DeliveryKit.QueueEmailAsync(_core, $"customer{i}@example.test")).Id);
        var first = Dispatcher;
        var second = DeliveryKit.AnotherDispatcher(_core);
        Assert.NotEqual(first.InstanceId, second.InstanceId);

        var handled = await Task.WhenAll(Task.Run(() => first.DispatchDueAsync(default)), Task.Run(() => second.DispatchDueAsync(default)));

        Assert.Equal(count, handled.Sum());
        var outboxIds = _sendGrid.Accepted
            .Select(r => long.Parse(JsonDocument.Parse(r.Body).RootElement.GetProperty("custom_args").GetProperty("outbox_id").GetString()!))
            .ToList();
        Assert.Equal(count, _sendGrid.Requests.Count);
        Assert.Equal(ids.Order(), outboxIds.Order());
        foreach (var id in ids) Assert.Equal(OutboxStatus.Sent, (await DeliveryKit.ReadAsync(_core, id)).Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dispatch_MarketingEmail_GoesOnlyToCustomersWhoOptedIn(bool optedIn)
    {
        int customerId;
        await using (var db = await _core.DbAsync())
        {
            var customer = await TestRecords.CustomerAsync(db, "Optin");
            customer.ChangePreferences(emailNotifications: true, smsNotifications: true, marketingOptIn: optedIn);
            await db.SaveChangesAsync();
            customerId = customer.Id;
        }
        var queued = await DeliveryKit.QueueEmailAsync(_core, customerId: customerId,
            shape: m => m.OfferUnsubscribe("http://127.0.0.1:5252/unsubscribe/m1", marketing: true));

        await Dispatcher.DispatchDueAsync(default);

        var message = await DeliveryKit.ReadAsync(_core, queued.Id);
        if (optedIn)
        {
            Assert.Equal(OutboxStatus.Sent, message.Status);
            Assert.Single(_sendGrid.Accepted);
        }
        else
        {
            Assert.Equal(OutboxStatus.Failed, message.Status);
            Assert.Equal("Not sent: the customer has not opted in to marketing e-mail.", message.LastError);
            Assert.Empty(_sendGrid.Requests);
        }
    }
}
