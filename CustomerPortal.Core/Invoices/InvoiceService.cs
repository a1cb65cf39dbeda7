using System.Globalization;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Invoices;

/// <summary>
/// Invoices for staff (lists, drafts, send, void) and for portal users (view, account balance). Drafts, sending, viewing
/// and lists go through the <see cref="DocumentLifecycle"/> shared with estimates.
/// </summary>
public sealed class InvoiceService
{
    public const string ConflictMessage = "Someone else changed this invoice while you were working on it. Reload it to see the latest version.";

    internal static readonly DocumentKind<Invoice> Kind = new("invoice", DocumentPrefixes.Invoice, Operation.ViewInvoice,
        Operation.ManageInvoice, PortalModules.Invoices, ConflictMessage, db => db.Invoices, i => i.Status != InvoiceStatus.Draft,
        i => new InvoiceChanged(i.CustomerId, i.Id));

    private static readonly InvoiceStatus[] Unpaid =
        [InvoiceStatus.Sent, InvoiceStatus.Viewed, InvoiceStatus.PartiallyPaid, InvoiceStatus.Overdue];

    private readonly DocumentLifecycle _lifecycle;
    private readonly AccessRules _access;
    private readonly PortalLinks _links;

    public InvoiceService(DocumentLifecycle lifecycle, AccessRules access, PortalLinks links)
    {
        _lifecycle = lifecycle;
        _access = access;
        _links = links;
    }

    /// <summary>A page of invoices. Portal users get only their own customer's sent invoices, whatever the query says.</summary>
    public Task<Result<PagedList<InvoiceSummary>>> ListAsync(Actor actor, InvoiceListQuery query, CancellationToken ct) =>
        _lifecycle.ListAsync(actor, Kind, query, Listing(query), ct);

    /// <summary>The invoice list's filters, sorts and row shape for the query (the list and its export).</summary>
    internal static DocumentListing<Invoice, InvoiceSummary> Listing(InvoiceListQuery query) => new(
        (invoices, now) =>
        {
            if (query.Status is { } status) invoices = invoices.Where(InvoiceStatusRule.ShowsOn(status, now.Today));
                if (query.UnpaidOnly) invoices = invoices.Where(i => Unpaid.Contains(i.Status));
                if (query.From is { } from) invoices = invoices.Where(i => i.IssueDate >= from);
                if (query.To is { } to) invoices = invoices.Where(i => i.IssueDate <= to);
                return invoices;
            },
            (rows, descending) => DocumentLifecycle.Sort(rows, r => r.Document.IssueDate, descending),
            (rows, descending) => DocumentLifecycle.Sort(rows, r => r.Document.DueDate, descending),
            now => r => new InvoiceSummary(r.Document.Id, r.Document.Number, r.Document.CustomerId, r.CustomerName, r.Document.Title,
                InvoiceStatusRule.Effective(r.Document.Status, r.Document.DueDate, r.Document.AmountDue, now.Today), r.Document.IssueDate,
                r.Document.DueDate, r.Document.Total, r.Document.AmountPaid, r.Document.AmountDue, r.Document.SentAtUtc));

    /// <summary>
    /// One invoice as the actor may see it, with what the actor may do to it. The first view by a portal user (never
    /// staff or view-as) is recorded.
    /// </summary>
    public async Task<Result<InvoiceDetails>> GetAsync(Actor actor, int invoiceId, CancellationToken ct)
    {
        await using var db = await _lifecycle.OpenAsync(ct);
        var loaded = await LoadForViewAsync(db, actor, invoiceId, ct);
        if (!loaded.Succeeded) return Result<InvoiceDetails>.From(loaded);
        var (invoice, customerName, today) = loaded.Value;
        var payments = await PaymentsOfAsync(db, actor, invoice.Id, ct);
        return ToDetails(invoice, customerName, actor, today, payments);
    }

    /// <summary>Defaults for a new invoice: dated today, due after the company's payment terms, one empty line.</summary>
    public async Task<InvoiceInput> NewInputAsync(int? customerId, CancellationToken ct)
    {
        var now = await _lifecycle.NowAsync(ct);
        return new InvoiceInput
        {
            CustomerId = customerId ?? 0,
            IssueDate = now.Today,
            DueDate = now.Today.AddDays(now.Company.InvoiceDueDays),
            Lines = [new LineItemInput { TaxRatePercent = now.Company.DefaultTaxRatePercent }],
        };
    }

