using System.Globalization;
using CustomerPortal.Core.Common;
using Stripe;

namespace CustomerPortal.Core.Payments.Stripe;

/// <summary>
/// Applies a verified Stripe event (the web layer checks its signature) through <see cref="CardPaymentService"/>:
/// payment_intent.* events change the payment's status, refund events and charge.refunded record refunds made at
/// Stripe, charge.dispute.created flags the payment for staff. Each event id is applied once; other event types and
/// events about payments that are not ours are acknowledged and change nothing.
/// </summary>
public sealed class StripeEvents(CardPaymentService cards, IPaymentProcessor processor)
{
    /// <summary>The event types the app acts on; README tells which to subscribe the webhook to.</summary>
    public static readonly IReadOnlyList<string> Handled =
    [
        "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.processing", "payment_intent.canceled",
        "payment_intent.requires_action", "charge.refunded", "refund.created", "refund.updated", "charge.dispute.created",
    ];

    /// <summary>Records the event; Success with a message saying what was done, or that it was not for us (still a success: Stripe need not send it again).</summary>
    public async Task<Result> RecordAsync(Event stripeEvent, CancellationToken ct)
    {
        switch (stripeEvent.Data?.Object)
        {
            case PaymentIntent intent when stripeEvent.Type.StartsWith("payment_intent.", StringComparison.Ordinal):
                return Answer(await cards.RecordProcessorEventAsync(
                    new ProcessorEvent(stripeEvent.Id, stripeEvent.Type, await WithCardAsync(StripePaymentProcessor.ToIntent(intent), ct)), ct));

            case global::Stripe.Refund refund when stripeEvent.Type is "refund.created" or "refund.updated" && refund.PaymentIntentId is { } intentId:
                return Answer(await cards.RecordProcessorEventAsync(
                    new ProcessorEvent(stripeEvent.Id, stripeEvent.Type, IntentOnly(intentId, refund.Amount, refund.Currency),
                        StripePaymentProcessor.ToRefund(refund)), ct));

            case Charge charge when stripeEvent.Type == "charge.refunded" && charge.PaymentIntentId is { } intentId:
            {
                // The charge lists its refunds only when the API version includes them; refund.* events carry each one anyway.
                // One receipt per refund, so a second refund of the same charge is not mistaken for a redelivery.
                var results = new List<Result>();
                foreach (var refund in charge.Refunds?.Data ?? [])
                    results.Add(await cards.RecordProcessorEventAsync(new ProcessorEvent($"{stripeEvent.Id}/{refund.Id}", stripeEvent.Type,
                        IntentOnly(intentId, charge.Amount, charge.Currency), StripePaymentProcessor.ToRefund(refund) with { IntentId = intentId }), ct));
                return results.FirstOrDefault(r => !r.Succeeded && r.Kind != ResultKind.NotFound) ?? Result.Success($"{results.Count} refund(s) seen.");
            }

            case Dispute dispute when stripeEvent.Type == "charge.dispute.created" && dispute.PaymentIntentId is { } intentId:
            {
                var amount = MoneyUnits.FromMinorUnits(dispute.Amount, dispute.Currency)
                    .ToString($"F{MoneyUnits.DecimalsOf(dispute.Currency)}", CultureInfo.InvariantCulture);
                var note = $"The customer disputed {amount} {dispute.Currency.ToUpperInvariant()} with their card issuer (reason: " +
                           $"{dispute.Reason?.Replace('_', ' ') ?? "not given"}). Answer it in Stripe's dashboard before its deadline.";
                return Answer(await cards.RecordDisputeAsync(
                    new ProcessorEvent(stripeEvent.Id, stripeEvent.Type, IntentOnly(intentId, dispute.Amount, dispute.Currency)), note, ct));
            }

            default:
                return Result.Success("Not an event this app acts on.");
        }
    }

    /// <summary>
    /// An event names its charge only by id, so a success carries no card; Stripe is asked for the intent with its
    /// charge, so staff see which card paid. A lost answer throws: the webhook then fails and Stripe sends it again.
    /// </summary>
    private async Task<ProcessorIntent> WithCardAsync(ProcessorIntent intent, CancellationToken ct)
    {
        if (intent.Status != ProcessorIntentStatus.Succeeded || intent.Card is not null) return intent;
        var current = await processor.GetIntentAsync(intent.Id, ct);
        return current is { Succeeded: true, Value: { Status: ProcessorIntentStatus.Succeeded, Card: { } card } } ? intent with { Card = card } : intent;
    }

    private static Result Answer(Result<CardPaymentOutcome> recorded) =>
        recorded.Succeeded ? Result.Success(recorded.Value!.Message)
        : recorded.Kind == ResultKind.NotFound ? Result.Success("Not one of our payments.")
        : recorded;

    /// <summary>The intent an event names when it carries another object (a refund, a dispute): enough to find our payment.</summary>
    private static ProcessorIntent IntentOnly(string intentId, long amountMinor, string currency) =>
        new(intentId, amountMinor, currency, ProcessorIntentStatus.Succeeded, "", null, "", null, new Dictionary<string, string>());
}
