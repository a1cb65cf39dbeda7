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
        if (Effective != PaymentProcessorKind.Stripe) yield break;
        var missing = new[]
            {
                (nameof(StripeKeys.SecretKey), Stripe.SecretKey), (nameof(StripeKeys.PublishableKey), Stripe.PublishableKey),
                (nameof(StripeKeys.WebhookSecret), Stripe.WebhookSecret),
            }
            .Where(k => string.IsNullOrWhiteSpace(k.Item2)).Select(k => $"Payments:Stripe:{k.Item1}").ToList();
        if (missing.Count > 0)
            yield return new ValidationResult(
                $"Payments: Stripe needs {string.Join(", ", missing)} (see README, \"Connecting Stripe\"), or set Payments:Processor to Simulated.",
                [nameof(Stripe)]);
        if (!Uri.TryCreate(Stripe.ApiBase, UriKind.Absolute, out var apiBase) || apiBase.Scheme is not ("https" or "http"))
            yield return new ValidationResult("Payments:Stripe:ApiBase must be an absolute http(s) address.", [nameof(Stripe)]);
    }
}

/// <summary>Stripe's keys. Only the publishable key may reach a browser.</summary>
public sealed class StripeKeys
{
    public string SecretKey { get; set; } = "";
    public string PublishableKey { get; set; } = "";
    public string WebhookSecret { get; set; } = "";

    /// <summary>Stripe's API address; tests point it at a local fake.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";
}
