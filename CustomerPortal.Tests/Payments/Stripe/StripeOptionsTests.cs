using System.ComponentModel.DataAnnotations;
using CustomerPortal.Core.Payments;

namespace CustomerPortal.Tests.Payments.Stripe;

public sealed class StripeOptionsTests
{
    [Theory]
    [InlineData(PaymentProcessorKind.Auto, "", "", "", "")]
    [InlineData(PaymentProcessorKind.Simulated, "sk_live_x", "", "", "")]
    [InlineData(PaymentProcessorKind.Auto, "sk_test_x", "pk_test_x", "whsec_x", "")]
    [InlineData(PaymentProcessorKind.Stripe, "sk_live_x", "pk_live_x", "whsec_x", "")]
    [InlineData(PaymentProcessorKind.Auto, "sk_test_x", "", "",
        "Payments: Stripe needs Payments:Stripe:PublishableKey, Payments:Stripe:WebhookSecret (see README, \"Connecting Stripe\"), or set Payments:Processor to Simulated.")]
    [InlineData(PaymentProcessorKind.Stripe, "", "pk_test_x", "whsec_x",
        "Payments: Stripe needs Payments:Stripe:SecretKey (see README, \"Connecting Stripe\"), or set Payments:Processor to Simulated.")]
    public void Validate_StripeNeedsAllThreeKeys(PaymentProcessorKind processor, string secret, string publishable, string webhook, string expected)
    {
        var options = new PaymentsOptions
        {
            Processor = processor, Stripe = new StripeKeys { SecretKey = secret, PublishableKey = publishable, WebhookSecret = webhook },
        };
        var errors = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);

        Assert.Equal(expected, string.Join(" ", errors.Select(e => e.ErrorMessage)));
    }

    [Fact]
    public void Validate_ApiBaseMustBeAnAddress()
    {
        var options = new PaymentsOptions
        {
            Processor = PaymentProcessorKind.Stripe,
            Stripe = new StripeKeys { SecretKey = "sk_test_x", PublishableKey = "pk_test_x", WebhookSecret = "whsec_x", ApiBase = "api.stripe.com" },
        };
        var errors = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);

        Assert.Equal("Payments:Stripe:ApiBase must be an absolute http(s) address.", Assert.Single(errors).ErrorMessage);
    }
}
