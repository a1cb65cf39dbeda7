using System.Reflection;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Audit;

/// <summary>Which audit events to show; <see cref="Page"/> counts from 0.</summary>
public sealed record AuditQuery(string? Action, int? CustomerId, int Page, int PageSize);

/// <summary>One audit event as the audit page shows it; the time is in the company's time zone.</summary>
public sealed record AuditEntry(long Id, DateTime AtLocal, ActorKind ActorKind, string ActorName, string Action, string EntityType,
    string EntityId, int? CustomerId, string? CustomerName, string Details, string IpAddress);


public sealed record CustomerOption(int Id, string Name);

/// <summary>Reads the audit log for admins: newest first, paged, filtered by action and customer.</summary>
public sealed class AuditLogReader(IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, CompanySettingsService company)
{
    public const int MaxPageSize = 100;

    /// <summary>Every action name the product writes (the constants of <see cref="AuditActions"/>), sorted.</summary>
    public static IReadOnlyList<string> KnownActions { get; } = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToList();

    public async Task<Result<PagedList<AuditEntry>>> GetPageAsync(Actor actor, AuditQuery query, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ViewAuditLog)) return Result<PagedList<AuditEntry>>.From(Result.Forbidden());
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(0, query.Page);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Action)) events = events.Where(e => e.Action == query.Action);
        if (query.CustomerId is { } customerId) events = events.Where(e => e.CustomerId == customerId);

        var total = await events.CountAsync(ct);
        var rows = await (
                from e in events.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Skip(page * pageSize).Take(pageSize)
                join c in db.Customers on e.CustomerId equals c.Id into customers
                from c in customers.DefaultIfEmpty()
                select new { Event = e, CustomerName = c == null ? null : c.DisplayName })
            .ToListAsync(ct);
        // The join may not keep the order on every provider.
        rows = [.. rows.OrderByDescending(r => r.Event.AtUtc).ThenByDescending(r => r.Event.Id)];

        var settings = await company.GetAsync(ct);
        var items = rows.Select(r => new AuditEntry(r.Event.Id, settings.ToLocal(r.Event.AtUtc), r.Event.ActorKind, r.Event.ActorName,
            r.Event.Action, r.Event.EntityType, r.Event.EntityId, r.Event.CustomerId, r.CustomerName, r.Event.Details, r.Event.IpAddress)).ToList();
        return new PagedList<AuditEntry>(items, total);
    }

    /// <summary>Customers matching the text as every customer picker matches (<see cref="Customers.CustomerSearch.Matching"/>), archived ones included.</summary>
    public async Task<IReadOnlyList<CustomerOption>> FindCustomersAsync(Actor actor, string? text, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ViewAuditLog)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customers = Customers.CustomerSearch.Matching(db.Customers.AsNoTracking(), text);
        return await customers.OrderBy(c => c.DisplayName).Take(20).Select(c => new CustomerOption(c.Id, c.DisplayName)).ToListAsync(ct);
    }

    public async Task<CustomerOption?> FindCustomerAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ViewAuditLog)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new CustomerOption(c.Id, c.DisplayName)).SingleOrDefaultAsync(ct);
    }
}
