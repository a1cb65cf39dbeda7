using CustomerPortal.Core.Access;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Documents;

public sealed record CustomerOption(int Id, string Name, string Email);

/// <summary>Finds customers for the estimate and invoice editors' customer picker (staff only).</summary>
public sealed class DocumentCustomers(IDbContextFactory<PortalDbContext> dbFactory, AccessRules access)
{
    public async Task<IReadOnlyList<CustomerOption>> SearchAsync(Actor actor, string? term, CancellationToken ct)
    {
        if (!actor.IsStaff || !access.Can(actor, Operation.ViewCustomer)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customers = db.Customers.AsNoTracking().Where(c => !c.IsArchived);
        if (!string.IsNullOrWhiteSpace(term))
        {
            var t = term.Trim().ToLower();
#pragma warning disable CA1862 // EF Core translates ToLower().Contains to SQL on SQLite and PostgreSQL; the StringComparison overloads do not translate.
            customers = customers.Where(c => c.DisplayName.ToLower().Contains(t) || c.Email.ToLower().Contains(t));
#pragma warning restore CA1862
        }
        return await customers.OrderBy(c => c.DisplayName).Take(20)
            .Select(c => new CustomerOption(c.Id, c.DisplayName, c.Email)).ToListAsync(ct);
    }

    public async Task<CustomerOption?> FindAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!actor.IsStaff || !access.Can(actor, Operation.ViewCustomer)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new CustomerOption(c.Id, c.DisplayName, c.Email)).SingleOrDefaultAsync(ct);
    }
}
