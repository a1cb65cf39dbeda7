using System.Buffers;
using System.Collections.Concurrent;
using CustomerPortal.Core.Outbox;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CustomerPortal.Tests.Outbox;

public sealed class SmtpDeliveryTests : IAsyncLifetime, IDisposable
{
    private readonly ReceivedMail _received = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _server = Task.CompletedTask;
    private CoreServices _core = null!;

    public async Task InitializeAsync()
    {
        var port = PortalAppFactory.FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port)).AllowUnsecureAuthentication(true).AuthenticationRequired(true))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add((IMessageStore)_received);
        services.Add((IUserAuthenticator)_received);
        services.Add((IMailboxFilter)_received);
        _server = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        _core = await DeliveryKit.StartAsync(new()
        {
            ["Delivery:EmailProvider"] = "Smtp",
            ["Delivery:Smtp:Host"] = "127.0.0.1",
            ["Delivery:Smtp:Port"] = port.ToString(),
            ["Delivery:Smtp:Security"] = "None",
            ["Delivery:Smtp:UserName"] = "mailer",
            ["Delivery:Smtp:Password"] = "smtp-secret",
            ["Delivery:FromAddress"] = DeliveryKit.From,
            ["Delivery:FromName"] = DeliveryKit.FromName,
        });
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        await _stop.CancelAsync();
        try { await _server; }
        catch (OperationCanceledException) { /* stopped */ }
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task Dispatch_Email_ReachesTheSmtpServerWithBothPartsAndTheListHeaders()
    {
        var queued = await DeliveryKit.QueueEmailAsync(_core, shape: m => m
            .SendRepliesTo("reply+t9@replies.brightwater.test")
            .OfferUnsubscribe("http://127.0.0.1:5252/unsubscribe/xyz", marketing: true));

        Assert.Equal(1, await _core.Get<OutboxDispatcher>().DispatchDueAsync(default));

        var (envelopeTo, mail) = Assert.Single(_received.Messages);
        Assert.Equal("olivia@example.test", envelopeTo);
        Assert.Equal(("mailer", "smtp-secret"), Assert.Single(_received.SignIns));
        Assert.Equal(DeliveryKit.From, ((MailboxAddress)mail.From.Single()).Address);
        Assert.Equal(DeliveryKit.FromName, mail.From.Single().Name);
        Assert.Equal("Olivia Martinez", mail.To.Single().Name);
        Assert.Equal("reply+t9@replies.brightwater.test", ((MailboxAddress)mail.ReplyTo.Single()).Address);
        Assert.Equal("Your invoice INV-1001", mail.Subject);
        Assert.Equal("Hello Olivia", mail.TextBody!.Trim());
        Assert.Equal("<p>Hello <b>Olivia</b></p>", mail.HtmlBody!.Trim());
        Assert.Equal("<http://127.0.0.1:5252/unsubscribe/xyz>", mail.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var sent = await DeliveryKit.ReadAsync(_core, queued.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(mail.MessageId, sent.ProviderMessageId);
    }

    [Fact]
    public async Task Dispatch_MailboxRefused_FailsAtOnceWithTheServersReply()
    {
        var queued = await DeliveryKit.QueueEmailAsync(_core, ReceivedMail.RefusedAddress);

        await _core.Get<OutboxDispatcher>().DispatchDueAsync(default);

        var failed = await DeliveryKit.ReadAsync(_core, queued.Id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.StartsWith("SMTP 550:", failed.LastError);
        Assert.Empty(_received.Messages);
    }

    /// <summary>The test SMTP server's mailbox: keeps what arrives, checks the sign-in and refuses one address.</summary>
    private sealed class ReceivedMail : MessageStore, IUserAuthenticator, IMailboxFilter
    {
        public const string RefusedAddress = "nobody@refused.test";

        public ConcurrentQueue<(string To, MimeMessage Mail)> Messages { get; } = new();
        public ConcurrentQueue<(string User, string Password)> SignIns { get; } = new();

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue((transaction.To.Single().AsAddress(), MimeMessage.Load(stream, cancellationToken)));
            return Task.FromResult(SmtpResponse.Ok);
        }

        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
        {
            SignIns.Enqueue((user, password));
            return Task.FromResult(user == "mailer" && password == "smtp-secret");
        }

        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(to.AsAddress() != RefusedAddress);
    }
}
