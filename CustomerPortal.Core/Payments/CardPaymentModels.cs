namespace CustomerPortal.Core.Payments;

/// <summary>
/// A customer starting a card payment. <see cref="RequestId"/> is made once per attempt by the page (a retry or a
/// double click sends the same one, and gets the same payment back). <see cref="Amount"/> is for a part payment of an
/// invoice or a top-up; null pays what is owed.
/// </summary>
public sealed record CardPaymentRequest(PaymentPurpose Purpose, string RequestId, int? InvoiceId = null, int? EstimateId = null, decimal? Amount = null)
{
    public static CardPaymentRequest ForInvoice(int invoiceId, string requestId, decimal? amount = null) =>
        new(PaymentPurpose.Invoice, requestId, InvoiceId: invoiceId, Amount: amount);

    public static CardPaymentRequest ForDeposit(int estimateId, string requestId) => new(PaymentPurpose.Deposit, requestId, EstimateId: estimateId);

    public static CardPaymentRequest ForBalance(string requestId) => new(PaymentPurpose.AccountBalance, requestId);

    public static CardPaymentRequest TopUp(decimal amount, string requestId) => new(PaymentPurpose.CreditTopUp, requestId, Amount: amount);
}

/// <summary>A started card payment: what the browser needs to confirm it with the processor's card form.</summary>
public sealed record CardPaymentStarted(
    int PaymentId, string Number, decimal Amount, string Currency, long AmountMinor, string ProcessorPaymentId, string ClientSecret, bool IsTestMode);

public enum CardPaymentState
{
    /// <summary>Waiting for the processor (e.g. processing); the page waits for the live event.</summary>
    Pending,

    /// <summary>The customer must finish a step (3-D Secure) at <see cref="CardPaymentOutcome.NextActionUrl"/>.</summary>
    RequiresAction,
    Succeeded,

    /// <summary>Declined or abandoned: nothing was charged, <see cref="CardPaymentOutcome.Message"/> says why.</summary>
    Failed,
}

public sealed record CardPaymentOutcome(int PaymentId, string Number, CardPaymentState State, string Message, string? NextActionUrl);

/// <summary>
/// What a processor told us about an intent (a webhook event, parsed and verified by the web layer): its id for
/// de-duplication, the type, and the intent as the event carries it. The intent's metadata names our payment.
/// <see cref="Refund"/> is set for a refund event (e.g. one made in Stripe's dashboard).
/// </summary>
public sealed record ProcessorEvent(string EventId, string Type, ProcessorIntent Intent, ProcessorRefund? Refund = null);

/// <summary>A card on file as the portal shows it: brand, last four, expiry, and whether it is the default.</summary>
public sealed record CardOnFile(string Id, string Brand, string Last4, int ExpMonth, int ExpYear, bool IsDefault);

/// <summary>What the browser needs to add a card with the processor's form.</summary>
public sealed record CardSetupStarted(string SetupId, string ClientSecret, bool IsTestMode);

/// <summary>What a portal actor may pay by card now: invoices and the balance, account credit (between the limits), cards on file.</summary>
public sealed record PortalPayOptions(bool MayPayInvoices, bool MayAddCredit, bool MayManageCards, decimal TopUpMinimum, decimal TopUpMaximum)
{
    public static readonly PortalPayOptions None = new(false, false, false, 0, 0);
}
