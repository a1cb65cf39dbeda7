using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Payments;

/// <summary>The states of a processor's payment intent (Stripe's PaymentIntent statuses).</summary>
public enum ProcessorIntentStatus
{
    /// <summary>No card yet, or the last card was declined (then <see cref="ProcessorIntent.FailureMessage"/> says why).</summary>
    RequiresPaymentMethod,
    RequiresConfirmation,

    /// <summary>The customer must finish a step such as 3-D Secure at <see cref="ProcessorIntent.NextActionUrl"/>.</summary>
    RequiresAction,
    Processing,
    Succeeded,
    Canceled,
}

public static class ProcessorIntentStatuses
{
    /// <summary>The processor's own word for a status, e.g. requires_action, as staff see it.</summary>
    public static string Of(ProcessorIntentStatus status) => status switch
    {
        ProcessorIntentStatus.RequiresPaymentMethod => "requires_payment_method",
        ProcessorIntentStatus.RequiresConfirmation => "requires_confirmation",
        ProcessorIntentStatus.RequiresAction => "requires_action",
        ProcessorIntentStatus.Processing => "processing",
        ProcessorIntentStatus.Succeeded => "succeeded",
        _ => "canceled",
    };
}

/// <summary>A card as the processor describes it; the number itself never reaches this app.</summary>
public sealed record CardDetails(string Brand, string Last4, int ExpMonth, int ExpYear)
{
    public string Reference => $"{Brand} ending {Last4}";
}

/// <summary>A saved card of a processor customer.</summary>
public sealed record SavedCard(string Id, CardDetails Card, bool IsDefault);

/// <summary>A payment intent: amount in minor units, its status, and what the browser needs to go on (client secret, next step).</summary>
public sealed record ProcessorIntent(
    string Id, long AmountMinor, string Currency, ProcessorIntentStatus Status, string ClientSecret, string? NextActionUrl,
    string FailureMessage, CardDetails? Card, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// A request to create a payment intent. <see cref="IdempotencyKey"/> is stored with the payment before the first
/// call, so a retry after a lost response gets the same intent back.
/// </summary>
public sealed record CreateIntentRequest(
    long AmountMinor, string Currency, string? ProcessorCustomerId, IReadOnlyDictionary<string, string> Metadata, string IdempotencyKey,
    bool SaveCardForLater = false);

public sealed record ProcessorRefund(string Id, string IntentId, long AmountMinor, bool Succeeded, string FailureMessage);

/// <summary>A SetupIntent: the browser adds a card to the customer with its client secret.</summary>
public sealed record ProcessorSetup(string Id, string ClientSecret, bool Succeeded);

/// <summary>
/// A card payment processor, shaped like Stripe's API so Stripe.net fits behind it. Amounts are minor units (see
/// <see cref="MoneyUnits"/>). Refusals (a declined card, an unknown card) come back as results; a lost or failed
/// connection throws, and the caller retries with the same idempotency key.
/// </summary>
public interface IPaymentProcessor
{
    /// <summary>"Simulated" or "Stripe".</summary>
    string Name { get; }

    /// <summary>True when no real money moves (the simulated processor, Stripe test keys): pages show a test-mode banner.</summary>
    bool IsTestMode { get; }

    /// <summary>
    /// The processor account its customers belong to, stored with each <see cref="ProcessorCustomer"/>: Stripe's
    /// test-mode customers do not exist for live keys, so switching keys starts new ones instead of using missing ones.
    /// </summary>
    string CustomerScope => Name;

    Task<Result<ProcessorIntent>> CreateIntentAsync(CreateIntentRequest request, CancellationToken ct);

    /// <summary>The intent as the processor has it now: the server-side truth about whether money was received.</summary>
    Task<Result<ProcessorIntent>> GetIntentAsync(string intentId, CancellationToken ct);

    /// <summary>Confirms an intent with a payment method (a saved card, or one the processor's browser form made).</summary>
    Task<Result<ProcessorIntent>> ConfirmIntentAsync(string intentId, string paymentMethodId, CancellationToken ct);

    Task<Result<ProcessorRefund>> RefundAsync(string intentId, long amountMinor, string idempotencyKey, CancellationToken ct);

    /// <summary>Creates the processor's customer record for one of ours (Stripe Customer); returns its id.</summary>
    Task<Result<string>> CreateCustomerAsync(string name, string email, string idempotencyKey, CancellationToken ct);

    Task<Result<ProcessorSetup>> CreateSetupAsync(string processorCustomerId, string idempotencyKey, CancellationToken ct);

    Task<Result<IReadOnlyList<SavedCard>>> ListCardsAsync(string processorCustomerId, CancellationToken ct);

    Task<Result> DetachCardAsync(string processorCustomerId, string cardId, CancellationToken ct);

    Task<Result> SetDefaultCardAsync(string processorCustomerId, string cardId, CancellationToken ct);
}
