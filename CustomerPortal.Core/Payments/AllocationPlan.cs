namespace CustomerPortal.Core.Payments;

/// <summary>Helps staff split a payment: fill open items oldest first, and tell what would be left over as credit.</summary>
public static class AllocationPlan
{
    /// <summary>Pays overdue and oldest-due invoices first, then estimate deposits, until the amount runs out.</summary>
    public static IReadOnlyList<AllocationInput> OldestFirst(decimal amount, OpenItems items)
    {
        var left = Math.Max(0, amount);
        var plan = new List<AllocationInput>();
        foreach (var invoice in items.Invoices.OrderBy(i => i.DueDate).ThenBy(i => i.Id))
        {
            if (left <= 0) break;
            var part = Math.Min(left, invoice.AmountDue);
            plan.Add(AllocationInput.ToInvoice(invoice.Id, part));
            left -= part;
        }
        foreach (var deposit in items.Deposits)
        {
            if (left <= 0) break;
            var part = Math.Min(left, deposit.Remaining);
            if (part <= 0) continue;
            plan.Add(AllocationInput.ToDeposit(deposit.EstimateId, part));
            left -= part;
        }
        return plan;
    }

    /// <summary>What is not allocated (it becomes account credit); negative when the allocations are more than the payment.</summary>
    public static decimal Unallocated(decimal amount, IEnumerable<AllocationInput> allocations) =>
        amount - allocations.Where(a => a.Amount > 0).Sum(a => a.Amount);
}
