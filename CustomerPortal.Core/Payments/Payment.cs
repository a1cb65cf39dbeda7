using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Payments;

public enum PaymentMethod
{
    Cash,
    Check,
    BankTransfer,
    Card,
    AccountCredit,
}

public enum PaymentStatus
{
    Pending,
    Succeeded,
    Failed,

    /// <summary>Refunded in full. A partly refunded payment stays Succeeded with <see cref="Payment.RefundedAmount"/> above zero.</summary>
    Refunded,
}

/// <summary>What a payment was made for; it decides how the posting step allocates it once the money is received.</summary>
public enum PaymentPurpose
{
    /// <summary>Staff chose the allocations (cash, check, transfer, account credit used).</summary>
    Manual,

    /// <summary>One invoice, up to what it still owes.</summary>
    Invoice,

    /// <summary>One estimate's deposit, up to what is left of it.</summary>
    Deposit,

    /// <summary>The whole account balance, oldest due first.</summary>
    AccountBalance,

    /// <summary>Account credit bought in advance.</summary>
    CreditTopUp,
}

/// <summary>Money received from a customer, split by allocations over invoices and estimate deposits; any rest becomes account credit.</summary>
public sealed class Payment : ICustomerOwned
{
    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public int CustomerId { get; private set; }
    public DateTime ReceivedAtUtc { get; private set; }
    public PaymentMethod Method { get; private set; }
    public PaymentStatus Status { get; private set; }
    public decimal Amount { get; private set; }

    /// <summary>Check number, bank reference or card brand and last four.</summary>
    public string Reference { get; private set; } = "";

    /// <summary>The payment processor's id (e.g. a Stripe PaymentIntent), unique when set.</summary>
    public string? ProcessorPaymentId { get; private set; }
    public string Notes { get; private set; } = "";
    public int? RecordedByStaffUserId { get; private set; }
    public int? PaidByPortalUserId { get; private set; }
    public List<PaymentAllocation> Allocations { get; private set; } = [];
    public List<PaymentRefund> Refunds { get; private set; } = [];

    public PaymentPurpose Purpose { get; private set; }

    /// <summary>The invoice (purpose Invoice) or estimate (purpose Deposit) the customer chose to pay.</summary>
    public int? ForInvoiceId { get; private set; }
    public int? ForEstimateId { get; private set; }

    /// <summary>ISO code the processor charged in; empty for money staff received by hand (the company currency).</summary>
    public string Currency { get; private set; } = "";

    /// <summary>The key every create call to the processor for this payment carries; stored before the first call, unique.</summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>The processor's last known status of its intent, e.g. requires_action, for staff.</summary>
    public string ProcessorStatus { get; private set; } = "";

    /// <summary>Why the processor refused the payment, in words a customer can read.</summary>
    public string FailureMessage { get; private set; } = "";

    /// <summary>Set when something needs a person to look at it, e.g. two charges for one invoice left a surplus as credit.</summary>
    public bool NeedsReview { get; private set; }
    public string ReviewNote { get; private set; } = "";

    public bool IsVisibleToCustomer => Status is PaymentStatus.Succeeded or PaymentStatus.Refunded;

    /// <summary>
    /// Money that came in and stays: succeeded (not pending, failed or refunded in full), and not account credit the
    /// customer already had. Written as inequalities on purpose: nearly every payment has succeeded, and an equality on
    /// Status would lead SQLite (no ANALYZE statistics) to walk the Status index instead of the date range it is used with.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Payment, bool>> IsMoneyReceived =
        p => p.Status != PaymentStatus.Pending && p.Status != PaymentStatus.Failed && p.Status != PaymentStatus.Refunded
            && p.Method != PaymentMethod.AccountCredit;
    public decimal AllocatedAmount => Allocations.Sum(a => a.Amount);
    public decimal RefundedAmount => Refunds.Sum(r => r.Amount);

    /// <summary>What the business keeps of the payment: the amount less refunds.</summary>
    public decimal NetAmount => Amount - RefundedAmount;

    /// <summary>The part that is not on an invoice or deposit: it went to account credit.</summary>
    public decimal UnallocatedAmount => NetAmount - AllocatedAmount;
    public bool IsPartlyRefunded => Status == PaymentStatus.Succeeded && RefundedAmount > 0;

    private Payment() { }

