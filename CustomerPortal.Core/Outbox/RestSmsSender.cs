using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Outbox;

/// <summary>
/// Sends text messages through a Twilio-style REST API: POST {ApiBase}/2010-04-01/Accounts/{AccountSid}/Messages.json
/// with a form body (To, From, Body) and HTTP basic auth (Account SID, Auth Token). A typed HttpClient.
/// </summary>
public sealed class RestSmsSender(HttpClient http, IOptions<DeliveryOptions> options) : ISmsSender
{
    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var settings = options.Value.Sms;
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{settings.ApiBase.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/Messages.json")
        {
            Content = new FormUrlEncodedContent([new("To", message.ToAddress), new("From", settings.FromNumber), new("Body", message.Body)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return SendOutcome.Sent(Read(body, "sid") ?? "");
            var reason = Read(body, "message") is { } text
                ? Read(body, "code") is { } code ? $"{text} (code {code})" : text
                : string.IsNullOrWhiteSpace(body) ? "no reason given" : body.Trim();
            return SendOutcome.FromHttpFailure(status, $"SMS provider {status}: {reason}");
        }
        catch (HttpRequestException ex)
        {
            return SendOutcome.Retry($"The SMS provider could not be reached: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendOutcome.Retry("The SMS provider did not answer in time.");
        }
    }

    private static string? Read(string body, string property)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(property, out var value)
                   && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? value.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
