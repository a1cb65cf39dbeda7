using System.Text;
using CustomerPortal.Core.Outbox;
using Microsoft.AspNetCore.WebUtilities;

namespace CustomerPortal.Tests.Outbox;

public sealed class SmsDeliveryTests : IAsyncLifetime
{
    private const string AccountSid = "ACfake0000000000000000000000000001";
    private const string AuthToken = "sms-auth-token";
    private FakeProviderServer _sms = null!;
    private CoreServices _core = null!;

    public async Task InitializeAsync()
    {
        _sms = await FakeProviderServer.StartSmsAsync();
        _core = await DeliveryKit.StartAsync(new()
        {
            ["Delivery:SmsProvider"] = "Rest",
            ["Delivery:Sms:AccountSid"] = AccountSid,
            ["Delivery:Sms:AuthToken"] = AuthToken,
            ["Delivery:Sms:FromNumber"] = "+15550009999",
            ["Delivery:Sms:ApiBase"] = _sms.BaseUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        await _sms.DisposeAsync();
    }

    [Fact]
    public async Task Dispatch_Sms_PostsTheMessageFormWithBasicAuthAndKeepsTheSid()
    {
        var queued = await DeliveryKit.QueueSmsAsync(_core);

        Assert.Equal(1, await _core.Get<OutboxDispatcher>().DispatchDueAsync(default));

        var request = Assert.Single(_sms.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{AccountSid}/Messages.json", request.Path);
        Assert.Equal($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"))}", request.Authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        var form = QueryHelpers.ParseQuery(request.Body);
        Assert.Equal(["Body", "From", "To"], form.Keys.Order());
        Assert.Equal("+15551230001", form["To"]);
        Assert.Equal("+15550009999", form["From"]);
        Assert.Equal("Your technician is on the way.", form["Body"]);
        var sent = await DeliveryKit.ReadAsync(_core, queued.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal("SMfake1", sent.ProviderMessageId);
    }

    [Fact]
    public async Task Dispatch_InvalidNumber_FailsAtOnceWithTheProvidersReason()
    {
        _sms.AnswerNext(new ProviderAnswer(400,
            """{"code":21211,"message":"The 'To' number +1555 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}"""));
        var queued = await DeliveryKit.QueueSmsAsync(_core, "+1555");

        await _core.Get<OutboxDispatcher>().DispatchDueAsync(default);

        var failed = await DeliveryKit.ReadAsync(_core, queued.Id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal("SMS provider 400: The 'To' number +1555 is not a valid phone number. (code 21211)", failed.LastError);
    }

    [Fact]
    public async Task Dispatch_NoEmailProvider_LeavesEmailsInTheOutbox()
    {
        var email = await DeliveryKit.QueueEmailAsync(_core);
        var sms = await DeliveryKit.QueueSmsAsync(_core);

        Assert.Equal(1, await _core.Get<OutboxDispatcher>().DispatchDueAsync(default));

        var kept = await DeliveryKit.ReadAsync(_core, email.Id);
        Assert.Equal(OutboxStatus.Pending, kept.Status);
        Assert.Equal(0, kept.Attempts);
        Assert.Equal("", kept.LeaseOwner);
        Assert.Equal(OutboxStatus.Sent, (await DeliveryKit.ReadAsync(_core, sms.Id)).Status);
        Assert.False(_core.Get<OutboxService>().Delivers(Core.Templates.MessageChannel.Email));
    }
}
