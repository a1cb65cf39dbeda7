using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Payments;

/// <summary>
/// Payments received by hand and their allocation to invoices and estimate deposits, account credit (an append-only
/// ledger), staff's payment list and the customer's "My payments" and receipts.
/// </summary>
public sealed class PaymentService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings,
    PaymentPosting posting, IPaymentProcessor processor, AuditLog audit)
{
    private static readonly PaymentMethod[] ManualMethods = [PaymentMethod.Cash, PaymentMethod.Check, PaymentMethod.BankTransfer];

    /// <summary>
    /// Records a cash, check or bank-transfer payment and allocates it; what is not allocated becomes account credit.
    /// Each invoice's paid and due amounts and status follow from the sum of its allocations. Everything is written in
    /// one transaction: on any failure nothing is kept.
    /// </summary>
    public async Task<Result<int>> RecordAsync(Actor actor, RecordPaymentInput input, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.RecordPayment)) return Result<int>.From(Result.Forbidden());
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = company.Today(now);
        var invalid = Validate(input, today);
        if (invalid is not null) return Result<int>.From(invalid);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct))
            return Result<int>.From(Result.Invalid(nameof(RecordPaymentInput.CustomerId), "Choose the customer who paid."));

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Taking the number first is a write, so from here this transaction holds the write lock and the amounts
            // read below cannot change under it.
            var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Payment, ct);
            await PaymentPosting.LockCustomerAsync(db, input.CustomerId, ct);
            var receivedAtUtc = input.ReceivedOn == today ? now : company.ToUtc(input.ReceivedOn.ToDateTime(new TimeOnly(12, 0)));
            var payment = Payment.Record(number, input.CustomerId, receivedAtUtc, input.Method, input.Amount, input.Reference, input.Notes,
                actor.StaffUserId);
            var posted = await posting.PostAsync(db, actor, payment, input.Allocations, now, today, "payment.recorded",
                $"{payment.Number} {PaymentText.Of(payment.Method)} {payment.Amount:0.00}", ct);
            if (!posted.Succeeded) return Result<int>.From(posted);
            await transaction.CommitAsync(ct);
            await posting.PublishAsync(posted.Value!, ct);
            return payment.Id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<int>.From(Result.Conflict("An invoice or estimate changed while this payment was being recorded. Nothing was saved; please try again."));
        }
    }

    /// <summary>
    /// Uses some of the customer's account credit to pay an invoice: a negative ledger entry and a payment of method
    /// AccountCredit allocated to the invoice, in one transaction.
    /// </summary>
    public async Task<Result<int>> ApplyCreditAsync(Actor actor, int customerId, int invoiceId, decimal amount, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.RecordPayment)) return Result<int>.From(Result.Forbidden());
        if (amount <= 0) return Result<int>.From(Result.Invalid("Amount", "Enter an amount of credit to apply."));
        if (decimal.Round(amount, 2) != amount) return Result<int>.From(Result.Invalid("Amount", "Amounts are in whole cents."));
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = company.Today(now);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Payment, ct);
            await PaymentPosting.LockCustomerAsync(db, customerId, ct);
            var balance = await AccountBalanceService.CreditAsync(db, customerId, ct);
            if (amount > balance)
                return Result<int>.From(Result.Invalid("Amount", $"Only {balance:0.00} of account credit is available."));
            var invoiceNumber = await db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.Number).SingleOrDefaultAsync(ct);

            var payment = Payment.Record(number, customerId, now, PaymentMethod.AccountCredit, amount, "Account credit", "", actor.StaffUserId);
            var posted = await posting.PostAsync(db, actor, payment, [AllocationInput.ToInvoice(invoiceId, amount)], now, today, "credit.applied",
                $"{amount:0.00} to {invoiceNumber}", ct);
            if (!posted.Succeeded) return Result<int>.From(posted);
            await transaction.CommitAsync(ct);
            await posting.PublishAsync(posted.Value!, ct);
            return payment.Id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<int>.From(Result.Conflict("The invoice changed while the credit was being applied. Nothing was saved; please try again."));
        }
    }

    /// <summary>
    /// Gives back all or part of a succeeded payment (staff who may refund). What became account credit is taken back
    /// first, as far as the customer still holds it, then the allocations newest first; those invoices and deposits are
    /// owed again. <paramref name="requestId"/> is made once per refund dialog: the same id again (a double click, a
    /// retry) returns the refund it already made. A card payment is refunded at the processor first, with an
    /// idempotency key made from the request id, so a retry after a lost answer refunds once; then everything is
    /// recorded in one transaction. Refunds never add up to more than the payment. Credit used to pay an invoice goes
    /// back to the credit ledger. Returns the refund's id.
    /// </summary>
    public async Task<Result<int>> RefundAsync(Actor actor, int paymentId, decimal amount, string reason, string requestId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.RefundPayment)) return Result<int>.From(Result.Forbidden());
        if (string.IsNullOrWhiteSpace(requestId) || requestId.Length > 64) throw new ArgumentException("A refund needs a request id of at most 64 characters.", nameof(requestId));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RefundMadeForAsync(db, paymentId, requestId, ct) is { } already) return already;
        if (amount <= 0) return Result<int>.From(Result.Invalid("Amount", "The refund must be more than zero."));
        if (decimal.Round(amount, 2) != amount) return Result<int>.From(Result.Invalid("Amount", "Amounts are in whole cents."));
        if (reason.Trim().Length > 500) return Result<int>.From(Result.Invalid("Reason", "The reason can be at most 500 characters."));
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;

        var draft = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (draft is null) return Result<int>.From(Result.NotFound());
        var refundsBefore = draft.Refunds.Count;
        // A trial run on a detached copy says whether the refund fits before the processor is asked.
        var trial = draft.Refund(amount, await AccountBalanceService.CreditAsync(db, draft.CustomerId, ct), reason, now, actor.StaffUserId, null);
        if (!trial.Succeeded) return Result<int>.From(trial);

        string? processorRefundId = null;
        if (draft.Method == PaymentMethod.Card && draft.ProcessorPaymentId is { } intentId)
        {
            var currency = draft.Currency.Length > 0 ? draft.Currency : company.Currency;
            if (!MoneyUnits.TryToMinorUnits(amount, currency, out var minor))
                return Result<int>.From(Result.Invalid("Amount", MoneyUnits.ExactnessRule(currency)));
            Result<ProcessorRefund> refunded;
            try
            {
                refunded = await processor.RefundAsync(intentId, minor, $"refund_{draft.Id}_{requestId}", ct);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException)
            {
                return Result<int>.From(Result.Conflict("The payment service did not answer. Try the same refund again; it will not be refunded twice."));
            }
            if (!refunded.Succeeded) return Result<int>.From(refunded);
            if (!refunded.Value!.Succeeded) return Result<int>.From(Result.Conflict($"The card refund failed: {refunded.Value.FailureMessage}"));
            processorRefundId = refunded.Value.Id;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await PaymentPosting.LockAsync(db, paymentId, ct);
        // The same dialog's refund finished meanwhile (a double click): that one is the answer.
        if (payment.Refunds.FirstOrDefault(r => r.RequestId == requestId) is { } sameRequest) return sameRequest.Id;
        if (processorRefundId is not null
            && await db.PaymentRefunds.Where(r => r.ProcessorRefundId == processorRefundId).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct) is { } recorded)
            return recorded;
        // Money the processor has already given back is recorded whatever happened meanwhile; by hand, a refund recorded
        // meanwhile means staff look again first.
        if (processorRefundId is null && payment.Refunds.Count != refundsBefore)
            return Result<int>.From(Result.Conflict("Another refund of this payment was recorded meanwhile. Nothing was saved; check the payment and try again."));
        var refund = payment.Refund(amount, await AccountBalanceService.CreditAsync(db, payment.CustomerId, ct), reason, now, actor.StaffUserId,
            processorRefundId, requestId);
        if (!refund.Succeeded && processorRefundId is not null)
        {
            payment.FlagForReview($"The processor refunded {amount:0.00} ({processorRefundId}), which could not be recorded here: {refund.Message}");
            audit.Add(db, actor, "payment.refund-unmatched", nameof(Payment), payment.Id.ToString(), payment.CustomerId, payment.ReviewNote);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Result<int>.From(Result.Conflict($"The card was refunded, but the payment changed meanwhile and the refund could not be recorded: {refund.Message} The payment is flagged for review."));
        }
        if (!refund.Succeeded) return Result<int>.From(refund);
        var changes = await posting.ReverseAsync(db, actor, payment, refund.Value!, now, company.Today(now), ct);
        await transaction.CommitAsync(ct);
        await posting.PublishAsync(changes, ct);
        return refund.Value!.Id;
    }

    private static async Task<int?> RefundMadeForAsync(PortalDbContext db, int paymentId, string requestId, CancellationToken ct) =>
        await db.PaymentRefunds.AsNoTracking().Where(r => r.PaymentId == paymentId && r.RequestId == requestId).Select(r => (int?)r.Id)
            .SingleOrDefaultAsync(ct);

    /// <summary>Staff looked at a flagged payment (a surplus, a refund that could not be recorded) and dealt with it.</summary>
    public async Task<Result> MarkReviewedAsync(Actor actor, int paymentId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.RecordPayment)) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null) return Result.NotFound();
        var reviewed = payment.MarkReviewed();
        if (!reviewed.Succeeded) return reviewed;
        audit.Add(db, actor, "payment.reviewed", nameof(Payment), payment.Id.ToString(), payment.CustomerId, payment.ReviewNote);
        await db.SaveChangesAsync(ct);
        await posting.PublishAsync(new PostedChanges(payment.CustomerId, payment.Id, [], []), ct);
        return Result.Success();
    }

    /// <summary>
    /// What staff see of a payment's way through the processor: which processor, the intent and card, its status in the
    /// processor's own words (asked now, or the last one recorded when it does not answer), the events recorded for it,
    /// and every refund with who made it, when and why.
    /// </summary>
    public async Task<Result<PaymentHistory>> HistoryAsync(Actor actor, int paymentId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.RecordPayment)) return Result<PaymentHistory>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null) return Result<PaymentHistory>.From(Result.NotFound());
        var company = await companySettings.GetAsync(ct);

        var staffIds = payment.Refunds.Where(r => r.RefundedByStaffUserId is not null).Select(r => r.RefundedByStaffUserId!.Value).Distinct().ToList();
        var staffNames = await db.StaffUsers.AsNoTracking().Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var refunds = payment.Refunds.OrderBy(r => r.AtUtc).ThenBy(r => r.Id)
            .Select(r => new PaymentRefundHistory(company.ToLocal(r.AtUtc), r.Amount, r.Reason,
                r.RefundedByStaffUserId is { } by ? staffNames.GetValueOrDefault(by, "A former staff member") : "At the payment processor",
                r.ProcessorRefundId))
            .ToList();
        var events = (await db.ProcessorEventReceipts.AsNoTracking().Where(e => e.PaymentId == paymentId).ToListAsync(ct))
            .OrderBy(e => e.ReceivedAtUtc).Select(e => new ProcessorEventView(company.ToLocal(e.ReceivedAtUtc), e.Type, e.EventId)).ToList();

        ProcessorCard? card = null;
        var status = payment.ProcessorStatus;
        var answered = false;
        if (payment.Method == PaymentMethod.Card && payment.ProcessorPaymentId is { } intentId)
        {
            try
            {
                var intent = await processor.GetIntentAsync(intentId, ct);
                if (intent.Succeeded)
                {
                    answered = true;
                    status = ProcessorIntentStatuses.Of(intent.Value!.Status);
                    if (intent.Value.Card is { } c) card = new ProcessorCard(c.Brand, c.Last4, c.ExpMonth, c.ExpYear);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException)
            {
                // The stored status stands in; the page says it is the last one recorded.
            }
        }
        return new PaymentHistory(payment.Method == PaymentMethod.Card ? processor.Name : null, processor.IsTestMode, payment.ProcessorPaymentId,
            status, answered, card, payment.FailureMessage, payment.NeedsReview, payment.ReviewNote, events, refunds, payment.NetAmount,
            payment.Status == PaymentStatus.Succeeded && payment.NetAmount > 0 && access.Can(actor, Operation.RefundPayment));
    }

    /// <summary>The customer's open invoices and deposits a payment can go to, and their credit.</summary>
    public async Task<Result<OpenItems>> OpenItemsAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.RecordPayment)) return Result<OpenItems>.From(Result.Forbidden());
        var company = await companySettings.GetAsync(ct);
        var today = company.Today(clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void && i.AmountDue > 0)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Id)
            .Select(i => new OpenInvoice(i.Id, i.Number, i.Title, i.DueDate, i.Total, i.AmountDue, i.Status, i.DueDate < today))
            .ToListAsync(ct);
        var deposits = await db.Estimates.AsNoTracking()
            .Where(e => e.CustomerId == customerId && e.DepositRequired > e.DepositPaid
                        && (e.Status == EstimateStatus.Sent || e.Status == EstimateStatus.Viewed || e.Status == EstimateStatus.Accepted))
            .OrderBy(e => e.Id)
            .Select(e => new OpenDeposit(e.Id, e.Number, e.Title, e.DepositRequired, e.DepositPaid))
            .ToListAsync(ct);
        var credit = await AccountBalanceService.CreditAsync(db, customerId, ct);
        return new OpenItems(invoices, deposits, credit, today);
    }

    /// <summary>The customer's credit ledger, newest first.</summary>
    public async Task<Result<IReadOnlyList<CreditLedgerRow>>> CreditLedgerAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!access.CanReachCustomer(actor, Operation.ViewPayment, customerId)) return Result<IReadOnlyList<CreditLedgerRow>>.From(Result.NotFound());
        var company = await companySettings.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = await db.CreditEntries.AsNoTracking().Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Take(200).ToListAsync(ct);
        return entries.Select(e => new CreditLedgerRow(company.ToLocal(e.AtUtc), e.Amount, e.Reason, e.Note, e.PaymentId, e.InvoiceId)).ToList();
    }

    public async Task<Result<PagedList<PaymentListItem>>> ListAsync(Actor actor, PaymentListQuery query, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.RecordPayment)) return Result<PagedList<PaymentListItem>>.From(Result.Forbidden());
        var company = await companySettings.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = Listed(db, query, company);
        var total = await rows.CountAsync(ct);
        var page = await rows.Skip(query.Page.Skip).Take(query.Page.SafePageSize).ToListAsync(ct);
        var items = page.Select(p => new PaymentListItem(p.Id, p.Number, p.CustomerId, p.CustomerName, company.ToLocal(p.ReceivedAtUtc), p.Method,
            p.Status, p.Amount, p.Reference, p.RefundedAmount, p.NeedsReview)).ToList();
        return new PagedList<PaymentListItem>(items, total);
    }

    /// <summary>
    /// Every payment of the staff list for the query, filtered and sorted (newest received first), without paging: the
    /// list's pages and its export read this. Days are the company's.
    /// </summary>
    internal static IQueryable<PaymentListRecord> Listed(PortalDbContext db, PaymentListQuery query, CompanySettings company)
    {
        var payments = db.Payments.AsNoTracking();
        if (query.Method is { } method) payments = payments.Where(p => p.Method == method);
        if (query.CustomerId is { } customerId) payments = payments.Where(p => p.CustomerId == customerId);
        if (query.NeedsReviewOnly) payments = payments.Where(p => p.NeedsReview);
        if (query.ReceivedOnly) payments = payments.Where(Payment.IsMoneyReceived);
        if (query.From is { } from)
        {
            var fromUtc = company.StartOfDayUtc(from);
            payments = payments.Where(p => p.ReceivedAtUtc >= fromUtc);
        }
        if (query.To is { } to)
        {
            var toUtc = company.StartOfDayUtc(to.AddDays(1));
            payments = payments.Where(p => p.ReceivedAtUtc < toUtc);
        }
        var rows = payments.Join(db.Customers, p => p.CustomerId, c => c.Id, (p, c) => new { Payment = p, CustomerName = c.DisplayName });
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SqlLike.Anywhere(query.Search);
            rows = rows.Where(r => EF.Functions.Like(r.Payment.Number.ToLower(), pattern, SqlLike.Escape) || EF.Functions.Like(r.Payment.Reference.ToLower(), pattern, SqlLike.Escape)
                                   || EF.Functions.Like(r.CustomerName.ToLower(), pattern, SqlLike.Escape));
        }
        return rows.OrderByDescending(r => r.Payment.ReceivedAtUtc).ThenByDescending(r => r.Payment.Id)
            .Select(r => new PaymentListRecord
            {
                Id = r.Payment.Id, Number = r.Payment.Number, CustomerId = r.Payment.CustomerId, CustomerName = r.CustomerName,
                ReceivedAtUtc = r.Payment.ReceivedAtUtc, Method = r.Payment.Method, Status = r.Payment.Status, Amount = r.Payment.Amount,
                Reference = r.Payment.Reference, NeedsReview = r.Payment.NeedsReview,
                RefundedAmount = db.PaymentRefunds.Where(f => f.PaymentId == r.Payment.Id).Sum(f => f.Amount),
            });
    }

    /// <summary>One payment with what it paid: the staff payment page, and the customer's receipt for their own payments.</summary>
    public async Task<Result<PaymentDetail>> GetAsync(Actor actor, int paymentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null || !access.Can(actor, Operation.ViewPayment, payment)) return Result<PaymentDetail>.From(Result.NotFound());
        var company = await companySettings.GetAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == payment.CustomerId)
            .Select(c => new { c.DisplayName, c.Email }).SingleAsync(ct);
        var allocations = await DescribeAllocationsAsync(db, actor, [payment], ct);
        var creditAdded = await db.CreditEntries.Where(c => c.PaymentId == payment.Id && c.Amount > 0 && c.Reason != CreditReason.Refund).SumAsync(c => c.Amount, ct);
        return new PaymentDetail(payment.Id, payment.Number, payment.CustomerId, customer.DisplayName, customer.Email,
            company.ToLocal(payment.ReceivedAtUtc), payment.Method, payment.Status, payment.Amount, payment.Reference,
            actor.IsCustomer ? null : payment.Notes, allocations[payment.Id], creditAdded,
            payment.Refunds.OrderBy(r => r.AtUtc).Select(r => new PaymentRefundView(company.ToLocal(r.AtUtc), r.Amount, r.Reason,
                actor.IsCustomer ? null : r.ProcessorRefundId)).ToList(),
            actor.IsCustomer ? null : new StaffPaymentFacts(payment.ProcessorPaymentId, payment.ProcessorStatus, payment.FailureMessage, payment.NeedsReview,
                payment.ReviewNote));
    }

    /// <summary>"My payments": the customer's completed payments, newest first, with what each paid.</summary>
    public async Task<Result<IReadOnlyList<PortalPaymentRow>>> PortalListAsync(Actor actor, CancellationToken ct)
    {
        if (actor.CustomerId is not { } customerId || !access.Can(actor, Operation.ViewPayment))
            return Result<IReadOnlyList<PortalPaymentRow>>.From(Result.NotFound());
        var company = await companySettings.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.CustomerId == customerId)
            .OrderByDescending(p => p.ReceivedAtUtc).ThenByDescending(p => p.Id).ToListAsync(ct);
        payments = payments.Where(p => access.Can(actor, Operation.ViewPayment, p)).ToList();
        var allocations = await DescribeAllocationsAsync(db, actor, payments, ct);
        var credited = await db.CreditEntries.Where(c => c.CustomerId == customerId && c.PaymentId != null && c.Amount > 0 && c.Reason != CreditReason.Refund)
            .Select(c => c.PaymentId!.Value).Distinct().ToListAsync(ct);

        return payments.Select(p =>
        {
            var paid = allocations[p.Id].Select(a => a.Description).ToList();
            if (credited.Contains(p.Id)) paid.Add("Account credit");
            return new PortalPaymentRow(p.Id, p.Number, company.ToLocal(p.ReceivedAtUtc), p.Method, p.Status, p.Amount, paid);
        }).ToList();
    }

    /// <summary>Each payment's allocations with document numbers; links only to pages the actor may open.</summary>
    private async Task<Dictionary<int, List<PaymentAllocationView>>> DescribeAllocationsAsync(PortalDbContext db, Actor actor,
        IReadOnlyList<Payment> payments, CancellationToken ct)
    {
        var invoiceIds = payments.SelectMany(p => p.Allocations).Where(a => a.InvoiceId != null).Select(a => a.InvoiceId!.Value).Distinct().ToList();
        var estimateIds = payments.SelectMany(p => p.Allocations).Where(a => a.EstimateId != null).Select(a => a.EstimateId!.Value).Distinct().ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var estimates = await db.Estimates.AsNoTracking().Where(e => estimateIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var prefix = actor.IsCustomer ? "/portal" : "/staff";

        return payments.ToDictionary(p => p.Id, p => p.Allocations.OrderBy(a => a.Id).Select(a =>
        {
            if (a.InvoiceId is { } invoiceId && invoices.TryGetValue(invoiceId, out var invoice))
                return new PaymentAllocationView("Invoice", invoice.Id, invoice.Number, invoice.Title, a.Amount,
                    access.Can(actor, Operation.ViewInvoice, invoice) ? $"{prefix}/invoices/{invoice.Id}" : null);
            var estimate = estimates[a.EstimateId!.Value];
            return new PaymentAllocationView("Deposit", estimate.Id, estimate.Number, estimate.Title, a.Amount,
                access.Can(actor, Operation.ViewEstimate, estimate) ? $"{prefix}/estimates/{estimate.Id}" : null);
        }).ToList());
    }

    private static Result? Validate(RecordPaymentInput input, DateOnly today)
    {
        if (!ManualMethods.Contains(input.Method)) return Result.Invalid("Method", "Record cash, check or bank transfer payments here.");
        if (input.Amount <= 0) return Result.Invalid("Amount", "The amount must be more than zero.");
        if (decimal.Round(input.Amount, 2) != input.Amount) return Result.Invalid("Amount", "Amounts are in whole cents.");
        if (input.ReceivedOn > today) return Result.Invalid("ReceivedOn", "A payment cannot be received in the future.");
        if (input.Reference.Trim().Length > 200) return Result.Invalid("Reference", "The reference can be at most 200 characters.");
        if (input.Notes.Trim().Length > 2000) return Result.Invalid("Notes", "Notes can be at most 2000 characters.");
        foreach (var allocation in input.Allocations)
        {
            if ((allocation.InvoiceId is null) == (allocation.EstimateId is null))
                return Result.Invalid("Allocations", "Each allocation goes to one invoice or one estimate deposit.");
            if (allocation.Amount <= 0) return Result.Invalid("Allocations", "Each allocation must be more than zero.");
            if (decimal.Round(allocation.Amount, 2) != allocation.Amount) return Result.Invalid("Allocations", "Amounts are in whole cents.");
        }
        var allocated = input.Allocations.Sum(a => a.Amount);
        if (allocated > input.Amount)
            return Result.Invalid("Allocations", $"The allocations add up to {allocated:0.00}, more than the payment of {input.Amount:0.00}.");
        return null;
    }
}
