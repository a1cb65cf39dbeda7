using CustomerPortal.Core.Common;
using CustomerPortal.Core.Invoices;

namespace CustomerPortal.Core.Payments;

/// <summary>Part of a payment for one invoice or one estimate's deposit (set exactly one of the ids).</summary>
public sealed record AllocationInput(int? InvoiceId, int? EstimateId, decimal Amount)
{
    public static AllocationInput ToInvoice(int invoiceId, decimal amount) => new(invoiceId, null, amount);
    public static AllocationInput ToDeposit(int estimateId, decimal amount) => new(null, estimateId, amount);
}

/// <summary>A payment staff received by hand. <see cref="ReceivedOn"/> is a company-local day, today or earlier.</summary>
public sealed record RecordPaymentInput(
    int CustomerId, PaymentMethod Method, decimal Amount, DateOnly ReceivedOn, string Reference, string Notes,
    IReadOnlyList<AllocationInput> Allocations);

public sealed record OpenInvoice(int Id, string Number, string Title, DateOnly DueDate, decimal Total, decimal AmountDue, InvoiceStatus Status, bool IsOverdue);

public sealed record OpenDeposit(int EstimateId, string Number, string Title, decimal DepositRequired, decimal DepositPaid)
{
    public decimal Remaining => DepositRequired - DepositPaid;
}

/// <summary>What a customer's payment can go to, the credit they have, and the company's today (the latest date a payment can have).</summary>
public sealed record OpenItems(IReadOnlyList<OpenInvoice> Invoices, IReadOnlyList<OpenDeposit> Deposits, decimal CreditBalance, DateOnly Today);

