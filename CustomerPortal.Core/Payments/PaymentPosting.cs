using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Notifications;
using CustomerPortal.Core.Operations;
using CustomerPortal.Core.Templates.MergeTags;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Payments;

/// <summary>
/// What a posting changed: the live events to publish once the caller's transaction is committed, and the method of a
/// payment newly received (null for a refund or a review), counted then.
/// </summary>
internal sealed record PostedChanges(int CustomerId, int PaymentId, IReadOnlyCollection<int> InvoiceIds, IReadOnlyCollection<int> EstimateIds,
    PaymentMethod? Received = null);

/// <summary>
/// The one step (its members internal to Core) that turns received money into its effects, and undoes them for a refund: allocations, each invoice's
/// paid and due amounts and status, estimate deposits, the credit ledger and the audit entry. Manual payments, credit
/// applied by staff, card payments confirmed by the processor and refunds all go through it, inside the caller's
/// transaction; the caller commits and then publishes. Invoice and deposit amounts are always summed again from the
/// allocations of succeeded payments, and credit is only ever appended to the ledger.
/// </summary>
public sealed class PaymentPosting(AuditLog audit, ILiveEventPublisher live, CustomerNotifications notifications, CompanySettingsService companySettings,
    PortalMetrics metrics)
{
    /// <summary>
    /// Posts a succeeded payment. <paramref name="allocations"/> are staff's choice; null lets the payment's purpose
    /// decide (its invoice or deposit up to what is owed now, the account balance oldest due first, a top-up none).
    /// What is not allocated becomes account credit; for a payment the customer meant for something that owed less by
    /// the time the money came (two tabs paying one invoice), the surplus is flagged for staff.
    /// </summary>
    internal async Task<Result<PostedChanges>> PostAsync(PortalDbContext db, Actor actor, Payment payment, IReadOnlyList<AllocationInput>? allocations,
        DateTime nowUtc, DateOnly today, string auditAction, string auditDetails, CancellationToken ct)
    {
        if (payment.Status != PaymentStatus.Succeeded) throw new InvalidOperationException("Only received money is posted.");
        allocations ??= await PlanAsync(db, payment, ct);

        var invoiceIds = allocations.Where(a => a.InvoiceId is not null).Select(a => a.InvoiceId!.Value).Distinct().ToList();
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var estimateIds = allocations.Where(a => a.EstimateId is not null).Select(a => a.EstimateId!.Value).Distinct().ToList();
        var estimates = await db.Estimates.Where(e => estimateIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        if (CheckTargets(payment.CustomerId, allocations, invoices, estimates) is { } refused) return Result<PostedChanges>.From(refused);

        foreach (var allocation in allocations)
        {
            var allocated = allocation.InvoiceId is { } invoiceId
                ? payment.AllocateToInvoice(invoiceId, allocation.Amount)
                : payment.AllocateToDeposit(allocation.EstimateId!.Value, allocation.Amount);
            if (!allocated.Succeeded) return Result<PostedChanges>.From(allocated);
        }
        if (payment.Id == 0) db.Payments.Add(payment);
        await db.SaveChangesAsync(ct);

        await RefreshAsync(db, invoices.Values, estimates.Values, today, ct);
        if (payment.Method == PaymentMethod.AccountCredit)
        {
            var invoice = invoices.Count == 1 ? invoices.Values.Single() : null;
            db.CreditEntries.Add(new CreditEntry(payment.CustomerId, nowUtc, -payment.Amount, CreditReason.AppliedToInvoice, payment.Id, invoice?.Id,
                invoice is null ? $"Used by {payment.Number}" : $"Applied to {invoice.Number}"));
        }
        else if (payment.UnallocatedAmount > 0)
        {
            var topUp = payment.Purpose == PaymentPurpose.CreditTopUp;
            db.CreditEntries.Add(new CreditEntry(payment.CustomerId, nowUtc, payment.UnallocatedAmount, topUp ? CreditReason.TopUp : CreditReason.Overpayment,
                payment.Id, null, topUp ? $"Account credit added with {payment.Number}" : $"Unallocated part of {payment.Number}"));
            if (payment.Purpose is PaymentPurpose.Invoice or PaymentPurpose.Deposit or PaymentPurpose.AccountBalance)
                payment.FlagForReview($"{payment.UnallocatedAmount:0.00} more than was owed when the money arrived went to account credit.");
        }
        audit.Add(db, actor, auditAction, nameof(Payment), payment.Id.ToString(), payment.CustomerId, auditDetails);
        // Credit applied by staff moves money already received: no new receipt.
        if (payment.Method != PaymentMethod.AccountCredit) await QueueReceiptAsync(db, payment, ct);
        await db.SaveChangesAsync(ct);
        return new PostedChanges(payment.CustomerId, payment.Id, invoices.Keys, estimates.Keys, payment.Method);
    }

    /// <summary>
    /// Writes a refund the payment entity has just made (<see cref="Payment.Refund"/>): the invoices and deposits it took
    /// back from are owed again, the credit part leaves the ledger (or, for credit that paid an invoice, the credit comes
    /// back), and the audit entry.
    /// </summary>
    internal async Task<PostedChanges> ReverseAsync(PortalDbContext db, Actor actor, Payment payment, PaymentRefund refund, DateTime nowUtc, DateOnly today,
        CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var invoiceIds = refund.Lines.Where(l => l.InvoiceId is not null).Select(l => l.InvoiceId!.Value).Distinct().ToList();
        var estimateIds = refund.Lines.Where(l => l.EstimateId is not null).Select(l => l.EstimateId!.Value).Distinct().ToList();
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToListAsync(ct);
        var estimates = await db.Estimates.Where(e => estimateIds.Contains(e.Id)).ToListAsync(ct);
        await RefreshAsync(db, invoices, estimates, today, ct);

        if (payment.Method == PaymentMethod.AccountCredit)
            db.CreditEntries.Add(new CreditEntry(payment.CustomerId, nowUtc, refund.Amount, CreditReason.Refund, payment.Id, null,
                $"Credit given back from {payment.Number}"));
        else if (refund.Lines.Where(l => l.IsCredit).Sum(l => l.Amount) is > 0 and var fromCredit)
            db.CreditEntries.Add(new CreditEntry(payment.CustomerId, nowUtc, -fromCredit, CreditReason.Refund, payment.Id, null,
                $"Refunded from {payment.Number}"));
        audit.Add(db, actor, "payment.refunded", nameof(Payment), payment.Id.ToString(), payment.CustomerId,
            $"{payment.Number} refunded {refund.Amount:0.00} of {payment.Amount:0.00}{(refund.Reason.Length > 0 ? $": {refund.Reason}" : "")}");
        await db.SaveChangesAsync(ct);
        return new PostedChanges(payment.CustomerId, payment.Id, invoiceIds, estimateIds);
    }

    private async Task QueueReceiptAsync(PortalDbContext db, Payment payment, CancellationToken ct)
    {
        var company = await companySettings.GetAsync(ct);
        await notifications.QueueAsync(db, company, payment.CustomerId, Access.PortalModules.Payments, TemplateEvent.PaymentReceipt, values => values
            .Set(MergeTagCatalog.PaymentNumber, payment.Number)
            .Set(MergeTagCatalog.PaymentAmount, MoneyFormat.Format(payment.Amount, company.Currency))
            .Set(MergeTagCatalog.PaymentDate, company.ToLocal(payment.ReceivedAtUtc).ToString("MMMM d, yyyy", CultureInfo.InvariantCulture))
            .SetLink(MergeTagCatalog.ReceiptLink, PortalPaths.Payment(payment.Id)), ct);
    }

    /// <summary>The payment and what it changed, to the screens following the customer (a received one also to the payments counter); call after the commit.</summary>
    internal async Task PublishAsync(PostedChanges changes, CancellationToken ct)
    {
        if (changes.Received is { } method) metrics.PaymentRecorded(method);
        await live.PublishAsync(new PaymentRecorded(changes.CustomerId, changes.PaymentId), ct);
        foreach (var id in changes.InvoiceIds) await live.PublishAsync(new InvoiceChanged(changes.CustomerId, id), ct);
        foreach (var id in changes.EstimateIds) await live.PublishAsync(new EstimateChanged(changes.CustomerId, id), ct);
    }

    /// <summary>
    /// Takes the payment's customer and then the payment's row for the caller's transaction, then reads the payment: the
    /// first statements are writes that change nothing, so on PostgreSQL a second writer of the same payment (a webhook
    /// and a confirm, two staff refunds) or of another payment of the same customer (two card charges for one invoice)
    /// waits and then reads what the first committed. On SQLite the transaction holds the database's write lock anyway.
    /// </summary>
    internal static async Task<Payment> LockAsync(PortalDbContext db, int paymentId, CancellationToken ct)
    {
        var customerId = await db.Payments.Where(p => p.Id == paymentId).Select(p => p.CustomerId).SingleAsync(ct);
        await LockCustomerAsync(db, customerId, ct);
        await db.Payments.Where(p => p.Id == paymentId).ExecuteUpdateAsync(u => u.SetProperty(p => p.ReviewNote, p => p.ReviewNote), ct);
        return await db.Payments.SingleAsync(p => p.Id == paymentId, ct);
    }

    /// <summary>
    /// Takes the customer's row for the caller's transaction (a write that changes nothing), so money of one customer is
    /// posted one payment at a time on databases with row locks: what is owed and the credit balance read afterwards
    /// cannot change under the caller. SQLite's single writer does this already, so nothing is written there.
    /// </summary>
    internal static async Task LockCustomerAsync(PortalDbContext db, int customerId, CancellationToken ct)
    {
        if (db.Database.IsSqlite()) return;
        await db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Version, c => c.Version), ct);
    }

    /// <summary>Where a payment goes by its purpose, from what is owed now (read in the caller's transaction).</summary>
    internal static async Task<IReadOnlyList<AllocationInput>> PlanAsync(PortalDbContext db, Payment payment, CancellationToken ct)
    {
        switch (payment.Purpose)
        {
            case PaymentPurpose.Invoice:
                var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == payment.ForInvoiceId, ct);
                return invoice is not null && IsPayable(invoice, payment.CustomerId)
                    ? [AllocationInput.ToInvoice(invoice.Id, Math.Min(payment.UnallocatedAmount, invoice.AmountDue))]
                    : [];
            case PaymentPurpose.Deposit:
                var estimate = await db.Estimates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == payment.ForEstimateId, ct);
                return estimate is not null && TakesDeposit(estimate, payment.CustomerId)
                    ? [AllocationInput.ToDeposit(estimate.Id, Math.Min(payment.UnallocatedAmount, estimate.DepositRequired - estimate.DepositPaid))]
                    : [];
            case PaymentPurpose.AccountBalance:
                return await OldestFirstAsync(db, payment.CustomerId, payment.UnallocatedAmount, ct);
            default:
                return [];
        }
    }

    /// <summary>
    /// After a payment of the whole balance: the customer's account credit pays what the card did not (the card was
    /// charged the balance less the credit), as a payment of method AccountCredit, oldest due first. Never more than
    /// the ledger holds or the invoices owe. Null when there is no credit or nothing left owing.
    /// </summary>
    internal async Task<PostedChanges?> UseCreditForBalanceAsync(PortalDbContext db, int customerId, DateTime nowUtc, DateOnly today, CancellationToken ct)
    {
        var credit = await AccountBalanceService.CreditAsync(db, customerId, ct);
        if (credit <= 0) return null;
        var plan = await OldestFirstAsync(db, customerId, credit, ct);
        var amount = plan.Sum(a => a.Amount);
        if (amount <= 0) return null;
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Payment, ct);
        var payment = Payment.Record(number, customerId, nowUtc, PaymentMethod.AccountCredit, amount, "Account credit", "Used with a payment of the balance", null);
        var posted = await PostAsync(db, Actor.System, payment, plan, nowUtc, today, "credit.applied", $"{number} {amount:0.00} of account credit to the balance", ct);
        // The plan comes from what is owed and held now, in this transaction, so a refusal is a bug.
        if (!posted.Succeeded) throw new InvalidOperationException($"Account credit could not be used for the balance: {posted.Message}");
        return posted.Value;
    }

    private static async Task<IReadOnlyList<AllocationInput>> OldestFirstAsync(PortalDbContext db, int customerId, decimal amount, CancellationToken ct)
    {
        var open = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void && i.AmountDue > 0)
            .Select(i => new OpenInvoice(i.Id, i.Number, i.Title, i.DueDate, i.Total, i.AmountDue, i.Status, false))
            .ToListAsync(ct);
        return AllocationPlan.OldestFirst(amount, new OpenItems(open, [], 0, default));
    }

    /// <summary>Sets each invoice's paid amount and each deposit paid from all succeeded allocations to it (saved already).</summary>
    internal static async Task RefreshAsync(PortalDbContext db, IEnumerable<Invoice> invoices, IEnumerable<Estimate> estimates, DateOnly today,
        CancellationToken ct)
    {
        var succeeded = db.Payments.Where(p => p.Status == PaymentStatus.Succeeded);
        foreach (var invoice in invoices)
        {
            var allocated = await db.PaymentAllocations.Where(a => a.InvoiceId == invoice.Id)
                .Join(succeeded, a => a.PaymentId, p => p.Id, (a, p) => new AllocatedPayment(a.Amount, p.ReceivedAtUtc, p.PaidByPortalUserId != null))
                .ToListAsync(ct);
            invoice.ApplyPayments(InvoicePayments.Of(allocated), today);
        }
        foreach (var estimate in estimates)
        {
            var allocated = await db.PaymentAllocations.Where(a => a.EstimateId == estimate.Id)
                .Join(succeeded, a => a.PaymentId, p => p.Id, (a, p) => a.Amount).ToListAsync(ct);
            estimate.ApplyDepositPayments(allocated.Sum());
        }
    }

    internal static bool IsPayable(Invoice invoice, int customerId) =>
        invoice.CustomerId == customerId && invoice.Status is not (InvoiceStatus.Draft or InvoiceStatus.Void) && invoice.AmountDue > 0;

    internal static bool TakesDeposit(Estimate estimate, int customerId) =>
        estimate.CustomerId == customerId && estimate.Status is EstimateStatus.Sent or EstimateStatus.Viewed or EstimateStatus.Accepted
        && estimate.DepositRequired > estimate.DepositPaid;

    /// <summary>Each target must be the customer's, open, and owed at least what is allocated to it in total.</summary>
    internal static Result? CheckTargets(int customerId, IReadOnlyList<AllocationInput> allocations, IReadOnlyDictionary<int, Invoice> invoices,
        IReadOnlyDictionary<int, Estimate> estimates)
    {
        foreach (var group in allocations.Where(a => a.InvoiceId is not null).GroupBy(a => a.InvoiceId!.Value))
        {
            if (!invoices.TryGetValue(group.Key, out var invoice) || invoice.CustomerId != customerId)
                return Result.Invalid("Allocations", "An invoice in the allocation does not belong to this customer.");
            if (invoice.Status is InvoiceStatus.Draft or InvoiceStatus.Void)
                return Result.Invalid("Allocations", $"{invoice.Number} is {invoice.Status.ToString().ToLowerInvariant()} and cannot be paid.");
            var amount = group.Sum(a => a.Amount);
            if (amount > invoice.AmountDue)
                return Result.Invalid("Allocations", $"{invoice.Number} has {invoice.AmountDue:0.00} due; {amount:0.00} is more than that.");
        }
        foreach (var group in allocations.Where(a => a.EstimateId is not null).GroupBy(a => a.EstimateId!.Value))
        {
            if (!estimates.TryGetValue(group.Key, out var estimate) || estimate.CustomerId != customerId)
                return Result.Invalid("Allocations", "An estimate in the allocation does not belong to this customer.");
            if (estimate.Status is not (EstimateStatus.Sent or EstimateStatus.Viewed or EstimateStatus.Accepted))
                return Result.Invalid("Allocations", $"{estimate.Number} is {estimate.Status.ToString().ToLowerInvariant()}; its deposit cannot be paid.");
            var amount = group.Sum(a => a.Amount);
            var remaining = estimate.DepositRequired - estimate.DepositPaid;
            if (amount > remaining)
                return Result.Invalid("Allocations", $"{estimate.Number} has {remaining:0.00} of deposit left to pay; {amount:0.00} is more than that.");
        }
        return null;
    }
}
