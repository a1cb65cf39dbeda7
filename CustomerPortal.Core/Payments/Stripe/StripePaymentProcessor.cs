using CustomerPortal.Core.Common;
using Stripe;
using StripeCard = Stripe.PaymentMethod;

namespace CustomerPortal.Core.Payments.Stripe;

/// <summary>
/// Stripe behind <see cref="IPaymentProcessor"/>, through Stripe.net. Every create call carries the caller's
/// idempotency key. Stripe's refusals (a declined card, an unknown id, a reused key) become results with a readable
/// message; a lost connection or a Stripe outage throws <see cref="HttpRequestException"/>, so the caller retries with
/// the same key. This is the one place that turns Stripe's errors into results.
/// </summary>
public sealed class StripePaymentProcessor(IStripeClient client, bool isTestMode, string returnUrl) : IPaymentProcessor
{
    public const string ProcessorName = "Stripe";

    /// <summary>The portal page Stripe sends a customer back to after a 3-D Secure step for a saved card; the webhook records the money.</summary>
    public const string ReturnPath = "/portal/payments";

    public string Name => ProcessorName;
    public bool IsTestMode => isTestMode;
    public string CustomerScope => isTestMode ? "Stripe test" : "Stripe";

    /// <summary>A processor on Stripe's API at <see cref="StripeKeys.ApiBase"/>; test mode when the secret key is a test key.</summary>
    /// <param name="returnUrl">Where Stripe sends the customer back after a 3-D Secure step of a card confirmed on the server (a saved card).</param>
    /// <param name="maxNetworkRetries">Stripe.net's own retries of a failed connection (with the same idempotency key) before the error reaches the caller.</param>
    public static StripePaymentProcessor Create(StripeKeys keys, string returnUrl, HttpClient? httpClient = null, int maxNetworkRetries = 2)
    {
        var options = new StripeClientOptions
        {
            ApiKey = keys.SecretKey,
            ApiBase = keys.ApiBase.TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(httpClient ?? new HttpClient(), maxNetworkRetries),
        };
        return new StripePaymentProcessor(new StripeClient(options), keys.SecretKey.StartsWith("sk_test_", StringComparison.Ordinal), returnUrl);
    }

    private static readonly List<string> IntentExpansions = ["latest_charge", "payment_method"];

    public Task<Result<ProcessorIntent>> CreateIntentAsync(CreateIntentRequest request, CancellationToken ct) => CallAsync(async () =>
    {
        var options = new PaymentIntentCreateOptions
        {
            Amount = request.AmountMinor,
            Currency = request.Currency.ToLowerInvariant(),
            Customer = request.ProcessorCustomerId,
            Metadata = new Dictionary<string, string>(request.Metadata),
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
            SetupFutureUsage = request.SaveCardForLater && request.ProcessorCustomerId is not null ? "off_session" : null,
        };
        return ToIntent(await new PaymentIntentService(client).CreateAsync(options, Key(request.IdempotencyKey), ct));
    });

    public Task<Result<ProcessorIntent>> GetIntentAsync(string intentId, CancellationToken ct) => CallAsync(async () =>
        ToIntent(await new PaymentIntentService(client).GetAsync(intentId, new PaymentIntentGetOptions { Expand = IntentExpansions }, null, ct)));

    public async Task<Result<ProcessorIntent>> ConfirmIntentAsync(string intentId, string paymentMethodId, CancellationToken ct)
    {
        var options = new PaymentIntentConfirmOptions
        {
            PaymentMethod = paymentMethodId,
            // A 3-D Secure step then comes back as a page to send the customer to, not as something only Stripe.js can do.
            ReturnUrl = returnUrl,
            UseStripeSdk = false,
            Expand = IntentExpansions,
        };
        try
        {
            return ToIntent(await new PaymentIntentService(client).ConfirmAsync(intentId, options, null, ct));
        }
        catch (StripeException e) when (!IsNoAnswer(e) && e.StripeError?.PaymentIntent is { } declined)
        {
            // A decline is an answer: the intent is back at requires_payment_method with the reason in last_payment_error.
            return ToIntent(declined);
        }
        catch (StripeException e) when (IsNoAnswer(e))
        {
            throw NoAnswer(e);
        }
        catch (StripeException e)
        {
            return Result<ProcessorIntent>.From(Refusal(e));
        }
    }

