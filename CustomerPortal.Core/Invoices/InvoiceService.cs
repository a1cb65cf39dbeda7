using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Invoices;

/// <summary>Invoices for staff (lists, drafts, send, void) and for portal users (view, account balance).</summary>
public sealed class InvoiceService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    TimeProvider clock,
    CompanySettingsService companySettings,
    OutboxWriter outbox,
    AuditLog audit,
    PortalLinks links,
    ILiveEventPublisher live)
{
    public const string ConflictMessage = "Someone else changed this invoice while you were working on it. Reload it to see the latest version.";
    private const string EntityType = "Invoice";

    private static readonly InvoiceStatus[] Unpaid =
        [InvoiceStatus.Sent, InvoiceStatus.Viewed, InvoiceStatus.PartiallyPaid, InvoiceStatus.Overdue];

    /// <summary>A page of invoices. Portal users get only their own customer's sent invoices, whatever the query says.</summary>
    public async Task<Result<PagedList<InvoiceSummary>>> ListAsync(Actor actor, InvoiceListQuery query, CancellationToken ct)
    {
        if (DocumentRules.DenyList(access, actor, Operation.ViewInvoice) is { } denied) return Result<PagedList<InvoiceSummary>>.From(denied);
        var company = await companySettings.GetAsync(ct);
        var today = company.Today(clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var invoices = db.Invoices.AsNoTracking();
        if (actor.IsCustomer)
            invoices = invoices.Where(i => i.CustomerId == actor.CustomerId && i.Status != InvoiceStatus.Draft);
        else if (query.CustomerId is { } customerId)
            invoices = invoices.Where(i => i.CustomerId == customerId);

        // Stored statuses lag behind the calendar (nothing runs at midnight), so Overdue is worked out here.
        invoices = query.Status switch
        {
            null => invoices,
            InvoiceStatus.Overdue => invoices.Where(i => i.Status == InvoiceStatus.Overdue
                || ((i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Viewed || i.Status == InvoiceStatus.PartiallyPaid) && i.DueDate < today)),
            InvoiceStatus.Sent or InvoiceStatus.Viewed or InvoiceStatus.PartiallyPaid => invoices.Where(i => i.Status == query.Status && i.DueDate >= today),
            _ => invoices.Where(i => i.Status == query.Status),
        };
        if (query.UnpaidOnly) invoices = invoices.Where(i => Unpaid.Contains(i.Status));
        if (query.From is { } from) invoices = invoices.Where(i => i.IssueDate >= from);
        if (query.To is { } to) invoices = invoices.Where(i => i.IssueDate <= to);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
#pragma warning disable CA1862 // EF Core translates ToLower().Contains to SQL on SQLite and PostgreSQL; the StringComparison overloads do not translate.
            invoices = invoices.Where(i => i.Number.ToLower().Contains(term) || i.Title.ToLower().Contains(term));
#pragma warning restore CA1862
        }

        var rows = from i in invoices
                   join c in db.Customers on i.CustomerId equals c.Id
                   select new { i.Id, i.Number, i.CustomerId, CustomerName = c.DisplayName, i.Title, i.Status, i.IssueDate, i.DueDate, i.Total, i.AmountPaid, i.AmountDue, i.SentAtUtc, i.CreatedAtUtc };
        var total = await rows.CountAsync(ct);
        rows = (query.Sort, query.Descending) switch
        {
            (DocumentSort.Number, false) => rows.OrderBy(r => r.Number.Length).ThenBy(r => r.Number),
            (DocumentSort.Number, true) => rows.OrderByDescending(r => r.Number.Length).ThenByDescending(r => r.Number),
            (DocumentSort.Customer, false) => rows.OrderBy(r => r.CustomerName).ThenByDescending(r => r.Id),
            (DocumentSort.Customer, true) => rows.OrderByDescending(r => r.CustomerName).ThenByDescending(r => r.Id),
            (DocumentSort.Total, false) => rows.OrderBy(r => r.Total).ThenByDescending(r => r.Id),
            (DocumentSort.Total, true) => rows.OrderByDescending(r => r.Total).ThenByDescending(r => r.Id),
            (DocumentSort.DueDate, false) => rows.OrderBy(r => r.DueDate).ThenByDescending(r => r.Id),
            (DocumentSort.DueDate, true) => rows.OrderByDescending(r => r.DueDate).ThenByDescending(r => r.Id),
            (_, false) => rows.OrderBy(r => r.IssueDate).ThenBy(r => r.Id),
            _ => rows.OrderByDescending(r => r.IssueDate).ThenByDescending(r => r.Id),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = await rows.Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize).ToListAsync(ct);

        var items = page.Select(r => new InvoiceSummary(r.Id, r.Number, r.CustomerId, r.CustomerName, r.Title,
            EffectiveStatus(r.Status, r.DueDate, r.AmountDue, today), r.IssueDate, r.DueDate, r.Total, r.AmountPaid, r.AmountDue, r.SentAtUtc)).ToList();
        return new PagedList<InvoiceSummary>(items, total);
    }

    /// <summary>One invoice as the actor may see it. The first view by a portal user (never staff or view-as) is recorded.</summary>
    public async Task<Result<InvoiceDetails>> GetAsync(Actor actor, int invoiceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await LoadForViewAsync(db, actor, invoiceId, ct);
        if (!loaded.Succeeded) return Result<InvoiceDetails>.From(loaded);
        var (invoice, customerName, today) = loaded.Value;
        var payments = await PaymentsOfAsync(db, actor, invoice.Id, ct);
        return ToDetails(invoice, customerName, actor, today, payments);
    }

    /// <summary>Defaults for a new invoice: dated today, due after the company's payment terms, one empty line.</summary>
    public async Task<InvoiceInput> NewInputAsync(int? customerId, CancellationToken ct)
    {
        var company = await companySettings.GetAsync(ct);
        var today = company.Today(clock.GetUtcNow().UtcDateTime);
        return new InvoiceInput
        {
            CustomerId = customerId ?? 0,
            IssueDate = today,
            DueDate = today.AddDays(company.InvoiceDueDays),
            Lines = [new LineItemInput { TaxRatePercent = company.DefaultTaxRatePercent }],
        };
    }

    /// <summary>A draft loaded for the editor.</summary>
    public async Task<Result<InvoiceInput>> GetInputAsync(Actor actor, int invoiceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (DocumentRules.Deny(access, actor, Operation.ManageInvoice, invoice) is { } denied) return Result<InvoiceInput>.From(denied);
        if (invoice!.Status != InvoiceStatus.Draft) return Result<InvoiceInput>.From(Result.Conflict($"Only a draft can be edited; this invoice is {invoice.Status}."));
        return new InvoiceInput
        {
            CustomerId = invoice.CustomerId,
            JobId = invoice.JobId,
            EstimateId = invoice.EstimateId,
            Title = invoice.Title,
            Terms = invoice.Terms,
            InternalNotes = invoice.InternalNotes,
            IssueDate = invoice.IssueDate,
            DueDate = invoice.DueDate,
            DiscountKind = invoice.DiscountKind,
            DiscountValue = invoice.DiscountValue,
            Lines = invoice.Lines.OrderBy(l => l.Position).Select(LineItemInput.From).ToList(),
            Version = invoice.Version,
        };
    }

    /// <summary>Creates a draft with the next INV- number. Returns the new invoice's id.</summary>
    public async Task<Result<int>> CreateAsync(Actor actor, InvoiceInput input, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageInvoice)) return Result<int>.From(Result.Forbidden());
        if (Validate(input) is { } invalid) return Result<int>.From(invalid);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CheckLinksAsync(db, input, ct) is { } badLink) return Result<int>.From(badLink);
        return await CreateDraftAsync(db, actor, input, ct);
    }

    /// <summary>A draft invoice with the lines, discount and terms of an accepted estimate (and its job, if converted).</summary>
    public async Task<Result<int>> CreateFromEstimateAsync(Actor actor, int estimateId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageInvoice)) return Result<int>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var estimate = await db.Estimates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estimateId, ct);
        if (DocumentRules.Deny(access, actor, Operation.ManageEstimate, estimate) is { } denied) return Result<int>.From(denied);
        if (estimate!.Status != EstimateStatus.Accepted) return Result<int>.From(Result.Conflict("Only an accepted estimate can be invoiced."));
        if (await db.Invoices.AnyAsync(i => i.EstimateId == estimateId && i.Status != InvoiceStatus.Void, ct))
            return Result<int>.From(Result.Conflict("This estimate already has an invoice."));

        var input = await NewInputAsync(estimate.CustomerId, ct);
        input.EstimateId = estimate.Id;
        input.JobId = estimate.ConvertedJobId;
        input.Title = estimate.Title;
        input.Terms = estimate.Terms;
        input.DiscountKind = estimate.DiscountKind;
        input.DiscountValue = estimate.DiscountValue;
        input.Lines = estimate.Lines.OrderBy(l => l.Position).Select(LineItemInput.From).ToList();
        return await CreateDraftAsync(db, actor, input, ct);
    }

    /// <summary>Saves the editor's changes to a draft; a stale <see cref="InvoiceInput.Version"/> is a conflict.</summary>
    public async Task<Result> UpdateDraftAsync(Actor actor, int invoiceId, InvoiceInput input, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (DocumentRules.Deny(access, actor, Operation.ManageInvoice, invoice) is { } denied) return denied;
        if (invoice!.Status != InvoiceStatus.Draft) return Result.Conflict($"Only a draft can be edited; this invoice is {invoice.Status}.");
        if (invoice.Version != input.Version) return Result.Conflict(ConflictMessage);
        input.CustomerId = invoice.CustomerId;
        if (Validate(input) is { } invalid) return invalid;
        if (await CheckLinksAsync(db, input, ct) is { } badLink) return badLink;

        Apply(invoice, input);
        // Line changes alone do not touch the invoice's row; marking it modified makes the save check and bump Version.
        db.Entry(invoice).State = EntityState.Modified;
        db.Entry(invoice).Property(i => i.Version).OriginalValue = input.Version;
        var saved = await SaveAsync(db, ct);
        if (saved.Succeeded) await live.PublishAsync(new InvoiceChanged(invoice.CustomerId, invoice.Id), ct);
        return saved;
    }

    /// <summary>
    /// Sends a draft (it becomes visible in the portal) or sends an unpaid one again, and queues an e-mail with the
    /// portal link to each of the customer's portal users who can see invoices, in the same save.
    /// </summary>
    public async Task<Result> SendAsync(Actor actor, int invoiceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (DocumentRules.Deny(access, actor, Operation.ManageInvoice, invoice) is { } denied) return denied;
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var sent = invoice!.MarkSent(now, company.Today(now));
        if (!sent.Succeeded) return sent;

        var customerName = await CustomerNameAsync(db, invoice.CustomerId, ct);
        var url = links.Invoice(invoice.Id);
        var due = MoneyFormat.Format(invoice.AmountDue, company.Currency);
        var queued = await DocumentNotifications.QueueAsync(db, outbox, company, invoice.CustomerId, PortalModules.Invoices, "invoice-sent",
            user => ($"Invoice {invoice.Number} from {company.Name}",
                $"""
                {DocumentNotifications.Greeting(user)}

                {company.Name} has sent {customerName} invoice {invoice.Number}: {invoice.Title}.
                Amount due: {due}, by {invoice.DueDate:MMMM d, yyyy}.

                See it and download it in your portal:
                {url}
                """), ct);
        audit.Add(db, actor, "invoice.sent", EntityType, invoice.Id.ToString(), invoice.CustomerId, $"{invoice.Number}; {queued} notified");
        var saved = await SaveAsync(db, ct);
        if (saved.Succeeded) await live.PublishAsync(new InvoiceChanged(invoice.CustomerId, invoice.Id), ct);
        return saved.Succeeded ? Result.Success(DocumentNotifications.SentMessage(queued, "Invoice")) : saved;
    }

    /// <summary>Voids an invoice. It is kept (with the reason) and still listed, but nothing is due on it.</summary>
    public async Task<Result> VoidAsync(Actor actor, int invoiceId, string reason, CancellationToken ct)
    {
        reason = (reason ?? "").Trim();
        if (reason.Length == 0) return Result.Invalid("Reason", "Say why the invoice is void.");
        if (reason.Length > 2000) return Result.Invalid("Reason", "Please keep the reason under 2000 characters.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (DocumentRules.Deny(access, actor, Operation.ManageInvoice, invoice) is { } denied) return denied;
        var voided = invoice!.MarkVoid(reason, clock.GetUtcNow().UtcDateTime);
        if (!voided.Succeeded) return voided;
        audit.Add(db, actor, "invoice.voided", EntityType, invoice.Id.ToString(), invoice.CustomerId, $"{invoice.Number}: {reason}");
        var saved = await SaveAsync(db, ct);
        if (saved.Succeeded) await live.PublishAsync(new InvoiceChanged(invoice.CustomerId, invoice.Id), ct);
        return saved.Succeeded ? Result.Success("Invoice voided.") : saved;
    }

    /// <summary>The invoice and its customer's name for a document or page; records the first view by a portal user.</summary>
    internal async Task<Result<(Invoice Invoice, string CustomerName, DateOnly Today)>> LoadForViewAsync(
        PortalDbContext db, Actor actor, int invoiceId, CancellationToken ct)
    {
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (DocumentRules.Deny(access, actor, Operation.ViewInvoice, invoice) is { } denied)
            return Result<(Invoice, string, DateOnly)>.From(denied);
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = company.Today(now);
        if (actor.IsCustomer && !actor.IsViewAsCustomer && invoice!.ViewedAtUtc is null)
        {
            invoice.MarkViewed(now, today);
            // Losing a race with another change only loses the "viewed" mark, which the next view sets again.
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { await db.Entry(invoice).ReloadAsync(ct); }
        }
        return (invoice!, await CustomerNameAsync(db, invoice!.CustomerId, ct), today);
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

    internal static InvoiceStatus EffectiveStatus(InvoiceStatus status, DateOnly dueDate, decimal amountDue, DateOnly today) =>
        status is InvoiceStatus.Sent or InvoiceStatus.Viewed or InvoiceStatus.PartiallyPaid && today > dueDate && amountDue > 0
            ? InvoiceStatus.Overdue
            : status;

    private InvoiceDetails ToDetails(Invoice i, string customerName, Actor actor, DateOnly today, IReadOnlyList<InvoicePayment> payments) =>
        new(i.Id, i.Number, i.CustomerId, customerName, i.Title, i.Terms, actor.IsCustomer ? "" : i.InternalNotes,
            EffectiveStatus(i.Status, i.DueDate, i.AmountDue, today), i.IssueDate, i.DueDate, i.CreatedAtUtc, i.SentAtUtc, i.ViewedAtUtc,
            i.VoidedAtUtc, i.VoidReason, i.Lines.OrderBy(l => l.Position).Select(DocumentLine.From).ToList(), i.DiscountKind, i.DiscountValue,
            new DocumentTotals(i.Subtotal, i.DiscountTotal, i.TaxTotal, i.Total), i.AmountPaid, i.AmountDue, i.JobId, i.EstimateId, i.Version,
            payments, links.Invoice(i.Id));

    private async Task<Result<int>> CreateDraftAsync(PortalDbContext db, Actor actor, InvoiceInput input, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Invoice, ct);
        var invoice = new Invoice(number, input.CustomerId, input.Title.Trim(), input.IssueDate, input.DueDate, clock.GetUtcNow().UtcDateTime);
        Apply(invoice, input);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(ct);
        audit.Add(db, actor, "invoice.created", EntityType, invoice.Id.ToString(), invoice.CustomerId, number);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await live.PublishAsync(new InvoiceChanged(invoice.CustomerId, invoice.Id), ct);
        return invoice.Id;
    }

    private static Result? Validate(InvoiceInput input)
    {
        var errors = new Dictionary<string, string>();
        if (input.CustomerId <= 0) errors[nameof(input.CustomerId)] = "Choose a customer.";
        if (string.IsNullOrWhiteSpace(input.Title)) errors[nameof(input.Title)] = "Give the invoice a title.";
        else if (input.Title.Trim().Length > 200) errors[nameof(input.Title)] = "The title is longer than 200 characters.";
        if (input.Terms.Length > 8000) errors[nameof(input.Terms)] = "The terms are longer than 8000 characters.";
        if (input.InternalNotes.Length > 8000) errors[nameof(input.InternalNotes)] = "The notes are longer than 8000 characters.";
        if (input.DueDate < input.IssueDate) errors[nameof(input.DueDate)] = "The due date cannot be before the invoice date.";
        DocumentRules.AddLineErrors(input.Lines, errors);
        DocumentRules.AddDiscountErrors(input.DiscountKind, input.DiscountValue, errors);
        return errors.Count == 0 ? null : DocumentRules.Invalid(errors);
    }

    private static async Task<Result?> CheckLinksAsync(PortalDbContext db, InvoiceInput input, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct))
            return Result.Invalid(nameof(input.CustomerId), "Choose a customer.");
        if (input.JobId is { } jobId && !await db.Jobs.AnyAsync(j => j.Id == jobId && j.CustomerId == input.CustomerId, ct))
            return Result.Invalid(nameof(input.JobId), "That job does not belong to this customer.");
        if (input.EstimateId is { } estimateId && !await db.Estimates.AnyAsync(e => e.Id == estimateId && e.CustomerId == input.CustomerId, ct))
            return Result.Invalid(nameof(input.EstimateId), "That estimate does not belong to this customer.");
        return null;
    }

    private static void Apply(Invoice invoice, InvoiceInput input)
    {
        invoice.Title = input.Title.Trim();
        invoice.Terms = input.Terms.Trim();
        invoice.InternalNotes = input.InternalNotes.Trim();
        invoice.IssueDate = input.IssueDate;
        invoice.DueDate = input.DueDate;
        invoice.JobId = input.JobId;
        invoice.EstimateId = input.EstimateId;
        invoice.DiscountKind = input.DiscountKind;
        invoice.DiscountValue = input.DiscountKind == DiscountKind.None ? 0 : input.DiscountValue;
        invoice.Lines.Clear();
        invoice.Lines.AddRange(DocumentRules.ToLineItems(input.Lines));
        invoice.Recalculate();
    }

    private static Task<string> CustomerNameAsync(PortalDbContext db, int customerId, CancellationToken ct) =>
        db.Customers.Where(c => c.Id == customerId).Select(c => c.DisplayName).SingleAsync(ct);

    private static async Task<Result> SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Success();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(ConflictMessage);
        }
    }
}
