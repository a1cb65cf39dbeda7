using System.Linq.Expressions;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Notifications;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Documents;

/// <summary>The company's clock reading: its settings, the UTC time and the company's calendar day.</summary>
public sealed record CompanyNow(CompanySettings Company, DateTime Utc, DateOnly Today);

/// <summary>
/// The one path estimates and invoices share: lists, drafts (create, load, revise), send with the portal notice in the
/// same save, view, and any other change (void, accept, decline) with its audit entry. Each kind passes what differs.
/// </summary>
public sealed class DocumentLifecycle(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    TimeProvider clock,
    CompanySettingsService companySettings,
    OutboxWriter outbox,
    NotificationComposer composer,
    PortalLinks links,
    CustomerNotifications notifications,
    AuditLog audit,
    ILiveEventPublisher live)
{
    public Task<PortalDbContext> OpenAsync(CancellationToken ct) => dbFactory.CreateDbContextAsync(ct);

    public async Task<CompanyNow> NowAsync(CancellationToken ct)
    {
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return new CompanyNow(company, now, company.Today(now));
    }

    /// <summary>A page of summaries: the actor's scope, the search, the sort and the page; the kind filters and shapes.</summary>
    public async Task<Result<PagedList<TRow>>> ListAsync<TDocument, TRow>(Actor actor, DocumentKind<TDocument> kind, DocumentListQuery query,
        DocumentListing<TDocument, TRow> listing, CancellationToken ct)
        where TDocument : SalesDocument
    {
        if (DocumentRules.DenyList(access, actor, kind.View) is { } denied) return Result<PagedList<TRow>>.From(denied);
        var now = await NowAsync(ct);
        await using var db = await OpenAsync(ct);

        var rows = Listed(db, actor, kind, query, listing, now);
        var total = await rows.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = await rows.Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize).Select(listing.Shape(now)).ToListAsync(ct);
        return new PagedList<TRow>(page, total);
    }

    /// <summary>May the actor list documents of this kind? Null when they may, else the refusal.</summary>
    public Result? DenyList<TDocument>(Actor actor, DocumentKind<TDocument> kind) where TDocument : SalesDocument =>
        DocumentRules.DenyList(access, actor, kind.View);

    /// <summary>
    /// Every document of a list in the actor's scope, filtered and sorted, without paging: the list's pages and its export
    /// read this (shaped with <see cref="DocumentListing{TDocument,TRow}.Shape"/>).
    /// </summary>
    public static IOrderedQueryable<ListedDocument<TDocument>> Listed<TDocument, TRow>(PortalDbContext db, Actor actor, DocumentKind<TDocument> kind,
        DocumentListQuery query, DocumentListing<TDocument, TRow> listing, CompanyNow now)
        where TDocument : SalesDocument
    {
        var documents = kind.Set(db).AsNoTracking();
        if (actor.IsCustomer) documents = documents.Where(d => d.CustomerId == actor.CustomerId).Where(kind.IsSent);
        else if (query.CustomerId is { } customerId) documents = documents.Where(d => d.CustomerId == customerId);
        documents = listing.Filter(documents, now);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
#pragma warning disable CA1862 // EF Core translates ToLower().Contains to SQL on SQLite and PostgreSQL; the StringComparison overloads do not translate.
            documents = documents.Where(d => d.Number.ToLower().Contains(term) || d.Title.ToLower().Contains(term));
#pragma warning restore CA1862
        }

        var rows = documents.Join(db.Customers, d => d.CustomerId, c => c.Id,
            (d, c) => new ListedDocument<TDocument> { Document = d, CustomerName = c.DisplayName });
        var descending = query.Descending;
        var ordered = query.Sort switch
        {
            DocumentSort.Number => descending
                ? rows.OrderByDescending(r => r.Document.Number.Length).ThenByDescending(r => r.Document.Number)
                : rows.OrderBy(r => r.Document.Number.Length).ThenBy(r => r.Document.Number),
            DocumentSort.Customer => Sort(rows, r => r.CustomerName, descending),
            DocumentSort.Total => Sort(rows, r => r.Document.Total, descending),
            DocumentSort.DueDate => listing.ByDueDate(rows, descending),
            _ => listing.ByDate(rows, descending),
        };
        return ordered.ThenByDescending(r => r.Document.Id);
    }

    public static IOrderedQueryable<ListedDocument<TDocument>> Sort<TDocument, TKey>(IQueryable<ListedDocument<TDocument>> rows,
        Expression<Func<ListedDocument<TDocument>, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    /// <summary>Creates a draft with the kind's next number, in one transaction with its audit entry. Returns its id.</summary>
    public async Task<Result<int>> CreateDraftAsync<TDocument>(Actor actor, DocumentKind<TDocument> kind, DocumentInput input,
        Func<DocumentInput, Result?> validate, Func<PortalDbContext, Task<Result?>> checkLinks, Func<string, DateTime, TDocument> create, CancellationToken ct)
        where TDocument : SalesDocument
    {
        if (!access.Can(actor, kind.Manage)) return Result<int>.From(Result.Forbidden());
        if (validate(input) is { } invalid) return Result<int>.From(invalid);
        await using var db = await OpenAsync(ct);
        if (await checkLinks(db) is { } badLink) return Result<int>.From(badLink);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = await DocumentNumbers.NextAsync(db, kind.NumberPrefix, ct);
        var document = create(number, clock.GetUtcNow().UtcDateTime);
        kind.Set(db).Add(document);
        await db.SaveChangesAsync(ct);
        Audit(db, actor, kind, document, "created", number);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await PublishAsync(kind, document, ct);
        return document.Id;
    }

    /// <summary>A stored draft for the editor; anything past draft is a conflict.</summary>
    public async Task<Result<TInput>> GetDraftAsync<TDocument, TInput>(Actor actor, DocumentKind<TDocument> kind, int id,
        Func<TDocument, TInput> toInput, CancellationToken ct)
        where TDocument : SalesDocument
    {
        await using var db = await OpenAsync(ct);
        var document = await kind.Set(db).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (DocumentRules.Deny(access, actor, kind.Manage, document) is { } denied) return Result<TInput>.From(denied);
        if (document!.RefuseEditUnlessDraft() is { } notDraft) return Result<TInput>.From(notDraft);
        return toInput(document);
    }

    /// <summary>
    /// Saves the editor's changes to a draft. The customer never changes; a stale <see cref="DocumentInput.Version"/> is
    /// a conflict.
    /// </summary>
    public async Task<Result> ReviseDraftAsync<TDocument>(Actor actor, DocumentKind<TDocument> kind, int id, DocumentInput input,
        Func<DocumentInput, Result?> validate, Func<PortalDbContext, Task<Result?>> checkLinks, Func<TDocument, Result> revise,
        CancellationToken ct)
        where TDocument : SalesDocument
    {
        await using var db = await OpenAsync(ct);
        var document = await kind.Set(db).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (DocumentRules.Deny(access, actor, kind.Manage, document) is { } denied) return denied;
        if (document!.RefuseEditUnlessDraft() is { } notDraft) return notDraft;
        if (document.Version != input.Version) return Result.Conflict(kind.ConflictMessage);
        input.CustomerId = document.CustomerId;
        if (validate(input) is { } invalid) return invalid;
        if (await checkLinks(db) is { } badLink) return badLink;

        var revised = revise(document);
        if (!revised.Succeeded) return revised;
        // Line changes alone do not touch the document's row; marking it modified makes the save check and bump Version.
        db.Entry(document).State = EntityState.Modified;
        db.Entry(document).Property(d => d.Version).OriginalValue = input.Version;
        var saved = await SaveAsync(db, kind, ct);
        if (saved.Succeeded) await PublishAsync(kind, document, ct);
        return saved;
    }

    /// <summary>
    /// Sends a document (a draft becomes visible in the portal) and queues an e-mail with the portal link to each of the
    /// customer's portal users who can see the kind, in the same save as the change and its audit entry.
    /// </summary>
    public async Task<Result> SendAsync<TDocument>(Actor actor, DocumentKind<TDocument> kind, int id,
        Func<TDocument, CompanyNow, Result> markSent, TemplateEvent sentEvent, Func<TDocument, CompanyNow, MergeValues, MergeValues> fields,
        CancellationToken ct)
        where TDocument : SalesDocument
    {
        await using var db = await OpenAsync(ct);
        var document = await kind.Set(db).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (DocumentRules.Deny(access, actor, kind.Manage, document) is { } denied) return denied;
        var now = await NowAsync(ct);
        var sent = markSent(document!, now);
        if (!sent.Succeeded) return sent;

        var notified = await notifications.QueueAsync(db, now.Company, document!.CustomerId, kind.Module, sentEvent,
            values => fields(document, now, values), ct);
        Audit(db, actor, kind, document, "sent", $"{document.Number}; {notified.Emails} e-mailed{(notified.Sms ? ", texted" : "")}");
        var saved = await SaveAsync(db, kind, ct);
        if (!saved.Succeeded) return saved;
        await PublishAsync(kind, document, ct);
        return Result.Success(CustomerNotifications.SentMessage(notified, kind.Title));
    }

    /// <summary>
    /// Any other change the actor may make with <paramref name="operation"/>: the change, then its audit entry and
    /// whatever <paramref name="alsoQueue"/> adds, in one save.
    /// </summary>
    public async Task<Result> ChangeAsync<TDocument>(Actor actor, DocumentKind<TDocument> kind, int id, Operation operation,
        Func<TDocument, CompanyNow, Result> change, string auditAction, Func<TDocument, string> auditDetails, string done,
        Func<PortalDbContext, TDocument, CompanyNow, Task>? alsoQueue, CancellationToken ct, string ipAddress = "")
        where TDocument : SalesDocument
    {
        await using var db = await OpenAsync(ct);
        var document = await kind.Set(db).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (DocumentRules.Deny(access, actor, operation, document) is { } denied) return denied;
        var now = await NowAsync(ct);
        var changed = change(document!, now);
        if (!changed.Succeeded) return changed;
        Audit(db, actor, kind, document!, auditAction, auditDetails(document!), ipAddress);
        if (alsoQueue is not null) await alsoQueue(db, document!, now);
        var saved = await SaveAsync(db, kind, ct);
        if (!saved.Succeeded) return saved;
        await PublishAsync(kind, document!, ct);
        return Result.Success(done);
    }

    /// <summary>The document and its customer's name for a page or PDF; records the first view by a portal user.</summary>
    public async Task<Result<(TDocument Document, string CustomerName, CompanyNow Now)>> LoadForViewAsync<TDocument>(
        PortalDbContext db, Actor actor, DocumentKind<TDocument> kind, int id, Action<TDocument, CompanyNow> markViewed, CancellationToken ct)
        where TDocument : SalesDocument
    {
        var document = await kind.Set(db).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (DocumentRules.Deny(access, actor, kind.View, document) is { } denied)
            return Result<(TDocument, string, CompanyNow)>.From(denied);
        var now = await NowAsync(ct);
        if (actor.IsCustomer && !actor.IsViewAsCustomer && document!.ViewedAtUtc is null)
        {
            markViewed(document, now);
            // Losing a race with another change only loses the "viewed" mark, which the next view sets again.
            try
            {
                await db.SaveChangesAsync(ct);
                await PublishAsync(kind, document, ct);
            }
            catch (DbUpdateConcurrencyException) { await db.Entry(document).ReloadAsync(ct); }
        }
        return (document!, await CustomerNameAsync(db, document!.CustomerId, ct), now);
    }

    /// <summary>Tells other screens (staff lists, the customer's portal) that the document changed; call after its save.</summary>
    public Task PublishAsync<TDocument>(DocumentKind<TDocument> kind, TDocument document, CancellationToken ct)
        where TDocument : SalesDocument =>
        live.PublishAsync(kind.Changed(document), ct);

    /// <summary>Adds "estimate.sent"-style audit entries to the caller's save.</summary>
    public void Audit<TDocument>(PortalDbContext db, Actor actor, DocumentKind<TDocument> kind, TDocument document, string action, string details,
        string ipAddress = "")
        where TDocument : SalesDocument =>
        audit.Add(db, actor, $"{kind.Noun}.{action}", kind.Title, document.Id.ToString(), document.CustomerId, details, ipAddress);

    /// <summary>An e-mail to the company's own address (an answer from the customer, say), filled from the event's template.</summary>
    public async Task QueueToCompanyAsync(PortalDbContext db, CompanySettings company, int customerId, TemplateEvent templateEvent,
        Func<MergeValues, MergeValues> fields, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(company.Email)) return;
        var templates = await composer.ForAsync(db, templateEvent, ct);
        var customer = await CustomerNamesAsync(db, customerId, ct);
        outbox.EnqueueEmail(db, company.Email, company.Name, templates.Email(fields(NotificationValues.For(company, RecipientLinks.Plain(links), customer))), templates.Key);
    }

    private static Task<CustomerNames> CustomerNamesAsync(PortalDbContext db, int customerId, CancellationToken ct) =>
        db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new CustomerNames(c.DisplayName, c.FirstName, c.LastName)).SingleAsync(ct);

    public static Task<string> CustomerNameAsync(PortalDbContext db, int customerId, CancellationToken ct) =>
        db.Customers.Where(c => c.Id == customerId).Select(c => c.DisplayName).SingleAsync(ct);

    /// <summary>Saves; another save in between is the kind's "someone else changed it" conflict.</summary>
    public static async Task<Result> SaveAsync<TDocument>(PortalDbContext db, DocumentKind<TDocument> kind, CancellationToken ct)
        where TDocument : SalesDocument
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Success();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(kind.ConflictMessage);
        }
    }

    /// <summary>The checks every draft gets: customer, title, wording, lines and discount.</summary>
    public static Dictionary<string, string> ValidateContent(DocumentInput input, string noun)
    {
        var errors = new Dictionary<string, string>();
        if (input.CustomerId <= 0) errors[nameof(input.CustomerId)] = "Choose a customer.";
        if (string.IsNullOrWhiteSpace(input.Title)) errors[nameof(input.Title)] = $"Give the {noun} a title.";
        else if (input.Title.Trim().Length > 200) errors[nameof(input.Title)] = "The title is longer than 200 characters.";
        if (input.Terms.Length > 8000) errors[nameof(input.Terms)] = "The terms are longer than 8000 characters.";
        if (input.InternalNotes.Length > 8000) errors[nameof(input.InternalNotes)] = "The notes are longer than 8000 characters.";
        DocumentRules.AddLineErrors(input.Lines, errors);
        DocumentRules.AddDiscountErrors(input.DiscountKind, input.DiscountValue, errors);
        return errors;
    }

    /// <summary>Null when the customer exists; the kind adds its own links (project, job, estimate).</summary>
    public static async Task<Result?> CheckCustomerAsync(PortalDbContext db, int customerId, CancellationToken ct) =>
        await db.Customers.AnyAsync(c => c.Id == customerId, ct) ? null : Result.Invalid(nameof(DocumentInput.CustomerId), "Choose a customer.");
}