    public Task<Result<ProcessorRefund>> RefundAsync(string intentId, long amountMinor, string idempotencyKey, CancellationToken ct) => CallAsync(async () =>
    {
        var refund = await new RefundService(client).CreateAsync(
            new RefundCreateOptions { PaymentIntent = intentId, Amount = amountMinor }, Key(idempotencyKey), ct);
        return ToRefund(refund);
    });

    public Task<Result<string>> CreateCustomerAsync(string name, string email, string idempotencyKey, CancellationToken ct) => CallAsync(async () =>
    {
        var customer = await new CustomerService(client).CreateAsync(
            new CustomerCreateOptions { Name = name, Email = string.IsNullOrWhiteSpace(email) ? null : email }, Key(idempotencyKey), ct);
        return customer.Id;
    });

    public Task<Result<ProcessorSetup>> CreateSetupAsync(string processorCustomerId, string idempotencyKey, CancellationToken ct) => CallAsync(async () =>
    {
        var options = new SetupIntentCreateOptions
        {
            Customer = processorCustomerId,
            Usage = "off_session",
            AutomaticPaymentMethods = new SetupIntentAutomaticPaymentMethodsOptions { Enabled = true },
        };
        var setup = await new SetupIntentService(client).CreateAsync(options, Key(idempotencyKey), ct);
        return new ProcessorSetup(setup.Id, setup.ClientSecret, setup.Status == "succeeded");
    });

    public Task<Result<IReadOnlyList<SavedCard>>> ListCardsAsync(string processorCustomerId, CancellationToken ct) => CallAsync(async () =>
    {
        var customer = await new CustomerService(client).GetAsync(processorCustomerId, null, null, ct);
        var preferred = customer.InvoiceSettings?.DefaultPaymentMethodId;
        var methods = await new PaymentMethodService(client).ListAsync(
            new PaymentMethodListOptions { Customer = processorCustomerId, Type = "card", Limit = 100 }, null, ct);
        IReadOnlyList<SavedCard> cards = methods.Data.Where(m => m.Card is not null)
            .Select(m => new SavedCard(m.Id, ToCard(m.Card), m.Id == preferred)).ToList();
        return cards;
    });

    public async Task<Result> DetachCardAsync(string processorCustomerId, string cardId, CancellationToken ct)
    {
        var owned = await CardOfAsync(processorCustomerId, cardId, ct);
        if (!owned.Succeeded) return owned;
        return await CallAsync(async () =>
        {
            await new PaymentMethodService(client).DetachAsync(cardId, null, null, ct);
            return true;
        });
    }

