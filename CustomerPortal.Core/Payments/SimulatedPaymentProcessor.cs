using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Payments;

/// <summary>
/// A payment processor that moves no money, so the portal can take a payment on a machine with no Stripe account. It
/// behaves like Stripe in test mode: idempotency keys, intents that need a 3-D Secure step, declines, refunds, customers
/// with saved cards. Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0025 0000 3155
/// asks for a 3-D Secure step (<see cref="CompleteChallenge"/>). A card number is looked at once, in
/// <see cref="CreatePaymentMethod"/>, and only its brand, last four digits and expiry are kept; nothing is logged.
/// State lives in memory and is gone after a restart.
/// </summary>
public sealed class SimulatedPaymentProcessor(TimeProvider clock) : IPaymentProcessor
{
    public const string SuccessCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";
    public const string ThreeDSecureCard = "4000002500003155";
    public const string DeclineMessage = "Your card was declined. Nothing was charged; try another card.";

    private enum Behaviour { Succeed, Decline, ThreeDSecure }

    private sealed record SimCard(string Id, CardDetails Card, Behaviour Behaviour);

    private sealed class SimIntent
    {
        public required string Id { get; init; }
        public required long AmountMinor { get; init; }
        public required string Currency { get; init; }
        public required IReadOnlyDictionary<string, string> Metadata { get; init; }
        public ProcessorIntentStatus Status { get; set; } = ProcessorIntentStatus.RequiresPaymentMethod;
        public string FailureMessage { get; set; } = "";
        public CardDetails? Card { get; set; }
        public long RefundedMinor { get; set; }
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimCard> _cards = [];
    private readonly Dictionary<string, SimIntent> _intents = [];
    private readonly Dictionary<string, (string Fingerprint, object Response)> _idempotent = [];
    private readonly Dictionary<string, List<string>> _customerCards = [];
    private readonly Dictionary<string, string> _defaultCards = [];
    private readonly Dictionary<string, (string CustomerId, bool Done)> _setups = [];

    public string Name => "Simulated";
    public bool IsTestMode => true;

    /// <summary>How many intents were ever created; tests count them.</summary>
    public int IntentCount { get { lock (_gate) return _intents.Count; } }

    /// <summary>
    /// What the simulated card form does in the browser: turns a test card number into a payment method id. Only the
    /// brand, last four digits and expiry are kept.
    /// </summary>
    public Result<string> CreatePaymentMethod(string cardNumber, int expMonth, int expYear)
    {
        var digits = new string(cardNumber.Where(char.IsAsciiDigit).ToArray());
        Behaviour? behaviour = digits switch
        {
            SuccessCard or "5555555555554444" => Behaviour.Succeed,
            DeclinedCard => Behaviour.Decline,
            ThreeDSecureCard => Behaviour.ThreeDSecure,
            _ => null,
        };
        if (behaviour is null)
            return Result<string>.From(Result.Invalid("CardNumber", "This is test mode: use a test card such as 4242 4242 4242 4242."));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (expMonth is < 1 or > 12 || expYear < today.Year || (expYear == today.Year && expMonth < today.Month))
            return Result<string>.From(Result.Invalid("Expiry", "The card's expiry date has passed."));
        var card = new SimCard($"pm_sim_{Guid.NewGuid():N}", new CardDetails(digits[0] == '5' ? "Mastercard" : "Visa", digits[^4..], expMonth, expYear),
            behaviour.Value);
        lock (_gate) _cards[card.Id] = card;
        return card.Id;
    }

    /// <summary>The customer passed (or failed) the simulated 3-D Secure page for an intent that required it.</summary>
    public Result<ProcessorIntent> CompleteChallenge(string intentId, bool approve)
    {
        lock (_gate)
        {
            if (!_intents.TryGetValue(intentId, out var intent)) return Result<ProcessorIntent>.From(Result.NotFound("No such payment intent."));
            if (intent.Status != ProcessorIntentStatus.RequiresAction)
                return Result<ProcessorIntent>.From(Result.Conflict("This payment needs no authentication step now."));
            if (approve)
            {
                intent.Status = ProcessorIntentStatus.Succeeded;
            }
            else
            {
                intent.Status = ProcessorIntentStatus.RequiresPaymentMethod;
                intent.FailureMessage = "The card's authentication failed. Nothing was charged; try again or use another card.";
            }
            return View(intent);
        }
    }

