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
    public string Reference { get; set; } = "";

    /// <summary>The payment processor's id (e.g. a Stripe PaymentIntent), unique when set.</summary>
    public string? ProcessorPaymentId { get; private set; }
    public string Notes { get; set; } = "";
    public int? RecordedByStaffUserId { get; private set; }
    public int? PaidByPortalUserId { get; private set; }
    public List<PaymentAllocation> Allocations { get; private set; } = [];

    public bool IsVisibleToCustomer => Status is PaymentStatus.Succeeded or PaymentStatus.Refunded;
    public decimal AllocatedAmount => Allocations.Sum(a => a.Amount);
    public decimal UnallocatedAmount => Amount - AllocatedAmount;

    private Payment() { }

    public Payment(string number, int customerId, DateTime receivedAtUtc, PaymentMethod method, decimal amount, string reference,
        PaymentStatus status, int? recordedByStaffUserId, int? paidByPortalUserId, string? processorPaymentId = null)
    {
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
    }

    public Result AllocateToInvoice(int invoiceId, decimal amount) => Allocate(new PaymentAllocation(invoiceId, null, amount));

    public Result AllocateToDeposit(int estimateId, decimal amount) => Allocate(new PaymentAllocation(null, estimateId, amount));

    public void MarkSucceeded() => Status = PaymentStatus.Succeeded;
    public void MarkFailed() => Status = PaymentStatus.Failed;

    private Result Allocate(PaymentAllocation allocation)
    {
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
