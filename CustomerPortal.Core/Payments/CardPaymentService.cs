using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Payments;

/// <summary>
/// Card payments from the portal: an invoice (its amount due, or part where the company allows), an estimate deposit,
/// the whole account balance, or an account-credit top-up; and cards on file. A pending payment with its idempotency
/// key is stored before the first processor call, so a retry after a lost answer creates nothing new. Money counts as
/// received only when the processor says so server-side (its answer to our confirm, a fetch of the intent, or an
/// event), and then goes through <see cref="PaymentPosting"/>.
/// </summary>
public sealed class CardPaymentService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings,
    IPaymentProcessor processor, PaymentPosting posting, IOptions<PaymentsOptions> options, AuditLog audit, ILiveEventPublisher live)
{
    public const string NoAnswerMessage = "The payment service did not answer. Nothing was charged twice; please try again.";

    public bool IsTestMode => processor.IsTestMode;

    /// <summary>
    /// Starts paying: checks what may be paid now, stores the pending payment, then creates the processor's intent. The
    /// same request id again returns the same payment and intent. A second payment for an invoice or deposit that a
    /// pending or received payment already covers is refused before anything is charged.
    /// </summary>
    public async Task<Result<CardPaymentStarted>> StartAsync(Actor actor, CardPaymentRequest request, CancellationToken ct)
    {
        var operation = request.Purpose == PaymentPurpose.CreditTopUp ? Operation.AddCredit : Operation.PayInvoice;
        if (actor.CustomerId is not { } customerId || !access.Can(actor, operation)) return Fail<CardPaymentStarted>(Result.Forbidden());
        var requestId = request.RequestId.Trim();
        if (requestId.Length is 0 or > 64) return Fail<CardPaymentStarted>(Result.Invalid("RequestId", "The payment form is out of date; reload the page."));
        var company = await companySettings.GetAsync(ct);
        if (!company.CardPaymentsEnabled) return Fail<CardPaymentStarted>(Result.Conflict("Card payments are not available. Please contact us to pay."));
        var key = $"pay_{customerId}_{requestId}";
        var now = clock.GetUtcNow().UtcDateTime;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.IdempotencyKey == key, ct);
        if (payment is null)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Payment, ct);
            // A double click sends the same request twice at once: the second finds the first's payment here.
            if (await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.IdempotencyKey == key, ct) is { } same)
                return same.CustomerId == customerId ? await EnsureIntentAsync(same, ct) : Fail<CardPaymentStarted>(Result.NotFound());
            var amount = await AmountToChargeAsync(db, actor, customerId, request, company, now, ct);
            if (!amount.Succeeded) return Fail<CardPaymentStarted>(amount);
            if (!MoneyUnits.IsExact(amount.Value, company.Currency))
                return Fail<CardPaymentStarted>(Result.Invalid("Amount", MoneyUnits.ExactnessRule(company.Currency)));

            payment = Payment.StartCard(number, customerId, now, amount.Value, company.Currency, request.Purpose, request.InvoiceId, request.EstimateId, key,
                actor.PortalUserId);
            db.Payments.Add(payment);
            await db.SaveChangesAsync(ct);
            audit.Add(db, actor, "payment.started", nameof(Payment), payment.Id.ToString(), customerId, $"{number} card {amount.Value:0.00} for {Describe(request)}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        else if (payment.CustomerId != customerId)
        {
            return Fail<CardPaymentStarted>(Result.NotFound());
        }
        return await EnsureIntentAsync(payment, ct);
    }

    /// <summary>Confirms a started payment with a card (a saved one, or one the processor's form made) and records the processor's answer.</summary>
    public async Task<Result<CardPaymentOutcome>> ConfirmAsync(Actor actor, int paymentId, string paymentMethodId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null || actor.CustomerId != payment.CustomerId || !access.Can(actor, PayOperation(payment)))
            return Fail<CardPaymentOutcome>(Result.NotFound());
        if (payment.Status != PaymentStatus.Pending || payment.ProcessorPaymentId is null) return Outcome(payment);

        Result<ProcessorIntent> confirmed;
        try
        {
            confirmed = await processor.ConfirmIntentAsync(payment.ProcessorPaymentId, paymentMethodId, ct);
        }
        catch (Exception e) when (IsNoAnswer(e, ct))
        {
            return Fail<CardPaymentOutcome>(Result.Conflict(NoAnswerMessage));
        }
        if (!confirmed.Succeeded)
        {
            // The intent may have moved on meanwhile (confirmed in another tab); its own status is what counts.
            return await ConfirmFromProcessorAsync(paymentId, ct) is { Succeeded: true } current && current.Value!.State != CardPaymentState.Pending
                ? current
                : Fail<CardPaymentOutcome>(confirmed);
        }
        return await ApplyAsync(paymentId, confirmed.Value!, null, ct);
    }

    /// <summary>Asks the processor for the intent and records what it says: after a 3-D Secure step, a browser redirect, or a lost answer.</summary>
    public async Task<Result<CardPaymentOutcome>> ConfirmFromProcessorAsync(int paymentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null) return Fail<CardPaymentOutcome>(Result.NotFound());
        if (payment.ProcessorPaymentId is null)
        {
            var ensured = await EnsureIntentAsync(payment, ct);
            if (!ensured.Succeeded) return Fail<CardPaymentOutcome>(ensured);
            payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, ct);
        }
        try
        {
            var intent = await processor.GetIntentAsync(payment.ProcessorPaymentId!, ct);
            return intent.Succeeded ? await ApplyAsync(paymentId, intent.Value!, null, ct) : Fail<CardPaymentOutcome>(intent);
        }
        catch (Exception e) when (IsNoAnswer(e, ct))
        {
            return Fail<CardPaymentOutcome>(Result.Conflict(NoAnswerMessage));
        }
    }

    /// <summary>
    /// The customer's own payment as the processor has it now (after coming back from a bank's page or the processor's
    /// redirect): checks that the payment is the actor's, then records what the processor says.
    /// </summary>
    public async Task<Result<CardPaymentOutcome>> OutcomeAsync(Actor actor, int paymentId, CancellationToken ct)
    {
        if (!await IsOwnCardPaymentAsync(actor, p => p.Id == paymentId, ct)) return Fail<CardPaymentOutcome>(Result.NotFound());
        return await ConfirmFromProcessorAsync(paymentId, ct);
    }

    /// <summary>The actor's own card payment that <paramref name="match"/> finds, which they may still pay (the module visible, allowed to pay).</summary>
    internal async Task<bool> IsOwnCardPaymentAsync(Actor actor, System.Linq.Expressions.Expression<Func<Payment, bool>> match, CancellationToken ct)
    {
        if (actor.CustomerId is not { } customerId) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().Where(p => p.Method == PaymentMethod.Card).Where(match).SingleOrDefaultAsync(ct);
        return payment is not null && payment.CustomerId == customerId && access.Can(actor, PayOperation(payment));
    }

    /// <summary>
    /// Applies a processor event (a webhook). Each event id is applied once; a redelivery changes nothing. The payment
    /// is found by the intent id, or by the payment id in the intent's metadata when our first call's answer was lost.
    /// Events may come in any order: received money stays received, and a later success outranks an earlier decline.
    /// </summary>
    public async Task<Result<CardPaymentOutcome>> RecordProcessorEventAsync(ProcessorEvent processorEvent, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(processorEvent.EventId)) return Fail<CardPaymentOutcome>(Result.Invalid("An event has an id."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var intentId = processorEvent.Intent.Id;
        var paymentId = await db.Payments.Where(p => p.ProcessorPaymentId == intentId).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        if (paymentId is null && processorEvent.Intent.Metadata.TryGetValue(MetadataPaymentId, out var named) && int.TryParse(named, out var id))
            paymentId = await db.Payments.Where(p => p.Id == id && p.ProcessorPaymentId == null).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        if (paymentId is null) return Fail<CardPaymentOutcome>(Result.NotFound("No payment of ours belongs to this event."));
        return processorEvent.Refund is { } refund
            ? await ApplyRefundAsync(paymentId.Value, refund, processorEvent, ct)
            : await ApplyAsync(paymentId.Value, processorEvent.Intent, processorEvent, ct);
    }

    /// <summary>
    /// Records a dispute (a chargeback the customer opened with their bank) that the processor reports: the payment is
    /// flagged for staff with <paramref name="note"/>. No money moves here; the processor's decision comes later. Each
    /// event id is applied once.
    /// </summary>
    public async Task<Result<CardPaymentOutcome>> RecordDisputeAsync(ProcessorEvent processorEvent, string note, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(processorEvent.EventId)) return Fail<CardPaymentOutcome>(Result.Invalid("An event has an id."));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var intentId = processorEvent.Intent.Id;
        var paymentId = await db.Payments.Where(p => p.ProcessorPaymentId == intentId).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        if (paymentId is null) return Fail<CardPaymentOutcome>(Result.NotFound("No payment of ours belongs to this event."));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await PaymentPosting.LockAsync(db, paymentId.Value, ct);
        if (!await FirstDeliveryAsync(db, processorEvent, payment.Id, now, ct)) return Outcome(payment);
        payment.FlagForReview(note);
        audit.Add(db, Actor.System, "payment.disputed", nameof(Payment), payment.Id.ToString(), payment.CustomerId, $"{payment.Number}: {note}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await live.PublishAsync(new PaymentRecorded(payment.CustomerId, payment.Id), ct);
        return Outcome(payment);
    }

    /// <summary>
    /// Records a refund the processor reports. One staff made here is already recorded (by its refund id) and changes
    /// nothing; one made elsewhere (Stripe's dashboard) is recorded like a staff refund. One that cannot be matched
    /// to what the payment still pays (its credit was spent) is not guessed at: the payment is flagged for staff.
    /// </summary>
    private async Task<Result<CardPaymentOutcome>> ApplyRefundAsync(int paymentId, ProcessorRefund refund, ProcessorEvent processorEvent, CancellationToken ct)
    {
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await PaymentPosting.LockAsync(db, paymentId, ct);
        if (!await FirstDeliveryAsync(db, processorEvent, paymentId, now, ct)) return Outcome(payment);
        PostedChanges? changes = null;
        if (refund.Succeeded && !await db.PaymentRefunds.AnyAsync(r => r.ProcessorRefundId == refund.Id, ct))
        {
            var amount = MoneyUnits.FromMinorUnits(refund.AmountMinor, payment.Currency.Length > 0 ? payment.Currency : company.Currency);
            var made = payment.Refund(amount, await AccountBalanceService.CreditAsync(db, payment.CustomerId, ct), "Refunded at the payment processor", now,
                null, refund.Id);
            if (made.Succeeded)
            {
                changes = await posting.ReverseAsync(db, Actor.System, payment, made.Value!, now, company.Today(now), ct);
            }
            else
            {
                payment.FlagForReview($"The processor refunded {amount:0.00} ({refund.Id}), which could not be recorded here: {made.Message}");
                audit.Add(db, Actor.System, "payment.refund-unmatched", nameof(Payment), payment.Id.ToString(), payment.CustomerId, payment.ReviewNote);
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (changes is not null) await posting.PublishAsync(changes, ct);
        else await live.PublishAsync(new PaymentRecorded(payment.CustomerId, payment.Id), ct);
        return Outcome(payment);
    }

    /// <summary>What the actor may pay by card in the portal now, for the pages to offer (each payment is checked again when started).</summary>
    public async Task<PortalPayOptions> OptionsAsync(Actor actor, CancellationToken ct)
    {
        var company = await companySettings.GetAsync(ct);
        var cards = company.CardPaymentsEnabled && actor.CustomerId is not null;
        return new PortalPayOptions(
            MayPayInvoices: cards && access.Can(actor, Operation.PayInvoice),
            MayAddCredit: cards && company.CreditTopUpEnabled && access.Can(actor, Operation.AddCredit),
            MayManageCards: MayManageCards(actor),
            TopUpMinimum: company.CreditTopUpMinimum,
            TopUpMaximum: company.CreditTopUpMaximum);
    }

    /// <summary>The customer's cards on file (brand, last four, expiry only).</summary>
    public async Task<Result<IReadOnlyList<CardOnFile>>> CardsAsync(Actor actor, CancellationToken ct)
    {
        if (!MayManageCards(actor)) return Fail<IReadOnlyList<CardOnFile>>(Result.Forbidden());
        var processorCustomerId = await ProcessorCustomerIdAsync(actor.CustomerId!.Value, ct);
        if (processorCustomerId is null) return Result<IReadOnlyList<CardOnFile>>.Ok([]);
        var cards = await processor.ListCardsAsync(processorCustomerId, ct);
        if (!cards.Succeeded) return Fail<IReadOnlyList<CardOnFile>>(cards);
        return cards.Value!.Select(c => new CardOnFile(c.Id, c.Card.Brand, c.Card.Last4, c.Card.ExpMonth, c.Card.ExpYear, c.IsDefault)).ToList();
    }

    /// <summary>Starts adding a card: the processor customer is made on first use, then a setup the browser completes.</summary>
    public async Task<Result<CardSetupStarted>> StartAddingCardAsync(Actor actor, string requestId, CancellationToken ct)
    {
        if (!MayManageCards(actor)) return Fail<CardSetupStarted>(Result.Forbidden());
        if (requestId.Trim().Length is 0 or > 64) return Fail<CardSetupStarted>(Result.Invalid("RequestId", "The form is out of date; reload the page."));
        var customerId = actor.CustomerId!.Value;
        try
        {
            var processorCustomerId = await ProcessorCustomerIdAsync(customerId, ct);
            if (processorCustomerId is null)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.DisplayName, c.Email }).SingleAsync(ct);
                var created = await processor.CreateCustomerAsync(customer.DisplayName, customer.Email, $"cus_{customerId}", ct);
                if (!created.Succeeded) return Fail<CardSetupStarted>(created);
                db.ProcessorCustomers.Add(new ProcessorCustomer(customerId, processor.CustomerScope, created.Value!));
                await db.SaveChangesAsync(ct);
                processorCustomerId = created.Value!;
            }
            var setup = await processor.CreateSetupAsync(processorCustomerId, $"seti_{customerId}_{requestId.Trim()}", ct);
            return setup.Succeeded ? new CardSetupStarted(setup.Value!.Id, setup.Value.ClientSecret, processor.IsTestMode) : Fail<CardSetupStarted>(setup);
        }
        catch (Exception e) when (IsNoAnswer(e, ct))
        {
            return Fail<CardSetupStarted>(Result.Conflict(NoAnswerMessage));
        }
    }

    public Task<Result> RemoveCardAsync(Actor actor, string cardId, CancellationToken ct) =>
        ChangeCardAsync(actor, cardId, "card.removed", processor.DetachCardAsync, ct);

    public Task<Result> MakeDefaultCardAsync(Actor actor, string cardId, CancellationToken ct) =>
        ChangeCardAsync(actor, cardId, "card.made-default", processor.SetDefaultCardAsync, ct);

    private async Task<Result> ChangeCardAsync(Actor actor, string cardId, string action, Func<string, string, CancellationToken, Task<Result>> change,
        CancellationToken ct)
    {
        if (!MayManageCards(actor)) return Result.Forbidden();
        var processorCustomerId = await ProcessorCustomerIdAsync(actor.CustomerId!.Value, ct);
        if (processorCustomerId is null) return Result.NotFound("No such card.");
        var changed = await change(processorCustomerId, cardId, ct);
        if (changed.Succeeded) await audit.WriteAsync(actor, action, "Card", cardId, actor.CustomerId, ct: ct);
        return changed;
    }

    private bool MayManageCards(Actor actor) =>
        actor.CustomerId is not null && access.Can(actor, Operation.EditOwnProfile) && actor.CanPay;

    private async Task<string?> ProcessorCustomerIdAsync(int customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ProcessorCustomers.Where(c => c.CustomerId == customerId && c.Processor == processor.CustomerScope)
            .Select(c => c.ProcessorCustomerId).SingleOrDefaultAsync(ct);
    }

    private const string MetadataPaymentId = "payment_id";

    /// <summary>Creates the intent for a stored pending payment (again, with the same key, after a lost answer) and keeps its id.</summary>
    private async Task<Result<CardPaymentStarted>> EnsureIntentAsync(Payment payment, CancellationToken ct)
    {
        if (payment.Status != PaymentStatus.Pending)
            return Fail<CardPaymentStarted>(payment.Status == PaymentStatus.Failed
                ? Result.Conflict(payment.FailureMessage.Length > 0 ? payment.FailureMessage : "This payment did not go through.")
                : Result.Conflict($"Payment {payment.Number} is already {payment.Status.ToString().ToLowerInvariant()}."));
        var minor = MoneyUnits.ToMinorUnits(payment.Amount, payment.Currency);
        // The processor's customer (when the customer has saved cards) lets the intent be paid with a card on file.
        var processorCustomerId = await ProcessorCustomerIdAsync(payment.CustomerId, ct);
        Result<ProcessorIntent> intent;
        try
        {
            intent = payment.ProcessorPaymentId is { } existing
                ? await processor.GetIntentAsync(existing, ct)
                : await processor.CreateIntentAsync(new CreateIntentRequest(minor, payment.Currency, processorCustomerId,
                    new Dictionary<string, string> { [MetadataPaymentId] = payment.Id.ToString(), ["payment_number"] = payment.Number },
                    payment.IdempotencyKey!), ct);
        }
        catch (Exception e) when (IsNoAnswer(e, ct))
        {
            return Fail<CardPaymentStarted>(Result.Conflict(NoAnswerMessage));
        }
        if (!intent.Succeeded) return Fail<CardPaymentStarted>(intent);

        if (payment.ProcessorPaymentId is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var tracked = await db.Payments.SingleAsync(p => p.Id == payment.Id, ct);
            tracked.AttachProcessorIntent(intent.Value!.Id, ProcessorIntentStatuses.Of(intent.Value.Status));
            await db.SaveChangesAsync(ct);
        }
        return new CardPaymentStarted(payment.Id, payment.Number, payment.Amount, payment.Currency, minor, intent.Value!.Id, intent.Value.ClientSecret,
            processor.IsTestMode);
    }

    /// <summary>Records the processor's word on the intent in one transaction; a first success is posted.</summary>
    private async Task<Result<CardPaymentOutcome>> ApplyAsync(int paymentId, ProcessorIntent intent, ProcessorEvent? processorEvent, CancellationToken ct)
    {
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await PaymentPosting.LockAsync(db, paymentId, ct);
        if (processorEvent is not null && !await FirstDeliveryAsync(db, processorEvent, paymentId, now, ct)) return Outcome(payment);
        if (payment.ProcessorPaymentId is not null && payment.ProcessorPaymentId != intent.Id)
            return Fail<CardPaymentOutcome>(Result.Conflict("The event is about another payment intent."));
        if (intent.Status == ProcessorIntentStatus.Succeeded && intent.AmountMinor != MoneyUnits.ToMinorUnits(payment.Amount, payment.Currency))
            throw new InvalidOperationException($"Payment {payment.Number}: the processor took {intent.AmountMinor} minor units, not {payment.Amount}.");

        payment.AttachProcessorIntent(intent.Id, payment.ProcessorStatus);
        var before = payment.Status;
        var succeeded = payment.ApplyProcessorStatus(intent.Status, intent.FailureMessage, intent.Card?.Reference ?? "", now);
        PostedChanges? posted = null;
        PostedChanges? creditUsed = null;
        if (succeeded)
        {
            var result = await posting.PostAsync(db, Actor.System, payment, null, now, company.Today(now), "payment.received",
                $"{payment.Number} card {payment.Amount:0.00} {payment.Reference}", ct);
            // The plan comes from what is owed now, so a refusal here is a bug; the transaction rolls back and the news can be applied again.
            if (!result.Succeeded) throw new InvalidOperationException($"Payment {payment.Number} could not be posted: {result.Message}");
            posted = result.Value;
            if (payment.Purpose == PaymentPurpose.AccountBalance)
                creditUsed = await posting.UseCreditForBalanceAsync(db, payment.CustomerId, now, company.Today(now), ct);
        }
        else if (payment.Status == PaymentStatus.Failed && before != PaymentStatus.Failed)
        {
            audit.Add(db, Actor.System, "payment.failed", nameof(Payment), payment.Id.ToString(), payment.CustomerId, $"{payment.Number}: {payment.FailureMessage}");
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (posted is not null) await posting.PublishAsync(posted, ct);
        else await live.PublishAsync(new PaymentRecorded(payment.CustomerId, payment.Id), ct);
        if (creditUsed is not null) await posting.PublishAsync(creditUsed, ct);
        return Outcome(payment, intent.NextActionUrl);
    }

    /// <summary>Notes the event as applied (in the caller's transaction); false when it was applied before.</summary>
    private static async Task<bool> FirstDeliveryAsync(PortalDbContext db, ProcessorEvent processorEvent, int paymentId, DateTime now, CancellationToken ct)
    {
        if (await db.ProcessorEventReceipts.AnyAsync(e => e.EventId == processorEvent.EventId, ct)) return false;
        db.ProcessorEventReceipts.Add(new ProcessorEventReceipt(processorEvent.EventId, processorEvent.Type, now, paymentId));
        return true;
    }

    /// <summary>How much this request may charge now, or why not; read inside the start transaction.</summary>
    private async Task<Result<decimal>> AmountToChargeAsync(PortalDbContext db, Actor actor, int customerId, CardPaymentRequest request,
        CompanySettings company, DateTime now, CancellationToken ct)
    {
        var since = now.AddMinutes(-options.Value.PendingPaymentMinutes);
        var pending = db.Payments.Where(p => p.CustomerId == customerId && p.Status == PaymentStatus.Pending && p.Method == PaymentMethod.Card
                                             && p.ReceivedAtUtc > since);
        switch (request.Purpose)
        {
            case PaymentPurpose.Invoice:
            {
                var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.InvoiceId, ct);
                if (invoice is null || !access.Can(actor, Operation.PayInvoice, invoice)) return Fail<decimal>(Result.NotFound());
                if (invoice.Status is InvoiceStatus.Draft or InvoiceStatus.Void) return Fail<decimal>(Result.Conflict($"{invoice.Number} cannot be paid."));
                var inProgress = (await pending.Where(p => p.ForInvoiceId == invoice.Id || p.Purpose == PaymentPurpose.AccountBalance)
                    .Select(p => p.Amount).ToListAsync(ct)).Sum();
                var open = invoice.AmountDue - inProgress;
                if (invoice.AmountDue <= 0) return Fail<decimal>(Result.Conflict($"{invoice.Number} is paid. Nothing was charged."));
                if (open <= 0)
                    return Fail<decimal>(Result.Conflict($"A payment for {invoice.Number} is already in progress (perhaps in another tab). Nothing was charged."));
                var amount = request.Amount ?? open;
                if (amount <= 0) return Fail<decimal>(Result.Invalid("Amount", "Enter an amount more than zero."));
                if (amount > open)
                    return Fail<decimal>(inProgress > 0
                        ? Result.Conflict($"A payment for {invoice.Number} is already in progress; at most {open:0.00} is left to pay. Nothing was charged.")
                        : Result.Invalid("Amount", $"{invoice.Number} has {open:0.00} due; you cannot pay more than that."));
                if (amount < open && !company.PartPaymentsAllowed)
                    return Fail<decimal>(Result.Invalid("Amount", $"Please pay the full {open:0.00} due."));
                if (amount < open && amount < company.MinimumPartPayment)
                    return Fail<decimal>(Result.Invalid("Amount", $"A part payment is at least {company.MinimumPartPayment:0.00}."));
                return amount;
            }
            case PaymentPurpose.Deposit:
            {
                var estimate = await db.Estimates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.EstimateId, ct);
                if (estimate is null || !access.Can(actor, Operation.ViewEstimate, estimate) || !access.Can(actor, Operation.PayInvoice, estimate))
                    return Fail<decimal>(Result.NotFound());
                if (!PaymentPosting.TakesDeposit(estimate, customerId))
                    return Fail<decimal>(Result.Conflict($"{estimate.Number} has no deposit left to pay. Nothing was charged."));
                var inProgress = (await pending.Where(p => p.ForEstimateId == estimate.Id).Select(p => p.Amount).ToListAsync(ct)).Sum();
                var open = estimate.DepositRequired - estimate.DepositPaid - inProgress;
                if (open <= 0)
                    return Fail<decimal>(Result.Conflict($"A deposit payment for {estimate.Number} is already in progress. Nothing was charged."));
                if (request.Amount is { } asked && asked != open) return Fail<decimal>(Result.Invalid("Amount", $"The deposit to pay is {open:0.00}."));
                return open;
            }
            case PaymentPurpose.AccountBalance:
            {
                var owed = (await db.Invoices.AsNoTracking()
                    .Where(i => i.CustomerId == customerId && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void && i.AmountDue > 0)
                    .Select(i => i.AmountDue).ToListAsync(ct)).Sum();
                var inProgress = (await pending.Where(p => p.Purpose == PaymentPurpose.AccountBalance || p.Purpose == PaymentPurpose.Invoice)
                    .Select(p => p.Amount).ToListAsync(ct)).Sum();
                if (owed <= 0) return Fail<decimal>(Result.Conflict("Nothing is owed on your account. Nothing was charged."));
                // Credit the customer holds pays its part when the card payment is posted, so the card is charged only the rest.
                var credit = Math.Max(0, await AccountBalanceService.CreditAsync(db, customerId, ct));
                if (inProgress == 0 && credit >= owed)
                    return Fail<decimal>(Result.Conflict($"Your account credit of {credit:0.00} covers everything you owe. Nothing was charged; please contact us to apply it."));
                var open = owed - inProgress - credit;
                if (open <= 0) return Fail<decimal>(Result.Conflict("A payment of your balance is already in progress. Nothing was charged."));
                if (request.Amount is { } asked && asked != open)
                    return Fail<decimal>(Result.Conflict($"Your balance is now {open:0.00}; please check it and pay again."));
                return open;
            }
            case PaymentPurpose.CreditTopUp:
            {
                if (!company.CreditTopUpEnabled) return Fail<decimal>(Result.Conflict("Adding account credit is not available."));
                if (request.Amount is not { } amount || amount < company.CreditTopUpMinimum || amount > company.CreditTopUpMaximum)
                    return Fail<decimal>(Result.Invalid("Amount",
                        $"Add between {company.CreditTopUpMinimum:0.00} and {company.CreditTopUpMaximum:0.00} of credit."));
                return amount;
            }
            default:
                return Fail<decimal>(Result.Invalid("Purpose", "Choose what to pay."));
        }
    }

    private static Operation PayOperation(Payment payment) =>
        payment.Purpose == PaymentPurpose.CreditTopUp ? Operation.AddCredit : Operation.PayInvoice;

    private static string Describe(CardPaymentRequest request) => request.Purpose switch
    {
        PaymentPurpose.Invoice => $"invoice {request.InvoiceId}",
        PaymentPurpose.Deposit => $"deposit on estimate {request.EstimateId}",
        PaymentPurpose.AccountBalance => "account balance",
        _ => "account credit",
    };

    private static Result<CardPaymentOutcome> Outcome(Payment payment, string? nextActionUrl = null)
    {
        var state = payment.Status switch
        {
            PaymentStatus.Succeeded or PaymentStatus.Refunded => CardPaymentState.Succeeded,
            PaymentStatus.Failed => CardPaymentState.Failed,
            _ when payment.ProcessorStatus == ProcessorIntentStatuses.Of(ProcessorIntentStatus.RequiresAction) => CardPaymentState.RequiresAction,
            _ => CardPaymentState.Pending,
        };
        var message = state switch
        {
            CardPaymentState.Succeeded => $"Thank you. Payment {payment.Number} was received.",
            CardPaymentState.Failed => payment.FailureMessage,
            CardPaymentState.RequiresAction => "Your bank asks you to confirm this payment.",
            _ => "Your payment is being processed.",
        };
        return new CardPaymentOutcome(payment.Id, payment.Number, state, message, state == CardPaymentState.RequiresAction ? nextActionUrl : null);
    }

    /// <summary>A lost or failed connection to the processor (not our own cancellation): the caller may retry with the same key.</summary>
    private static bool IsNoAnswer(Exception e, CancellationToken ct) =>
        e is HttpRequestException or TimeoutException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested);

    private static Result<T> Fail<T>(Result failure) => Result<T>.From(failure);
}