    /// <summary>What the browser does with a SetupIntent's client secret: saves the card to the customer.</summary>
    public Result ConfirmSetup(string setupId, string paymentMethodId)
    {
        lock (_gate)
        {
            if (!_setups.TryGetValue(setupId, out var setup)) return Result.NotFound("No such setup intent.");
            if (!_cards.ContainsKey(paymentMethodId)) return Result.NotFound("No such card.");
            if (!setup.Done)
            {
                var cards = _customerCards[setup.CustomerId];
                if (!cards.Contains(paymentMethodId)) cards.Add(paymentMethodId);
                _defaultCards.TryAdd(setup.CustomerId, paymentMethodId);
                _setups[setupId] = (setup.CustomerId, true);
            }
            return Result.Success();
        }
    }

    public Task<Result<ProcessorIntent>> CreateIntentAsync(CreateIntentRequest request, CancellationToken ct)
    {
        var fingerprint = $"intent|{request.AmountMinor}|{request.Currency}|{request.ProcessorCustomerId}";
        return Task.FromResult(Idempotent(request.IdempotencyKey, fingerprint, () =>
        {
            if (request.AmountMinor <= 0) return Result<ProcessorIntent>.From(Result.Invalid("The amount must be more than zero."));
            var intent = new SimIntent
            {
                Id = $"pi_sim_{Guid.NewGuid():N}", AmountMinor = request.AmountMinor, Currency = request.Currency.ToLowerInvariant(),
                Metadata = new Dictionary<string, string>(request.Metadata),
            };
            _intents[intent.Id] = intent;
            return View(intent);
        }));
    }

    public Task<Result<ProcessorIntent>> GetIntentAsync(string intentId, CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult(_intents.TryGetValue(intentId, out var intent)
                ? View(intent)
                : Result<ProcessorIntent>.From(Result.NotFound("No such payment intent.")));
    }

