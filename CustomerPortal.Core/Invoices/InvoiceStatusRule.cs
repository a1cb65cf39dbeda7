using System.Linq.Expressions;
using CustomerPortal.Core.Documents;

namespace CustomerPortal.Core.Invoices;

/// <summary>What decides whether an invoice is overdue.</summary>
public readonly record struct InvoiceDueFacts(InvoiceStatus Status, DateOnly DueDate, decimal AmountDue);

/// <summary>
/// The one definition of an invoice's effective status: an unpaid invoice (sent, viewed or partly paid, with something
/// due) is Overdue once its due date has passed; otherwise the stored status stands. Used by every list, page, tab,
/// dashboard and PDF, in code and (through <see cref="ShowsOn"/>) in SQL.
/// </summary>
public static class InvoiceStatusRule
{
    private static readonly LapsedStatusRule<Invoice, InvoiceStatus, InvoiceDueFacts> Rule = new(
        (f, today) => f.Status == InvoiceStatus.Overdue
            || ((f.Status == InvoiceStatus.Sent || f.Status == InvoiceStatus.Viewed || f.Status == InvoiceStatus.PartiallyPaid)
                && f.AmountDue > 0 && f.DueDate < today),
        InvoiceStatus.Overdue);

    public static InvoiceStatus Effective(InvoiceStatus stored, DateOnly dueDate, decimal amountDue, DateOnly today) =>
        Rule.HasLapsed(new InvoiceDueFacts(stored, dueDate, amountDue), today) ? InvoiceStatus.Overdue : stored;

    /// <summary>Invoices that are overdue today, for LINQ to SQL.</summary>
    public static Expression<Func<Invoice, bool>> IsOverdueOn(DateOnly today) => Rule.HasLapsedOn(today);

    /// <summary>Invoices whose effective status today is <paramref name="status"/>, for LINQ to SQL.</summary>
    public static Expression<Func<Invoice, bool>> ShowsOn(InvoiceStatus status, DateOnly today) => Rule.ShowsOn(status, today);
}