public sealed record PaymentListQuery
{
    public PaymentMethod? Method { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int? CustomerId { get; init; }
    public string? Search { get; init; }

    /// <summary>Only payments flagged for staff (e.g. a surplus from two charges for one invoice).</summary>
    public bool NeedsReviewOnly { get; init; }

    /// <summary>Only money received (see <see cref="Payment.IsMoneyReceived"/>): no pending, failed or refunded payments, no account credit used.</summary>
    public bool ReceivedOnly { get; init; }
    public PageRequest Page { get; init; } = new();
}

public sealed record PaymentListItem(
    int Id, string Number, int CustomerId, string CustomerName, DateTime ReceivedLocal, PaymentMethod Method, PaymentStatus Status,
    decimal Amount, string Reference, decimal RefundedAmount = 0, bool NeedsReview = false)
{
    public string StatusText => PaymentText.StatusOf(Status, RefundedAmount);
}

/// <summary>A payment of the staff list as the database gives it (time in UTC), before the page or the export shapes it.</summary>
internal sealed class PaymentListRecord
{
    public int Id { get; init; }
    public string Number { get; init; } = "";
    public int CustomerId { get; init; }
    public string CustomerName { get; init; } = "";
    public DateTime ReceivedAtUtc { get; init; }
    public PaymentMethod Method { get; init; }
    public PaymentStatus Status { get; init; }
    public decimal Amount { get; init; }
    public string Reference { get; init; } = "";
    public bool NeedsReview { get; init; }
    public decimal RefundedAmount { get; init; }
}

/// <summary>One refund of a payment. The processor's refund id is null for customers and for money given back by hand.</summary>
public sealed record PaymentRefundView(DateTime AtLocal, decimal Amount, string Reason, string? ProcessorRefundId);

/// <summary>What one allocation paid. <see cref="Link"/> is the page to open it, or null when the viewer cannot.</summary>
public sealed record PaymentAllocationView(string Kind, int Id, string Number, string Title, decimal Amount, string? Link)
{
    public string Description => Kind == "Deposit" ? $"Deposit on {Number}" : Number;
}

/// <summary>A payment with what it paid: staff's payment page and the customer's receipt. Notes are null for customers.</summary>
public sealed record PaymentDetail(
    int Id, string Number, int CustomerId, string CustomerName, string CustomerEmail, DateTime ReceivedLocal, PaymentMethod Method,
    PaymentStatus Status, decimal Amount, string Reference, string? Notes, IReadOnlyList<PaymentAllocationView> Allocations,
    decimal CreditAdded, IReadOnlyList<PaymentRefundView>? Refunds = null, StaffPaymentFacts? Staff = null)
{
    public decimal AllocatedAmount => Allocations.Sum(a => a.Amount);
    public decimal RefundedAmount => Refunds?.Sum(r => r.Amount) ?? 0;
    public string StatusText => PaymentText.StatusOf(Status, RefundedAmount);
}

/// <summary>A processor event recorded for a payment (a webhook delivery), as staff see it.</summary>
public sealed record ProcessorEventView(DateTime AtLocal, string Type, string EventId);

/// <summary>One refund with who made it (a staff member, or "At the payment processor"), when and why.</summary>
public sealed record PaymentRefundHistory(DateTime AtLocal, decimal Amount, string Reason, string By, string? ProcessorRefundId);

/// <summary>The card as the processor describes it: brand, last four, expiry.</summary>
public sealed record ProcessorCard(string Brand, string Last4, int ExpMonth, int ExpYear);

/// <summary>
/// A payment's history for staff. <see cref="Processor"/> is null for money received by hand; <see cref="ProcessorStatus"/>
/// is in the processor's words, asked now when <see cref="StatusIsCurrent"/>, else the last one recorded.
/// <see cref="Refundable"/> is what is left of the payment; <see cref="MayRefund"/> whether this actor may refund some of it now.
/// </summary>
public sealed record PaymentHistory(
    string? Processor, bool IsTestMode, string? ProcessorPaymentId, string ProcessorStatus, bool StatusIsCurrent, ProcessorCard? Card,
    string FailureMessage, bool NeedsReview, string ReviewNote, IReadOnlyList<ProcessorEventView> Events, IReadOnlyList<PaymentRefundHistory> Refunds,
    decimal Refundable, bool MayRefund);

/// <summary>What only staff see of a payment: the processor's id and status, why it failed, and whether it is flagged for them.</summary>
public sealed record StaffPaymentFacts(string? ProcessorPaymentId, string ProcessorStatus, string FailureMessage, bool NeedsReview, string ReviewNote);

/// <summary>A row of "My payments": when, how, how much and what it paid (invoice numbers, deposits, account credit).</summary>
public sealed record PortalPaymentRow(int Id, string Number, DateTime ReceivedLocal, PaymentMethod Method, PaymentStatus Status, decimal Amount,
    IReadOnlyList<string> Paid);

public sealed record CreditLedgerRow(DateTime AtLocal, decimal Amount, CreditReason Reason, string Note, int? PaymentId, int? InvoiceId);

public static class PaymentText
{
    public static string Of(PaymentMethod method) => method switch
    {
        PaymentMethod.BankTransfer => "Bank transfer",
        PaymentMethod.AccountCredit => "Account credit",
        _ => method.ToString(),
    };

    /// <summary>"Succeeded", "Partly refunded", "Refunded", ...: a succeeded payment with refunds is shown as partly refunded.</summary>
    public static string StatusOf(PaymentStatus status, decimal refundedAmount) =>
        status == PaymentStatus.Succeeded && refundedAmount > 0 ? "Partly refunded" : status.ToString();

    /// <summary>A payment's status in the customer's words, for the receipt.</summary>
    public static string ForCustomer(PaymentStatus status, decimal refundedAmount) => status switch
    {
        PaymentStatus.Succeeded when refundedAmount > 0 => "Paid, partly refunded",
        PaymentStatus.Succeeded => "Paid",
        PaymentStatus.Pending => "Waiting for the card payment to be confirmed",
        PaymentStatus.Failed => "Not completed: nothing was charged",
        _ => "Refunded",
    };

    public static string Of(CreditReason reason) => reason switch
    {
        CreditReason.TopUp => "Credit added",
        CreditReason.AppliedToInvoice => "Applied to invoice",
        _ => reason.ToString(),
    };
}
