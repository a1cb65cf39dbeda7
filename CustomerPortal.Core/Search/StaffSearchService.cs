using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Search;

/// <summary>
/// The staff app bar's search over customers (names, company, e-mail, phone), document numbers and titles (jobs, estimates,
/// invoices, payments). On SQLite it reads the FTS5 trigram index, on PostgreSQL pg_trgm indexes; each kind's first hits
/// are then read by id, one query per kind. Back-office data: a portal user is refused.
/// </summary>
public sealed class StaffSearchService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings)
{
    /// <summary>Hits shown per kind.</summary>
    public const int HitsPerKind = 5;

    /// <summary>Matches counted per query at most; beyond it totals are "at least". Tests make it small.</summary>
    internal int ScanLimit { get; init; } = 500;

    /// <summary>When there are more matches than that, how many of the newest are read to show.</summary>
    internal int NewestScanLimit { get; init; } = 100;

    /// <summary>Longer input is cut: no one types more to find a record, and the index would be asked for every trigram of it.</summary>
    public const int MaxQueryLength = 100;

    private static readonly Dictionary<StaffSearchKind, (Operation View, string Heading)> Kinds = new()
    {
        [StaffSearchKind.Customer] = (Operation.ViewCustomer, "Customers"),
        [StaffSearchKind.Job] = (Operation.ViewJob, "Jobs"),
        [StaffSearchKind.Estimate] = (Operation.ViewEstimate, "Estimates"),
        [StaffSearchKind.Invoice] = (Operation.ViewInvoice, "Invoices"),
        [StaffSearchKind.Payment] = (Operation.ViewPayment, "Payments"),
    };

    public async Task<Result<StaffSearchResults>> SearchAsync(Actor actor, string? text, CancellationToken ct)
    {
        if (actor.IsCustomer || !access.Can(actor, Operation.SearchBackOffice)) return Result<StaffSearchResults>.From(Result.Forbidden());
        if (text is { Length: > MaxQueryLength }) text = text[..MaxQueryLength];
        var query = StaffSearchQuery.Parse(text);
        if (!query.CanSearch) return query.Message is null ? StaffSearchResults.Empty : new StaffSearchResults([], query.Message);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = db.Database.IsSqlite() ? await MatchInIndexAsync(db, query, ct) : await MatchByTrigramAsync(db, query, ct);

        StaffSearchKind? exactKind = null;
        if (query.ExactNumber is { } exact && await ExactNumberIdAsync(db, exact.Kind, exact.Number, ct) is { } exactId)
        {
            exactKind = exact.Kind;
            var ids = found.GetValueOrDefault(exact.Kind) ?? new Matches([], false);
            found[exact.Kind] = ids with { Ids = [exactId, .. ids.Ids.Where(id => id != exactId)] };
        }

        var company = await companySettings.GetAsync(ct);
        var today = company.Today(clock.GetUtcNow().UtcDateTime);
        var groups = new List<StaffSearchGroup>();
        foreach (var (kind, (view, heading)) in Kinds)
        {
            if (!found.TryGetValue(kind, out var matches) || matches.Ids.Count == 0 || !access.Can(actor, view)) continue;
            var first = matches.Ids.Take(HitsPerKind).ToList();
            var hits = await ResolveAsync(db, kind, first, company.Currency, today, ct);
            var ordered = first.Where(hits.ContainsKey).Select(id => hits[id] with { IsExactNumber = kind == exactKind && id == first[0] }).ToList();
            if (ordered.Count > 0) groups.Add(new StaffSearchGroup(kind, heading, ordered, matches.Ids.Count, matches.Capped));
        }
        // The document whose number was typed comes first; otherwise customers before documents.
        var sorted = groups.OrderBy(g => g.Kind == exactKind ? 0 : 1).ThenBy(g => g.Kind).ToList();
        return new StaffSearchResults(sorted);
    }

    /// <summary>Ids found of one kind, newest first (all of them up to the scan limit); <see cref="Capped"/>: the limit was reached.</summary>
    private sealed record Matches(IReadOnlyList<int> Ids, bool Capped);

