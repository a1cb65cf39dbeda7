using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Core.Payments;

public enum PaymentProcessorKind
{
    /// <summary>Stripe when a secret key is configured, otherwise the simulated processor.</summary>
    Auto,
    Simulated,
    Stripe,
}

/// <summary>Card payments. Section <c>Payments</c> in appsettings; Stripe keys from configuration or the environment, never the database.</summary>
public sealed class PaymentsOptions : IValidatableObject
{
    public const string Section = "Payments";

    public PaymentProcessorKind Processor { get; set; } = PaymentProcessorKind.Auto;

    public StripeKeys Stripe { get; set; } = new();

    /// <summary>
    /// How long a started card payment blocks another one for the same invoice or deposit (two tabs). After that an
    /// abandoned one no longer blocks; if it still succeeds, the surplus goes to credit and is flagged.
    /// </summary>
    [Range(1, 24 * 60)]
    public int PendingPaymentMinutes { get; set; } = 30;

    public PaymentProcessorKind Effective =>
        Processor != PaymentProcessorKind.Auto ? Processor
        : string.IsNullOrWhiteSpace(Stripe.SecretKey) ? PaymentProcessorKind.Simulated : PaymentProcessorKind.Stripe;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Effective == PaymentProcessorKind.Stripe)
            yield return new ValidationResult(
                "Payments: Stripe is not connected in this version yet. Remove Payments:Stripe:SecretKey or set Payments:Processor to Simulated.",
                [nameof(Processor)]);
    }
}

/// <summary>Stripe's keys. Only the publishable key may reach a browser.</summary>
public sealed class StripeKeys
{
    public string SecretKey { get; set; } = "";
    public string PublishableKey { get; set; } = "";
    public string WebhookSecret { get; set; } = "";
}