    public Payment(string number, int customerId, DateTime receivedAtUtc, PaymentMethod method, decimal amount, string reference,
        PaymentStatus status, int? recordedByStaffUserId, int? paidByPortalUserId, string? processorPaymentId = null, string notes = "")
    {
        if (amount <= 0) throw new ArgumentOutOfRangeException(nameof(amount), "A payment is more than zero.");
        Number = number;
        CustomerId = customerId;
        ReceivedAtUtc = receivedAtUtc;
        Method = method;
        Amount = amount;
        Reference = reference;
        Status = status;
        RecordedByStaffUserId = recordedByStaffUserId;
        PaidByPortalUserId = paidByPortalUserId;
        ProcessorPaymentId = processorPaymentId;
        Notes = notes.Trim();
    }

    /// <summary>Money staff received by hand (cash, check, transfer) or account credit used: it has succeeded already.</summary>
    public static Payment Record(string number, int customerId, DateTime receivedAtUtc, PaymentMethod method, decimal amount,
        string reference, string notes, int? recordedByStaffUserId) =>
        new(number, customerId, receivedAtUtc, method, amount, reference.Trim(), PaymentStatus.Succeeded, recordedByStaffUserId, null, notes: notes);

    /// <summary>A card payment a customer started: pending until the processor says the money is there.</summary>
    public static Payment StartCard(string number, int customerId, DateTime nowUtc, decimal amount, string currency, PaymentPurpose purpose,
        int? forInvoiceId, int? forEstimateId, string idempotencyKey, int? portalUserId)
    {
        if (purpose == PaymentPurpose.Manual) throw new ArgumentException("A card payment is for something the customer chose.", nameof(purpose));
        return new Payment(number, customerId, nowUtc, PaymentMethod.Card, amount, "Card", PaymentStatus.Pending, null, portalUserId)
        {
            Purpose = purpose,
            ForInvoiceId = purpose == PaymentPurpose.Invoice ? forInvoiceId : null,
            ForEstimateId = purpose == PaymentPurpose.Deposit ? forEstimateId : null,
            Currency = currency,
            IdempotencyKey = idempotencyKey,
        };
    }

    public Result AllocateToInvoice(int invoiceId, decimal amount) => Allocate(new PaymentAllocation(invoiceId, null, amount));

    public Result AllocateToDeposit(int estimateId, decimal amount) => Allocate(new PaymentAllocation(null, estimateId, amount));

    /// <summary>The processor confirmed a pending payment.</summary>
    public Result MarkSucceeded() => Settle(PaymentStatus.Succeeded);

    /// <summary>The processor declined a pending payment.</summary>
    public Result MarkFailed() => Settle(PaymentStatus.Failed);

    /// <summary>The processor created its intent for this payment.</summary>
    public void AttachProcessorIntent(string processorPaymentId, string processorStatus)
    {
        ProcessorPaymentId ??= processorPaymentId;
        ProcessorStatus = processorStatus;
    }

    /// <summary>
    /// Takes the processor's word on the intent. Money received is final (only a refund undoes it); a decline ends a
    /// pending payment, but an intent that succeeds after a decline (a second try on the same intent) still counts, so
    /// whatever order the news comes in, the end state is the same. True when the payment has just succeeded.
    /// </summary>
    public bool ApplyProcessorStatus(ProcessorIntentStatus status, string failureMessage, string cardReference, DateTime nowUtc)
    {
        if (Status is PaymentStatus.Succeeded or PaymentStatus.Refunded) return false;
        if (cardReference.Length > 0) Reference = cardReference;
        switch (status)
        {
            case ProcessorIntentStatus.Succeeded:
                ProcessorStatus = ProcessorIntentStatuses.Of(status);
                Status = PaymentStatus.Succeeded;
                FailureMessage = "";
                ReceivedAtUtc = nowUtc;
                return true;
            case ProcessorIntentStatus.RequiresPaymentMethod or ProcessorIntentStatus.Canceled when Status == PaymentStatus.Pending:
                ProcessorStatus = ProcessorIntentStatuses.Of(status);
                Status = PaymentStatus.Failed;
                FailureMessage = failureMessage.Length > 0 ? failureMessage : "The payment was not completed. Nothing was charged.";
                return false;
            default:
                if (Status == PaymentStatus.Pending) ProcessorStatus = ProcessorIntentStatuses.Of(status);
                return false;
        }
    }