    private async Task<Dictionary<StaffSearchKind, Matches>> MatchInIndexAsync(PortalDbContext db, StaffSearchQuery query, CancellationToken ct)
    {
        var match = query.MatchExpression;
        var first = await SearchIndexSql.FirstMatchesAsync(db, match, ScanLimit, ct);
        var capped = first.Count == ScanLimit;
        // Seen everything: each kind's newest are at the end. Otherwise the newest are read separately, and the totals
        // count what either read saw. The forward read starts at the low ids, where customers (fewer, older) sit among
        // the oldest documents, so a common trigram does not crowd them out.
        var newest = capped ? await SearchIndexSql.NewestMatchesAsync(db, match, NewestScanLimit, ct) : [];
        return newest.Concat(first.AsEnumerable().Reverse())
            .GroupBy(SearchIndexSql.KindOf)
            .ToDictionary(g => g.Key, g => new Matches(g.Select(SearchIndexSql.IdOf).Distinct().ToList(), capped));
    }

    /// <summary>
    /// PostgreSQL: the same fields matched with ILIKE, which its pg_trgm indexes answer (<see cref="PostgreSqlSearchIndexes"/>);
    /// each kind's newest matches up to the scan limit.
    /// </summary>
    private async Task<Dictionary<StaffSearchKind, Matches>> MatchByTrigramAsync(PortalDbContext db, StaffSearchQuery query, CancellationToken ct)
    {
        var customers = db.Customers.AsNoTracking();
        var jobs = db.Jobs.AsNoTracking();
        var estimates = db.Estimates.AsNoTracking();
        var invoices = db.Invoices.AsNoTracking();
        var payments = db.Payments.AsNoTracking();
        foreach (var term in query.Terms)
        {
            var pattern = SqlLike.Anywhere(term);
            customers = customers.Where(c => EF.Functions.ILike(c.SearchText, pattern, SqlLike.Escape));
            jobs = jobs.Where(j => EF.Functions.ILike(j.Number, pattern, SqlLike.Escape) || EF.Functions.ILike(j.Title, pattern, SqlLike.Escape));
            estimates = estimates.Where(e => EF.Functions.ILike(e.Number, pattern, SqlLike.Escape) || EF.Functions.ILike(e.Title, pattern, SqlLike.Escape));
            invoices = invoices.Where(i => EF.Functions.ILike(i.Number, pattern, SqlLike.Escape) || EF.Functions.ILike(i.Title, pattern, SqlLike.Escape));
            payments = payments.Where(p => EF.Functions.ILike(p.Number, pattern, SqlLike.Escape));
        }
        return new Dictionary<StaffSearchKind, Matches>
        {
            [StaffSearchKind.Customer] = await NewestAsync(customers.OrderByDescending(c => c.Id).Select(c => c.Id), ct),
            [StaffSearchKind.Job] = await NewestAsync(jobs.OrderByDescending(j => j.Id).Select(j => j.Id), ct),
            [StaffSearchKind.Estimate] = await NewestAsync(estimates.OrderByDescending(e => e.Id).Select(e => e.Id), ct),
            [StaffSearchKind.Invoice] = await NewestAsync(invoices.OrderByDescending(i => i.Id).Select(i => i.Id), ct),
            [StaffSearchKind.Payment] = await NewestAsync(payments.OrderByDescending(p => p.Id).Select(p => p.Id), ct),
        };
    }

    private async Task<Matches> NewestAsync(IQueryable<int> ids, CancellationToken ct)
    {
        var list = await ids.Take(ScanLimit).ToListAsync(ct);
        return new Matches(list, list.Count == ScanLimit);
    }

