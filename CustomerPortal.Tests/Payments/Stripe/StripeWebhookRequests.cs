using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CustomerPortal.Web.Payments;

namespace CustomerPortal.Tests.Payments.Stripe;

/// <summary>Stripe's webhook calls as Stripe makes them: an event's JSON and its signed POST to the app.</summary>
public static class StripeWebhookRequests
{
    public static async Task<HttpStatusCode> PostAsync(HttpClient http, string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, StripeWebhookEndpoints.Path.TrimStart('/'))
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        if (signature is not null) request.Headers.Add("Stripe-Signature", signature);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    public static string NewEventId() => $"evt_{Guid.NewGuid():N}";

    /// <summary>An event as Stripe sends it to a webhook endpoint.</summary>
    public static string Event(string id, string type, JsonObject data) => new JsonObject
    {
        ["id"] = id, ["object"] = "event", ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["livemode"] = false, ["pending_webhooks"] = 1, ["type"] = type,
        ["data"] = new JsonObject { ["object"] = data.DeepClone() },
    }.ToJsonString();
}
