using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Tests.Payments.Stripe;

/// <summary>A request the fake received: method, path and the Idempotency-Key header.</summary>
public sealed record FakeStripeRequest(string Method, string Path, string? IdempotencyKey);

/// <summary>
/// A local stand-in for the part of Stripe's form-encoded API that StripePaymentProcessor calls (payment intents,
/// refunds, customers, setup intents, payment methods), on Kestrel at 127.0.0.1 with a port of its own. It records
/// every request, answers a repeated idempotency key with the first answer (creating nothing), and can be told to
/// drop the answer of the next call after doing the work. Idempotency keys are kept per secret key
/// (an account, as at Stripe), so test classes with their own keys do not share objects. Payment methods use Stripe's test ids: pm_card_visa
/// succeeds, pm_card_chargeDeclined is declined, pm_card_threeDSecure2Required asks for 3-D Secure.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    public const string SuccessCard = "pm_card_visa";
    public const string DeclinedCard = "pm_card_chargeDeclined";
    public const string ThreeDSecureCard = "pm_card_threeDSecure2Required";

    private sealed record Card(string Brand, string Last4, string Behaviour);

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<FakeStripeRequest> _requests = [];
    private readonly Dictionary<string, (int Status, string Body)> _idempotent = [];
    private readonly Dictionary<string, JsonObject> _objects = [];
    private readonly Dictionary<string, string> _createdWithKey = [];
    private readonly Dictionary<string, Card> _cards = new()
    {
        [SuccessCard] = new("visa", "4242", "succeed"),
        [DeclinedCard] = new("visa", "0002", "decline"),
        [ThreeDSecureCard] = new("visa", "3155", "3ds"),
    };
    private int _sequence;
    private bool _dropNext;

    private FakeStripeServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeStripeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeStripeServer(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public IReadOnlyList<FakeStripeRequest> Requests { get { lock (_gate) return [.. _requests]; } }

    /// <summary>The ids of the objects made by calls with this idempotency key (replays make none).</summary>
    public IReadOnlyList<string> CreatedWith(string idempotencyKey)
    {
        lock (_gate) return _createdWithKey.Where(c => c.Value == idempotencyKey).Select(c => c.Key).ToList();
    }

    /// <summary>The next call is carried out, then its connection is cut before the answer is sent.</summary>
    public void DropNextResponse() { lock (_gate) _dropNext = true; }

    /// <summary>A copy of a stored object as Stripe would send it: a payment intent with its latest charge expanded, or (as in an event) only its id.</summary>
    public JsonObject Object(string id, bool expandCharge = true) { lock (_gate) return Render(_objects[id], expandCharge); }

    /// <summary>What Stripe.js does after the customer adds a card with a SetupIntent: a new payment method attached to the customer.</summary>
    public string AttachCard(string customerId, string testCard)
    {
        lock (_gate)
        {
            var card = _cards[testCard];
            var id = NewId("pm");
            _cards[id] = card;
            _objects[id] = PaymentMethod(id, card, customerId);
            return id;
        }
    }

    /// <summary>What Stripe.js does when the customer submits the Payment Element: confirms the intent with a card.</summary>
    public void ConfirmInBrowser(string intentId, string testCard)
    {
        lock (_gate) Confirm(intentId, testCard, null, false);
    }

    /// <summary>A refund made in Stripe's dashboard; returns the refund as its events carry it.</summary>
    public JsonObject RefundInDashboard(string intentId, long amountMinor)
    {
        lock (_gate)
        {
            var (status, refund) = Route("POST", ["v1", "refunds"], name => name switch
            {
                "payment_intent" => intentId,
                "amount" => amountMinor.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            }, null, []);
            return status == 200 ? refund : throw new InvalidOperationException(refund.ToJsonString());
        }
    }

    /// <summary>The intent's latest charge with its refunds listed, as a charge.refunded event carries it.</summary>
    public JsonObject ChargeWithRefunds(string intentId)
    {
        lock (_gate)
        {
            var charge = (JsonObject)_objects[(string)_objects[intentId]["latest_charge"]!].DeepClone();
            var refunds = _objects.Values.Where(o => (string?)o["object"] == "refund" && (string?)o["payment_intent"] == intentId)
                .Select(o => (JsonNode)o.DeepClone()).ToArray();
            charge["refunded"] = true;
            charge["amount_refunded"] = (long)_objects[intentId]["amount_refunded"]!;
            charge["refunds"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(refunds), ["has_more"] = false, ["url"] = "/v1/refunds" };
            return charge;
        }
    }

    /// <summary>The customer passed the 3-D Secure page for an intent that asked for it.</summary>
    public void CompleteChallenge(string intentId)
    {
        lock (_gate)
        {
            var intent = _objects[intentId];
            Succeed(intent, (string)intent["payment_method"]!);
        }
    }

    /// <summary>Sets an intent's status (and decline message) as a test needs it for an event payload.</summary>
    public JsonObject IntentAs(string intentId, string status, string? declineMessage = null)
    {
        lock (_gate)
        {
            var intent = Render(_objects[intentId], expandCharge: false);
            intent["status"] = status;
            intent["last_payment_error"] = declineMessage is null ? null : new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["message"] = declineMessage };
            return intent;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        string? Field(string name) => form?[name].FirstOrDefault() ?? request.Query[name].FirstOrDefault();
        var expand = (form?.Keys ?? []).Concat(request.Query.Keys).Where(k => k.StartsWith("expand", StringComparison.Ordinal))
            .SelectMany(k => form?[k].Concat(request.Query[k]) ?? request.Query[k]).OfType<string>().ToHashSet();
        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        // Stripe keeps idempotency keys per account: each secret key here is an account of its own.
        var scopedKey = $"{request.Headers.Authorization}|{key}";
        var path = request.Path.Value ?? "";

        int status;
        string body;
        bool drop;
        lock (_gate)
        {
            _requests.Add(new FakeStripeRequest(request.Method, path, key));
            drop = _dropNext;
            _dropNext = false;
            if (request.Method == "POST" && key is not null && _idempotent.TryGetValue(scopedKey, out var earlier))
            {
                (status, body) = earlier;
                context.Response.Headers["Idempotent-Replayed"] = "true";
            }
            else
            {
                var before = _objects.Keys.ToHashSet();
                (status, var json) = Route(request.Method, path.Split('/', StringSplitOptions.RemoveEmptyEntries), Field, form, expand);
                foreach (var made in _objects.Keys.Where(k => !before.Contains(k) && !k.StartsWith("ch_", StringComparison.Ordinal)))
                    _createdWithKey[made] = key ?? "";
                body = json.ToJsonString();
                if (request.Method == "POST" && key is not null) _idempotent[scopedKey] = (status, body);
            }
        }
        if (drop)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = $"req_{Guid.NewGuid():N}";
        await context.Response.WriteAsync(body);
    }

    private (int, JsonObject) Route(string verb, string[] parts, Func<string, string?> field, IFormCollection? form, HashSet<string> expand)
    {
        switch (verb, parts)
        {
            case ("POST", ["v1", "payment_intents"]):
            {
                var amount = long.Parse(field("amount")!);
                if (amount <= 0) return Error(400, "invalid_request_error", "Amount must be at least 1.", "amount");
                var id = NewId("pi");
                var metadata = new JsonObject();
                foreach (var k in form!.Keys.Where(k => k.StartsWith("metadata[", StringComparison.Ordinal)))
                    metadata[k["metadata[".Length..^1]] = form[k].ToString();
                _objects[id] = new JsonObject
                {
                    ["id"] = id, ["object"] = "payment_intent", ["amount"] = amount, ["currency"] = field("currency"), ["customer"] = field("customer"),
                    ["status"] = "requires_payment_method", ["client_secret"] = $"{id}_secret_{Guid.NewGuid():N}", ["metadata"] = metadata,
                    ["setup_future_usage"] = field("setup_future_usage"), ["livemode"] = false, ["amount_refunded"] = 0L,
                    ["automatic_payment_methods"] = new JsonObject { ["enabled"] = field("automatic_payment_methods[enabled]") == "true" },
                };
                return (200, Render(_objects[id], false));
            }
            case ("GET", ["v1", "payment_intents", var id]):
                return _objects.TryGetValue(id, out var found) ? (200, Render(found, expand.Contains("latest_charge"))) : Missing("payment_intent", id);
            case ("POST", ["v1", "payment_intents", var id, "confirm"]):
                return Confirm(id, field("payment_method") ?? "", field("return_url"), expand.Contains("latest_charge"));
            case ("POST", ["v1", "refunds"]):
            {
                var intentId = field("payment_intent") ?? "";
                if (!_objects.TryGetValue(intentId, out var intent)) return Missing("payment_intent", intentId);
                var left = (long)intent["amount"]! - (long)intent["amount_refunded"]!;
                var amount = field("amount") is { } a ? long.Parse(a) : left;
                if ((string)intent["status"]! != "succeeded") return Error(400, "invalid_request_error", "This PaymentIntent has no successful charge to refund.", null);
                if (amount <= 0 || amount > left) return Error(400, "invalid_request_error", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({left}).", "amount");
                intent["amount_refunded"] = (long)intent["amount_refunded"]! + amount;
                var id = NewId("re");
                _objects[id] = new JsonObject
                {
                    ["id"] = id, ["object"] = "refund", ["amount"] = amount, ["currency"] = (string)intent["currency"]!, ["payment_intent"] = intentId,
                    ["charge"] = (string)intent["latest_charge"]!, ["status"] = "succeeded",
                };
                return (200, Render(_objects[id], false));
            }
            case ("POST", ["v1", "customers"]):
            {
                var id = NewId("cus");
                _objects[id] = new JsonObject
                {
                    ["id"] = id, ["object"] = "customer", ["name"] = field("name"), ["email"] = field("email"),
                    ["invoice_settings"] = new JsonObject { ["default_payment_method"] = null },
                };
                return (200, Render(_objects[id], false));
            }
            case ("GET", ["v1", "customers", var id]):
                return _objects.TryGetValue(id, out var found2) ? (200, Render(found2, false)) : Missing("customer", id);
            case ("POST", ["v1", "customers", var id]):
            {
                if (!_objects.TryGetValue(id, out var customer)) return Missing("customer", id);
                if (field("invoice_settings[default_payment_method]") is { } preferred)
                {
                    if (!_objects.TryGetValue(preferred, out var card) || (string?)card["customer"] != id)
                        return Error(400, "invalid_request_error", $"No such PaymentMethod: '{preferred}'", "invoice_settings[default_payment_method]");
                    customer["invoice_settings"]!["default_payment_method"] = preferred;
                }
                return (200, Render(customer, false));
            }
            case ("POST", ["v1", "setup_intents"]):
            {
                var customerId = field("customer") ?? "";
                if (!_objects.ContainsKey(customerId)) return Missing("customer", customerId);
                var id = NewId("seti");
                _objects[id] = new JsonObject
                {
                    ["id"] = id, ["object"] = "setup_intent", ["customer"] = customerId, ["status"] = "requires_payment_method",
                    ["client_secret"] = $"{id}_secret_{Guid.NewGuid():N}", ["usage"] = field("usage"),
                };
                return (200, Render(_objects[id], false));
            }
            case ("GET", ["v1", "payment_methods"]):
            {
                var customerId = field("customer");
                var data = new JsonArray(_objects.Values.Where(o => (string?)o["object"] == "payment_method" && (string?)o["customer"] == customerId
                                                                    && field("type") is null or "card")
                    .Select(o => (JsonNode)Render(o, false)).ToArray());
                return (200, new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = false, ["url"] = "/v1/payment_methods" });
            }
            case ("GET", ["v1", "payment_methods", var id]):
                return _objects.TryGetValue(id, out var stored) ? (200, Render(stored, false))
                    : _cards.TryGetValue(id, out var test) ? (200, PaymentMethod(id, test, null)) : Missing("payment_method", id);
            case ("POST", ["v1", "payment_methods", var id, "detach"]):
            {
                if (!_objects.TryGetValue(id, out var method) || method["customer"] is null)
                    return Error(400, "invalid_request_error", "The payment method you provided is not attached to a customer so detachment is impossible.", null);
                var customer = _objects[(string)method["customer"]!];
                if ((string?)customer["invoice_settings"]!["default_payment_method"] == id) customer["invoice_settings"]!["default_payment_method"] = null;
                method["customer"] = null;
                return (200, Render(method, false));
            }
            default:
                return Error(404, "invalid_request_error", $"Unrecognized request URL ({verb}: /{string.Join('/', parts)}).", null);
        }
    }

    private (int, JsonObject) Confirm(string id, string paymentMethodId, string? returnUrl, bool expandCharge)
    {
        if (!_objects.TryGetValue(id, out var intent)) return Missing("payment_intent", id);
        if ((string)intent["status"]! is not ("requires_payment_method" or "requires_confirmation"))
            return Error(400, "invalid_request_error",
                $"You cannot confirm this PaymentIntent because it has a status of {intent["status"]}.", null, code: "payment_intent_unexpected_state");
        if (!_cards.TryGetValue(paymentMethodId, out var card)) return Missing("payment_method", paymentMethodId);
        intent["payment_method"] = paymentMethodId;
        intent["last_payment_error"] = null;
        intent["next_action"] = null;
        switch (card.Behaviour)
        {
            case "decline":
                intent["status"] = "requires_payment_method";
                intent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = "generic_decline", ["message"] = "Your card was declined." };
                var (status, error) = Error(402, "card_error", "Your card was declined.", null, code: "card_declined");
                error["error"]!["payment_intent"] = Render(intent, expandCharge);
                return (status, error);
            case "3ds":
                intent["status"] = "requires_action";
                intent["next_action"] = new JsonObject
                {
                    ["type"] = "redirect_to_url",
                    ["redirect_to_url"] = new JsonObject { ["url"] = $"{BaseUrl}/3ds/{id}", ["return_url"] = returnUrl },
                };
                break;
            default:
                Succeed(intent, paymentMethodId);
                break;
        }
        return (200, Render(intent, expandCharge));
    }

    private void Succeed(JsonObject intent, string paymentMethodId)
    {
        var card = _cards[paymentMethodId];
        var chargeId = NewId("ch");
        _objects[chargeId] = new JsonObject
        {
            ["id"] = chargeId, ["object"] = "charge", ["amount"] = (long)intent["amount"]!, ["currency"] = (string)intent["currency"]!,
            ["payment_intent"] = (string)intent["id"]!, ["status"] = "succeeded", ["paid"] = true,
            ["payment_method_details"] = new JsonObject
            {
                ["type"] = "card",
                ["card"] = new JsonObject { ["brand"] = card.Brand, ["last4"] = card.Last4, ["exp_month"] = 12, ["exp_year"] = 2030 },
            },
        };
        intent["status"] = "succeeded";
        intent["next_action"] = null;
        intent["latest_charge"] = chargeId;
    }

    private JsonObject Render(JsonObject stored, bool expandCharge)
    {
        var copy = (JsonObject)stored.DeepClone();
        if (expandCharge && copy["latest_charge"] is JsonValue charge && _objects.TryGetValue((string)charge!, out var full))
            copy["latest_charge"] = full.DeepClone();
        return copy;
    }

    private static JsonObject PaymentMethod(string id, Card card, string? customerId) => new()
    {
        ["id"] = id, ["object"] = "payment_method", ["type"] = "card", ["customer"] = customerId,
        ["card"] = new JsonObject { ["brand"] = card.Brand, ["last4"] = card.Last4, ["exp_month"] = 12, ["exp_year"] = 2030 },
    };

    private string NewId(string prefix) => $"{prefix}_fake{Interlocked.Increment(ref _sequence):D6}";

    private static (int, JsonObject) Missing(string kind, string id) =>
        Error(404, "invalid_request_error", $"No such {kind}: '{id}'", "id", code: "resource_missing");

    private static (int, JsonObject) Error(int status, string type, string message, string? param, string? code = null) =>
        (status, new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["message"] = message, ["param"] = param, ["code"] = code } });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