    /// <summary>A draft loaded for the editor.</summary>
    public Task<Result<InvoiceInput>> GetInputAsync(Actor actor, int invoiceId, CancellationToken ct) =>
        _lifecycle.GetDraftAsync(actor, Kind, invoiceId, InvoiceInput.From, ct);

    /// <summary>Creates a draft with the next INV- number. Returns the new invoice's id.</summary>
    public Task<Result<int>> CreateAsync(Actor actor, InvoiceInput input, CancellationToken ct) =>
        _lifecycle.CreateDraftAsync(actor, Kind, input, _ => Validate(input), db => CheckLinksAsync(db, input, ct),
            (number, nowUtc) => new Invoice(number, input.CustomerId, nowUtc, input.ToDraft()), ct);

    /// <summary>A draft invoice with the lines, discount and terms of an accepted estimate (and its job, if converted).</summary>
    public async Task<Result<int>> CreateFromEstimateAsync(Actor actor, int estimateId, CancellationToken ct)
    {
        if (!_access.Can(actor, Operation.ManageInvoice)) return Result<int>.From(Result.Forbidden());
        Estimate? estimate;
        await using (var db = await _lifecycle.OpenAsync(ct))
        {
            estimate = await db.Estimates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estimateId, ct);
            if (DocumentRules.Deny(_access, actor, Operation.ManageEstimate, estimate) is { } denied) return Result<int>.From(denied);
            if (estimate!.Status != EstimateStatus.Accepted) return Result<int>.From(Result.Conflict("Only an accepted estimate can be invoiced."));
            if (await db.Invoices.AnyAsync(i => i.EstimateId == estimateId && i.Status != InvoiceStatus.Void, ct))
                return Result<int>.From(Result.Conflict("This estimate already has an invoice."));
        }