    public async Task<Result> SetDefaultCardAsync(string processorCustomerId, string cardId, CancellationToken ct)
    {
        var owned = await CardOfAsync(processorCustomerId, cardId, ct);
        if (!owned.Succeeded) return owned;
        return await CallAsync(async () =>
        {
            var options = new CustomerUpdateOptions { InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = cardId } };
            await new CustomerService(client).UpdateAsync(processorCustomerId, options, null, ct);
            return true;
        });
    }

    /// <summary>Our view of a Stripe PaymentIntent (its card from the latest charge or the payment method, when expanded).</summary>
    public static ProcessorIntent ToIntent(PaymentIntent intent)
    {
        var card = intent.LatestCharge?.PaymentMethodDetails?.Card is { } charged
            ? new CardDetails(BrandName(charged.Brand), charged.Last4, (int)charged.ExpMonth, (int)charged.ExpYear)
            : intent.PaymentMethod?.Card is { } method ? ToCard(method) : null;
        var status = StatusOf(intent.Status);
        var failure = status == ProcessorIntentStatus.RequiresPaymentMethod && intent.LastPaymentError is { } error ? FailureText(error) : "";
        return new ProcessorIntent(intent.Id, intent.Amount, intent.Currency ?? "", status, intent.ClientSecret ?? "",
            status == ProcessorIntentStatus.RequiresAction ? intent.NextAction?.RedirectToUrl?.Url : null, failure, card,
            intent.Metadata ?? new Dictionary<string, string>());
    }

    public static ProcessorRefund ToRefund(global::Stripe.Refund refund) => new(refund.Id, refund.PaymentIntentId ?? "", refund.Amount,
        refund.Status is "succeeded" or "pending", refund.Status is "failed" or "canceled" ? $"The refund {refund.Status} ({refund.FailureReason})." : "");

    public static ProcessorIntentStatus StatusOf(string status) => status switch
    {
        "requires_payment_method" => ProcessorIntentStatus.RequiresPaymentMethod,
        "requires_confirmation" => ProcessorIntentStatus.RequiresConfirmation,
        "requires_action" => ProcessorIntentStatus.RequiresAction,
        "processing" or "requires_capture" => ProcessorIntentStatus.Processing,
        "succeeded" => ProcessorIntentStatus.Succeeded,
        "canceled" => ProcessorIntentStatus.Canceled,
        _ => throw new InvalidOperationException($"Stripe sent an unknown payment intent status '{status}'."),
    };

    private static CardDetails ToCard(PaymentMethodCard card) => new(BrandName(card.Brand), card.Last4, (int)card.ExpMonth, (int)card.ExpYear);

    private static string BrandName(string? brand) => brand switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        "discover" => "Discover",
        "diners" => "Diners Club",
        "jcb" => "JCB",
        "unionpay" => "UnionPay",
        "cartes_bancaires" => "Cartes Bancaires",
        null or "" or "unknown" => "Card",
        _ => brand,
    };

    /// <summary>Stripe's own message for a card refusal, plus what it means for the customer.</summary>
    private static string FailureText(StripeError error)
    {
        var message = string.IsNullOrWhiteSpace(error.Message) ? "Your card was declined." : error.Message.Trim();
        return error.Type == "card_error" ? $"{message} Nothing was charged; try another card." : message;
    }

    /// <summary>The card must belong to this Stripe customer: a card id from another customer is "not found".</summary>
    private async Task<Result> CardOfAsync(string processorCustomerId, string cardId, CancellationToken ct)
    {
        var card = await CallAsync<StripeCard?>(async () => await new PaymentMethodService(client).GetAsync(cardId, null, null, ct));
        if (!card.Succeeded && card.Kind != ResultKind.NotFound) return card;
        return card.Value?.CustomerId == processorCustomerId ? Result.Success() : Result.NotFound("No such card.");
    }

    private static async Task<Result<T>> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return Result<T>.Ok(await call());
        }
        catch (StripeException e) when (IsNoAnswer(e))
        {
            throw NoAnswer(e);
        }
        catch (StripeException e)
        {
            return Result<T>.From(Refusal(e));
        }
    }

    private static RequestOptions Key(string idempotencyKey) =>
        string.IsNullOrWhiteSpace(idempotencyKey)
            ? throw new ArgumentException("Every create call carries an idempotency key.", nameof(idempotencyKey))
            : new RequestOptions { IdempotencyKey = idempotencyKey };

    /// <summary>No usable answer: the connection failed, or Stripe had an error of its own (5xx) or asked us to slow down (429).</summary>
    private static bool IsNoAnswer(StripeException e) =>
        e.InnerException is HttpRequestException or IOException or TimeoutException or TaskCanceledException
        || (int)e.HttpStatusCode >= 500 || (int)e.HttpStatusCode == 429 || e.HttpStatusCode == 0;

    private static HttpRequestException NoAnswer(StripeException e) => new($"Stripe did not answer: {e.Message}", e);

    private static Result Refusal(StripeException e)
    {
        var error = e.StripeError;
        var message = error is null ? e.Message : FailureText(error);
        return (int)e.HttpStatusCode switch
        {
            404 => Result.NotFound(message),
            400 when error?.Param is { Length: > 0 } field => Result.Invalid(field, message),
            _ => Result.Conflict(message),
        };
    }
}
