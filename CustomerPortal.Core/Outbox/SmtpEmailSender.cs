using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CustomerPortal.Core.Outbox;

/// <summary>Sends e-mail to an SMTP server with MailKit: one connection per message, signed in when a user name is set.</summary>
public sealed class SmtpEmailSender(IOptions<DeliveryOptions> options) : IEmailSender
{
    public async Task<SendOutcome> SendAsync(OutboxMessage message, SenderAddress from, CancellationToken ct)
    {
        var delivery = options.Value;
        var settings = delivery.Smtp;
        var mime = Compose(message, from);
        using var client = new SmtpClient { Timeout = (int)delivery.SendTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, SocketOptions(settings.Security), ct);
            if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password, ct);
            await client.SendAsync(mime, ct);
            await client.DisconnectAsync(quit: true, ct);
            return SendOutcome.Sent(mime.MessageId ?? "");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (SmtpCommandException ex)
        {
            // SMTP's own rule: a 5xx reply is permanent (no such mailbox, refused), a 4xx one temporary.
            var reason = $"SMTP {(int)ex.StatusCode}: {ex.Message}";
            return (int)ex.StatusCode >= 500 ? SendOutcome.Refused(reason) : SendOutcome.Retry(reason);
        }
        catch (AuthenticationException ex)
        {
            return SendOutcome.Refused($"The SMTP server refused the user name or password: {ex.Message}");
        }
        catch (Exception ex)
        {
            return SendOutcome.Retry($"The SMTP server could not be reached or dropped the connection: {ex.Message}");
        }
    }

    internal static MimeMessage Compose(OutboxMessage message, SenderAddress from)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(from.Name, from.Address));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        if (!string.IsNullOrEmpty(message.ReplyToAddress)) mime.ReplyTo.Add(MailboxAddress.Parse(message.ReplyToAddress));
        mime.Subject = message.Subject;
        // One id per outbox row, so a copy sent again after a crash mid-send is recognisably the same message.
        var domain = from.Address[(from.Address.LastIndexOf('@') + 1)..];
        mime.MessageId = $"outbox-{message.Id.ToString(CultureInfo.InvariantCulture)}-{message.CreatedAtUtc.Ticks.ToString(CultureInfo.InvariantCulture)}@{domain}";
        if (!string.IsNullOrEmpty(message.UnsubscribeUrl))
        {
            mime.Headers.Add("List-Unsubscribe", $"<{message.UnsubscribeUrl}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var body = new BodyBuilder { TextBody = message.Body };
        if (!string.IsNullOrEmpty(message.HtmlBody)) body.HtmlBody = message.HtmlBody;
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