        var input = await NewInputAsync(estimate.CustomerId, ct);
        input.EstimateId = estimate.Id;
        input.JobId = estimate.ConvertedJobId;
        var content = estimate.ToDraft();
        input.Title = content.Title;
        input.Terms = content.Terms;
        input.DiscountKind = content.DiscountKind;
        input.DiscountValue = content.DiscountValue;
        input.Lines = content.Lines.ToList();
        return await CreateAsync(actor, input, ct);
    }

    /// <summary>Saves the editor's changes to a draft; a stale <see cref="DocumentInput.Version"/> is a conflict.</summary>
    public Task<Result> ReviseDraftAsync(Actor actor, int invoiceId, InvoiceInput input, CancellationToken ct) =>
        _lifecycle.ReviseDraftAsync<Invoice>(actor, Kind, invoiceId, input, _ => Validate(input), db => CheckLinksAsync(db, input, ct),
            invoice => invoice.ReviseDraft(input.ToDraft()), ct);

    /// <summary>
    /// Sends a draft (it becomes visible in the portal) or sends an unpaid one again, and queues an e-mail with the
    /// portal link to each of the customer's portal users who can see invoices, in the same save.
    /// </summary>
    public Task<Result> SendAsync(Actor actor, int invoiceId, CancellationToken ct) =>
        _lifecycle.SendAsync<Invoice>(actor, Kind, invoiceId, (invoice, now) => invoice.MarkSent(now.Utc, now.Today), TemplateEvent.InvoiceSent,
            (invoice, now, values) => values
                .Set(MergeTagCatalog.InvoiceNumber, invoice.Number)
                .Set(MergeTagCatalog.InvoiceTitle, invoice.Title)
                .Set(MergeTagCatalog.InvoiceAmountDue, MoneyFormat.Format(invoice.AmountDue, now.Company.Currency))
                .Set(MergeTagCatalog.InvoiceDueDate, invoice.DueDate.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture))
                .SetLink(MergeTagCatalog.InvoiceLink, PortalPaths.Invoice(invoice.Id))
                .SetLink(MergeTagCatalog.InvoicesLinks, PortalPaths.Invoices), ct);

    /// <summary>Voids an invoice. It is kept (with the reason) and still listed, but nothing is due on it.</summary>
    public Task<Result> VoidAsync(Actor actor, int invoiceId, string reason, CancellationToken ct)
    {
        reason = (reason ?? "").Trim();
        if (reason.Length == 0) return Task.FromResult(Result.Invalid("Reason", "Say why the invoice is void."));
        if (reason.Length > 2000) return Task.FromResult(Result.Invalid("Reason", "Please keep the reason under 2000 characters."));
        return _lifecycle.ChangeAsync<Invoice>(actor, Kind, invoiceId, Operation.ManageInvoice, (invoice, now) => invoice.Void(reason, now.Utc),
            "voided", invoice => $"{invoice.Number}: {reason}", "Invoice voided.", null, ct);
    }

    /// <summary>The invoice and its customer's name for a document or page; records the first view by a portal user.</summary>
    internal async Task<Result<(Invoice Invoice, string CustomerName, DateOnly Today)>> LoadForViewAsync(
        PortalDbContext db, Actor actor, int invoiceId, CancellationToken ct)
    {
        var loaded = await _lifecycle.LoadForViewAsync<Invoice>(db, actor, Kind, invoiceId, (invoice, now) => invoice.MarkViewed(now.Utc, now.Today), ct);
        if (!loaded.Succeeded) return Result<(Invoice, string, DateOnly)>.From(loaded);
        return (loaded.Value.Document, loaded.Value.CustomerName, loaded.Value.Now.Today);
    }

    internal static async Task<IReadOnlyList<InvoicePayment>> PaymentsOfAsync(PortalDbContext db, Actor actor, int invoiceId, CancellationToken ct)
    {
        var rows = from a in db.PaymentAllocations
                   join p in db.Payments on a.PaymentId equals p.Id
                   where a.InvoiceId == invoiceId
                   where !actor.IsCustomer || p.Status == PaymentStatus.Succeeded || p.Status == PaymentStatus.Refunded
                   orderby p.ReceivedAtUtc, p.Id
                   select new InvoicePayment(p.Id, p.Number, p.ReceivedAtUtc, p.Method, a.Amount);
        return await rows.AsNoTracking().ToListAsync(ct);
    }

    private InvoiceDetails ToDetails(Invoice i, string customerName, Actor actor, DateOnly today, IReadOnlyList<InvoicePayment> payments) =>
        new(i.Id, i.Number, i.CustomerId, customerName, i.Title, i.Terms, actor.IsCustomer ? "" : i.InternalNotes,
            i.StatusOn(today), i.IssueDate, i.DueDate, i.CreatedAtUtc, i.SentAtUtc, i.ViewedAtUtc,
            i.VoidedAtUtc, i.VoidReason, i.Lines.OrderBy(l => l.Position).Select(DocumentLine.From).ToList(), i.DiscountKind, i.DiscountValue,
            i.Totals, i.AmountPaid, i.AmountDue, i.JobId, i.EstimateId, i.Version,
            payments, InvoiceActions.For(_access, actor, i), _links.Invoice(i.Id));

    private static Result? Validate(InvoiceInput input)
    {
        var errors = DocumentLifecycle.ValidateContent(input, "invoice");
        if (input.DueDate < input.IssueDate) errors[nameof(input.DueDate)] = "The due date cannot be before the invoice date.";
        return errors.Count == 0 ? null : DocumentRules.Invalid(errors);
    }

    private static async Task<Result?> CheckLinksAsync(PortalDbContext db, InvoiceInput input, CancellationToken ct)
    {
        if (await DocumentLifecycle.CheckCustomerAsync(db, input.CustomerId, ct) is { } noCustomer) return noCustomer;
        if (input.JobId is { } jobId && !await db.Jobs.AnyAsync(j => j.Id == jobId && j.CustomerId == input.CustomerId, ct))
            return Result.Invalid(nameof(input.JobId), "That job does not belong to this customer.");
        if (input.EstimateId is { } estimateId && !await db.Estimates.AnyAsync(e => e.Id == estimateId && e.CustomerId == input.CustomerId, ct))
            return Result.Invalid(nameof(input.EstimateId), "That estimate does not belong to this customer.");
        return null;
    }
}