    /// <summary>Marks the payment for staff to look at, e.g. a surplus that went to credit.</summary>
    public void FlagForReview(string note)
    {
        NeedsReview = true;
        ReviewNote = ReviewNote.Length == 0 ? note : $"{ReviewNote} {note}";
    }

    /// <summary>Staff looked at a flagged payment and dealt with it; the note stays as its history.</summary>
    public Result MarkReviewed()
    {
        if (!NeedsReview) return Result.Conflict("This payment is not flagged for review.");
        NeedsReview = false;
        return Result.Success();
    }

    /// <summary>
    /// Gives back part or all of a succeeded payment. The part that became account credit is taken back first (only as
    /// much as the customer still holds, <paramref name="creditAvailable"/>), then the allocations, newest first, so
    /// the invoices paid last are owed again first. Refunds add up to at most the payment.
    /// </summary>
    public Result<PaymentRefund> Refund(decimal amount, decimal creditAvailable, string reason, DateTime nowUtc, int? staffUserId,
        string? processorRefundId, string? requestId = null)
    {
        if (Status != PaymentStatus.Succeeded)
            return Result<PaymentRefund>.From(Result.Conflict($"A {Status.ToString().ToLowerInvariant()} payment cannot be refunded."));
        if (amount <= 0) return Result<PaymentRefund>.From(Result.Invalid("Amount", "The refund must be more than zero."));
        if (amount > NetAmount)
            return Result<PaymentRefund>.From(Result.Invalid("Amount", $"At most {NetAmount:0.00} of this payment can be refunded."));
        var fromCredit = Math.Min(amount, Math.Min(UnallocatedAmount, Math.Max(0, creditAvailable)));
        var fromAllocations = amount - fromCredit;
        if (fromAllocations > AllocatedAmount)
            return Result<PaymentRefund>.From(Result.Conflict(
                $"At most {fromCredit + AllocatedAmount:0.00} can be refunded now: the customer has used the account credit this payment added."));

        var lines = new List<PaymentRefundLine>();
        if (fromCredit > 0) lines.Add(new PaymentRefundLine(null, null, fromCredit));
        var left = fromAllocations;
        foreach (var allocation in Allocations.OrderByDescending(a => a.Id).ToList())
        {
            if (left <= 0) break;
            var part = Math.Min(left, allocation.Amount);
            lines.Add(new PaymentRefundLine(allocation.InvoiceId, allocation.EstimateId, part));
            allocation.Reduce(part);
            if (allocation.Amount == 0) Allocations.Remove(allocation);
            left -= part;
        }

        var refund = new PaymentRefund(nowUtc, amount, reason.Trim(), staffUserId, processorRefundId, lines, requestId);
        Refunds.Add(refund);
        if (NetAmount == 0) Status = PaymentStatus.Refunded;
        return refund;
    }

    private Result Settle(PaymentStatus outcome)
    {
        if (Status == outcome) return Result.Success();
        if (Status != PaymentStatus.Pending) return Result.Conflict($"This payment is already {Status.ToString().ToLowerInvariant()}.");
        Status = outcome;
        return Result.Success();
    }

    private Result Allocate(PaymentAllocation allocation)
    {
        if (Status is PaymentStatus.Failed or PaymentStatus.Refunded)
            return Result.Conflict($"A {Status.ToString().ToLowerInvariant()} payment cannot be allocated.");
        if (allocation.Amount <= 0) return Result.Invalid("An allocation must be more than zero.");
        if (allocation.Amount > UnallocatedAmount)
            return Result.Invalid($"Only {UnallocatedAmount:0.00} of this payment is left to allocate.");
        Allocations.Add(allocation);
        return Result.Success();
    }
}

/// <summary>The part of a payment that went to one invoice or one estimate's deposit.</summary>
public sealed class PaymentAllocation
{
    public int Id { get; private set; }
    public int PaymentId { get; private set; }
    public int? InvoiceId { get; private set; }
    public int? EstimateId { get; private set; }
    public decimal Amount { get; private set; }

    private PaymentAllocation() { }

    internal PaymentAllocation(int? invoiceId, int? estimateId, decimal amount)
    {
        InvoiceId = invoiceId;
        EstimateId = estimateId;
        Amount = amount;
    }

    /// <summary>A refund took back part of what this allocation paid.</summary>
    internal void Reduce(decimal amount) => Amount -= Math.Min(amount, Amount);
}