    /// <summary>The document with exactly this number (a unique index each), so it leads even when it is not among the newest matches.</summary>
    private static Task<int?> ExactNumberIdAsync(PortalDbContext db, StaffSearchKind kind, string number, CancellationToken ct) => kind switch
    {
        StaffSearchKind.Job => db.Jobs.Where(j => j.Number == number).Select(j => (int?)j.Id).FirstOrDefaultAsync(ct),
        StaffSearchKind.Estimate => db.Estimates.Where(e => e.Number == number).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct),
        StaffSearchKind.Invoice => db.Invoices.Where(i => i.Number == number).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct),
        StaffSearchKind.Payment => db.Payments.Where(p => p.Number == number).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct),
        _ => Task.FromResult<int?>(null),
    };

    /// <summary>What each hit shows, read with one query for the kind.</summary>
    private static async Task<Dictionary<int, StaffSearchHit>> ResolveAsync(PortalDbContext db, StaffSearchKind kind, List<int> ids,
        string currency, DateOnly today, CancellationToken ct)
    {
        string Money(decimal amount) => MoneyFormat.Format(amount, currency);
        switch (kind)
        {
            case StaffSearchKind.Customer:
                var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
                    .Select(c => new { c.Id, c.DisplayName, c.FirstName, c.LastName, c.CompanyName, c.Email, c.Phone, c.IsArchived })
                    .ToListAsync(ct);
                return customers.ToDictionary(c => c.Id, c =>
                {
                    var person = c.CompanyName.Length > 0 ? $"{c.FirstName} {c.LastName}".Trim() : "";
                    return new StaffSearchHit(kind, c.Id, c.DisplayName, Line(person, c.Phone, c.Email), $"/staff/customers/{c.Id}", c.IsArchived);
                });
            case StaffSearchKind.Job:
                var jobs = await db.Jobs.AsNoTracking().Where(j => ids.Contains(j.Id))
                    .Select(j => new { j.Id, j.Number, j.Title, j.Status, Customer = db.Customers.Where(c => c.Id == j.CustomerId).Select(c => c.DisplayName).FirstOrDefault() })
                    .ToListAsync(ct);
                return jobs.ToDictionary(j => j.Id, j => new StaffSearchHit(kind, j.Id, $"{j.Number} · {j.Title}",
                    Line(j.Customer, DocumentText.Humanize(j.Status)), $"/staff/jobs/{j.Id}"));
            case StaffSearchKind.Estimate:
                var estimates = await db.Estimates.AsNoTracking().Where(e => ids.Contains(e.Id))
                    .Select(e => new { e.Id, e.Number, e.Title, e.Status, e.ExpiresOn, e.Total, Customer = db.Customers.Where(c => c.Id == e.CustomerId).Select(c => c.DisplayName).FirstOrDefault() })
                    .ToListAsync(ct);
                return estimates.ToDictionary(e => e.Id, e => new StaffSearchHit(kind, e.Id, $"{e.Number} · {e.Title}",
                    Line(e.Customer, DocumentText.Humanize(EstimateStatusRule.Effective(e.Status, e.ExpiresOn, today)), Money(e.Total)), $"/staff/estimates/{e.Id}"));
            case StaffSearchKind.Invoice:
                var invoices = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id))
                    .Select(i => new { i.Id, i.Number, i.Title, i.Status, i.DueDate, i.Total, i.AmountDue, Customer = db.Customers.Where(c => c.Id == i.CustomerId).Select(c => c.DisplayName).FirstOrDefault() })
                    .ToListAsync(ct);
                return invoices.ToDictionary(i => i.Id, i =>
                {
                    var status = InvoiceStatusRule.Effective(i.Status, i.DueDate, i.AmountDue, today);
                    var amount = i.AmountDue > 0 && status != InvoiceStatus.Void ? $"{Money(i.AmountDue)} due" : Money(i.Total);
                    return new StaffSearchHit(kind, i.Id, $"{i.Number} · {i.Title}", Line(i.Customer, DocumentText.Humanize(status), amount), $"/staff/invoices/{i.Id}");
                });
            case StaffSearchKind.Payment:
                var payments = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.Id))
                    .Select(p => new { p.Id, p.Number, p.Status, p.Method, p.Amount, Customer = db.Customers.Where(c => c.Id == p.CustomerId).Select(c => c.DisplayName).FirstOrDefault() })
                    .ToListAsync(ct);
                return payments.ToDictionary(p => p.Id, p => new StaffSearchHit(kind, p.Id, p.Number,
                    Line(p.Customer, DocumentText.Humanize(p.Status), Money(p.Amount), DocumentText.Humanize(p.Method)), $"/staff/payments/{p.Id}"));
            default:
                return [];
        }
    }

    private static string Line(params string?[] parts) => string.Join(" · ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
