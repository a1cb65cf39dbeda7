using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Payments.Stripe;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Stripe;

namespace CustomerPortal.Web.Payments;

/// <summary>
/// Stripe's webhook. The raw body is checked against the Stripe-Signature header with the webhook secret, and its
/// timestamp must be at most <see cref="ToleranceSeconds"/> old (a replayed delivery is refused). A verified event is
/// answered 200 whether it was applied, already applied before, or not about us, so Stripe stops sending it; 400 only
/// for a request that is not a valid signed event. In simulated mode the address does not exist.
/// </summary>
public static class StripeWebhookEndpoints
{
    public const string Path = "/webhooks/stripe";
    public const int MaxBodyBytes = 256 * 1024;
    public const long ToleranceSeconds = 300;

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, IOptions<PaymentsOptions> options, StripeEvents events,
        ILogger<StripeEvents> log)
    {
        // A machine reads these answers: no re-executed "not found" page.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
        if (options.Value.Effective != PaymentProcessorKind.Stripe) return Results.NotFound();

        var body = await ReadCappedAsync(context.Request, context.RequestAborted);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(body, context.Request.Headers["Stripe-Signature"].ToString(), options.Value.Stripe.WebhookSecret,
                ToleranceSeconds, throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is StripeException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            log.LogWarning("Refused a Stripe webhook delivery: {Reason}", e.Message);
            return Results.BadRequest();
        }

        var recorded = await events.RecordAsync(stripeEvent, context.RequestAborted);
        if (!recorded.Succeeded)
            log.LogWarning("Stripe event {EventId} ({Type}) changed nothing: {Message}", stripeEvent.Id, stripeEvent.Type, recorded.Message);
        return Results.Ok();
    }

    /// <summary>The body as text, or null when it is longer than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<string?> ReadCappedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
