using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Payments;

public enum CreditReason
{
    TopUp,
    Overpayment,
    AppliedToInvoice,
    Refund,
    Adjustment,
}

/// <summary>
/// One line of a customer's account-credit ledger. Append-only: the DbContext refuses to change or delete one,
/// so a mistake is corrected by a new entry. The balance is the sum of amounts.
/// </summary>
public sealed class CreditEntry : ICustomerOwned
{
    public long Id { get; private set; }
    public int CustomerId { get; private set; }
    public DateTime AtUtc { get; private set; }

    /// <summary>Positive adds credit, negative uses it.</summary>
    public decimal Amount { get; private set; }
    public CreditReason Reason { get; private set; }
    public int? PaymentId { get; private set; }
    public int? InvoiceId { get; private set; }
    public string Note { get; private set; } = "";

    public bool IsVisibleToCustomer => true;

    private CreditEntry() { }

    public CreditEntry(int customerId, DateTime atUtc, decimal amount, CreditReason reason, int? paymentId, int? invoiceId, string note)
    {
        CustomerId = customerId;
        AtUtc = atUtc;
        Amount = amount;
        Reason = reason;
        PaymentId = paymentId;
        InvoiceId = invoiceId;
        Note = note;
    }
}