    public Task<Result<ProcessorIntent>> ConfirmIntentAsync(string intentId, string paymentMethodId, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_intents.TryGetValue(intentId, out var intent))
                return Task.FromResult(Result<ProcessorIntent>.From(Result.NotFound("No such payment intent.")));
            if (!_cards.TryGetValue(paymentMethodId, out var card))
                return Task.FromResult(Result<ProcessorIntent>.From(Result.Invalid("No such card.")));
            if (intent.Status is not (ProcessorIntentStatus.RequiresPaymentMethod or ProcessorIntentStatus.RequiresConfirmation))
                return Task.FromResult(Result<ProcessorIntent>.From(Result.Conflict($"This payment is {ProcessorIntentStatuses.Of(intent.Status)} and cannot be confirmed again.")));
            intent.Card = card.Card;
            intent.FailureMessage = "";
            intent.Status = card.Behaviour switch
            {
                Behaviour.Succeed => ProcessorIntentStatus.Succeeded,
                Behaviour.ThreeDSecure => ProcessorIntentStatus.RequiresAction,
                _ => ProcessorIntentStatus.RequiresPaymentMethod,
            };
            if (card.Behaviour == Behaviour.Decline) intent.FailureMessage = DeclineMessage;
            return Task.FromResult(View(intent));
        }
    }

    public Task<Result<ProcessorRefund>> RefundAsync(string intentId, long amountMinor, string idempotencyKey, CancellationToken ct) =>
        Task.FromResult(Idempotent(idempotencyKey, $"refund|{intentId}|{amountMinor}", () =>
        {
            if (!_intents.TryGetValue(intentId, out var intent)) return Result<ProcessorRefund>.From(Result.NotFound("No such payment intent."));
            if (intent.Status != ProcessorIntentStatus.Succeeded)
                return Result<ProcessorRefund>.From(Result.Conflict("Only a succeeded payment can be refunded."));
            if (amountMinor <= 0 || amountMinor > intent.AmountMinor - intent.RefundedMinor)
                return Result<ProcessorRefund>.From(Result.Invalid("The refund is more than what is left of the payment."));
            intent.RefundedMinor += amountMinor;
            return new ProcessorRefund($"re_sim_{Guid.NewGuid():N}", intentId, amountMinor, true, "");
        }));

    public Task<Result<string>> CreateCustomerAsync(string name, string email, string idempotencyKey, CancellationToken ct) =>
        Task.FromResult(Idempotent(idempotencyKey, $"customer|{name}|{email}", () =>
        {
            var id = $"cus_sim_{Guid.NewGuid():N}";
            _customerCards[id] = [];
            return Result<string>.Ok(id);
        }));

    public Task<Result<ProcessorSetup>> CreateSetupAsync(string processorCustomerId, string idempotencyKey, CancellationToken ct) =>
        Task.FromResult(Idempotent(idempotencyKey, $"setup|{processorCustomerId}", () =>
        {
            if (!_customerCards.ContainsKey(processorCustomerId)) return Result<ProcessorSetup>.From(Result.NotFound("No such customer."));
            var id = $"seti_sim_{Guid.NewGuid():N}";
            _setups[id] = (processorCustomerId, false);
            return new ProcessorSetup(id, $"{id}_secret", false);
        }));

    public Task<Result<IReadOnlyList<SavedCard>>> ListCardsAsync(string processorCustomerId, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_customerCards.TryGetValue(processorCustomerId, out var ids))
                return Task.FromResult(Result<IReadOnlyList<SavedCard>>.From(Result.NotFound("No such customer.")));
            var preferred = _defaultCards.GetValueOrDefault(processorCustomerId);
            IReadOnlyList<SavedCard> cards = ids.Select(id => new SavedCard(id, _cards[id].Card, id == preferred)).ToList();
            return Task.FromResult(Result<IReadOnlyList<SavedCard>>.Ok(cards));
        }
    }

    public Task<Result> DetachCardAsync(string processorCustomerId, string cardId, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_customerCards.TryGetValue(processorCustomerId, out var ids) || !ids.Remove(cardId))
                return Task.FromResult(Result.NotFound("No such card."));
            if (_defaultCards.GetValueOrDefault(processorCustomerId) == cardId)
            {
                _defaultCards.Remove(processorCustomerId);
                if (ids.Count > 0) _defaultCards[processorCustomerId] = ids[0];
            }
            return Task.FromResult(Result.Success());
        }
    }

    public Task<Result> SetDefaultCardAsync(string processorCustomerId, string cardId, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_customerCards.TryGetValue(processorCustomerId, out var ids) || !ids.Contains(cardId))
                return Task.FromResult(Result.NotFound("No such card."));
            _defaultCards[processorCustomerId] = cardId;
            return Task.FromResult(Result.Success());
        }
    }

    /// <summary>Runs a create call once per key; the same key again returns the first answer, with other parameters it is refused (as Stripe does).</summary>
    private Result<T> Idempotent<T>(string key, string fingerprint, Func<Result<T>> create)
    {
        if (string.IsNullOrWhiteSpace(key)) throw new ArgumentException("Every create call carries an idempotency key.", nameof(key));
        lock (_gate)
        {
            if (_idempotent.TryGetValue(key, out var earlier))
            {
                if (earlier.Fingerprint != fingerprint)
                    return Result<T>.From(Result.Conflict("Keys for idempotent requests can only be used with the same parameters they were first used with."));
                return (Result<T>)earlier.Response;
            }
            var result = create();
            _idempotent[key] = (fingerprint, result);
            return result;
        }
    }

    private static Result<ProcessorIntent> View(SimIntent intent) => new ProcessorIntent(intent.Id, intent.AmountMinor, intent.Currency, intent.Status,
        $"{intent.Id}_secret", intent.Status == ProcessorIntentStatus.RequiresAction ? $"/payments/simulated/challenge/{intent.Id}" : null,
        intent.FailureMessage, intent.Card, intent.Metadata);
}
