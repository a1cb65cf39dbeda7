using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace CustomerPortal.Core.Outbox;

/// <summary>Sends e-mail through SendGrid's v3 mail/send API with the SendGrid package, its host taken from Delivery:SendGrid:ApiBase.</summary>
public sealed class SendGridEmailSender(IHttpClientFactory httpFactory, IOptions<DeliveryOptions> options) : IEmailSender
{
    public const string HttpClientName = "SendGrid";

    public async Task<SendOutcome> SendAsync(OutboxMessage message, SenderAddress from, CancellationToken ct)
    {
        var settings = options.Value.SendGrid;
        var client = new SendGridClient(httpFactory.CreateClient(HttpClientName),
            new SendGridClientOptions { ApiKey = settings.ApiKey, Host = settings.ApiBase.TrimEnd('/') });
        Response response;
        try
        {
            response = await client.SendEmailAsync(Compose(message, from), ct);
        }
        catch (HttpRequestException ex)
        {
            return SendOutcome.Retry($"SendGrid could not be reached: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendOutcome.Retry("SendGrid did not answer in time.");
        }

        if (response.IsSuccessStatusCode)
            return SendOutcome.Sent(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() ?? "" : "");
        var status = (int)response.StatusCode;
        var body = await response.Body.ReadAsStringAsync(ct);
        return SendOutcome.FromHttpFailure(status, $"SendGrid {status}: {ErrorText(body)}");
    }

    internal static SendGridMessage Compose(OutboxMessage message, SenderAddress from)
    {
        var mail = new SendGridMessage
        {
            From = new EmailAddress(from.Address, NullIfEmpty(from.Name)),
            Subject = message.Subject,
            PlainTextContent = message.Body,
            HtmlContent = NullIfEmpty(message.HtmlBody),
        };
        mail.AddTo(new EmailAddress(message.ToAddress, NullIfEmpty(message.ToName)));
        if (!string.IsNullOrEmpty(message.ReplyToAddress)) mail.SetReplyTo(new EmailAddress(message.ReplyToAddress));
        if (!string.IsNullOrEmpty(message.UnsubscribeUrl))
        {
            mail.Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{message.UnsubscribeUrl}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            };
        }
        // Lets the activity feed (and anyone reading a duplicate) tie the e-mail to its outbox row.
        mail.CustomArgs = new Dictionary<string, string> { ["outbox_id"] = message.Id.ToString(CultureInfo.InvariantCulture) };
        return mail;
    }

    /// <summary>SendGrid's reasons ({"errors":[{"message","field"}]}) as one line, or the body itself when it is not that shape.</summary>
    internal static string ErrorText(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                var reasons = errors.EnumerateArray()
                    .Select(e => (Message: e.TryGetProperty("message", out var m) ? m.ToString() : "",
                        Field: e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null))
                    .Where(e => e.Message.Length > 0)
                    .Select(e => e.Field is { Length: > 0 } field ? $"{e.Message} ({field})" : e.Message)
                    .ToList();
                if (reasons.Count > 0) return string.Join("; ", reasons);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the text itself is the best reason there is.
        }
        return string.IsNullOrWhiteSpace(body) ? "no reason given" : body.Trim();
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
