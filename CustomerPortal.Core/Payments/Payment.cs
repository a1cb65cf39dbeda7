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
    Refunded,
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

    public bool IsVisibleToCustomer => Status is PaymentStatus.Succeeded or PaymentStatus.Refunded;
    public decimal AllocatedAmount => Allocations.Sum(a => a.Amount);
    public decimal UnallocatedAmount => Amount - AllocatedAmount;

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

    public Result AllocateToInvoice(int invoiceId, decimal amount) => Allocate(new PaymentAllocation(invoiceId, null, amount));

    public Result AllocateToDeposit(int estimateId, decimal amount) => Allocate(new PaymentAllocation(null, estimateId, amount));

    /// <summary>The processor confirmed a pending payment.</summary>
    public Result MarkSucceeded() => Settle(PaymentStatus.Succeeded);

    /// <summary>The processor declined a pending payment.</summary>
    public Result MarkFailed() => Settle(PaymentStatus.Failed);

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
}
