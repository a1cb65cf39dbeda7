namespace CustomerPortal.Web.Payments;

/// <summary>
/// What a card form works on: the processor's client secret of a payment (or, with <see cref="IsSetup"/>, of a card
/// setup whose id is <see cref="SetupId"/>) and where the processor's form sends the browser after a redirect.
/// </summary>
public sealed record CardEntryTarget(string ClientSecret, string ReturnUrl, bool IsSetup, string? SetupId = null);

/// <summary>
/// What a card form reports: a payment method the page confirms with (the simulated form), or that the processor's own
/// form confirmed in the browser (Stripe; the page then asks the processor server-side), or why it could not.
/// </summary>
public sealed record CardEntryResult(string? PaymentMethodId, bool ConfirmedByProcessorForm, string? Error);
