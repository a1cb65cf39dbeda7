namespace CustomerPortal.Core.Payments;

/// <summary>
/// Money given back from a payment, in full or in part; a payment can have several, adding up to at most its amount.
/// Its lines say what it took back: from an invoice, from a deposit, or (neither) from the account credit the payment added.
/// </summary>
public sealed class PaymentRefund
{
    public int Id { get; private set; }
    public int PaymentId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public decimal Amount { get; private set; }
    public string Reason { get; private set; } = "";
    public int? RefundedByStaffUserId { get; private set; }

    /// <summary>The processor's refund id (card payments), unique when set.</summary>
    public string? ProcessorRefundId { get; private set; }
    public List<PaymentRefundLine> Lines { get; private set; } = [];

    /// <summary>
    /// The id the staff page made when its refund dialog opened, unique per payment: a second click or a retry with the
    /// same id gets this refund back instead of a new one. Null for refunds made at the processor.
    /// </summary>
    public string? RequestId { get; private set; }

    private PaymentRefund() { }

    internal PaymentRefund(DateTime atUtc, decimal amount, string reason, int? refundedByStaffUserId, string? processorRefundId,
        List<PaymentRefundLine> lines, string? requestId)
    {
        RequestId = requestId;
        AtUtc = atUtc;
        Amount = amount;
        Reason = reason;
        RefundedByStaffUserId = refundedByStaffUserId;
        ProcessorRefundId = processorRefundId;
        Lines = lines;
    }
}

/// <summary>What one refund took back from one invoice, one deposit, or (both ids null) from account credit.</summary>
public sealed class PaymentRefundLine
{
    public int Id { get; private set; }
    public int PaymentRefundId { get; private set; }
    public int? InvoiceId { get; private set; }
    public int? EstimateId { get; private set; }
    public decimal Amount { get; private set; }

    private PaymentRefundLine() { }

    internal PaymentRefundLine(int? invoiceId, int? estimateId, decimal amount)
    {
        InvoiceId = invoiceId;
        EstimateId = estimateId;
        Amount = amount;
    }

    public bool IsCredit => InvoiceId is null && EstimateId is null;
}
