using CustomerPortal.Core.Access;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Customers;

/// <summary>A customer as a pick-list entry.</summary>
public sealed record CustomerOption(int Id, string Name, string Email)
{
    public override string ToString() => Name;
}

/// <summary>
/// Finds customers for every staff customer picker (jobs, projects, payments, estimates, invoices, list filters), matching
/// names, company, e-mail and phone the way the customer list does (<see cref="CustomerSearch.Matching"/>).
/// </summary>
public sealed class CustomerLookup(IDbContextFactory<PortalDbContext> dbFactory, AccessRules access)
{
    public async Task<IReadOnlyList<CustomerOption>> SearchAsync(Actor actor, string? text, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ViewCustomer) || actor.IsCustomer) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customers = db.Customers.AsNoTracking().Where(c => !c.IsArchived).Matching(text);
        return await customers.OrderBy(c => c.DisplayName).Take(20).Select(c => new CustomerOption(c.Id, c.DisplayName, c.Email)).ToListAsync(ct);
    }

    public async Task<CustomerOption?> FindAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ViewCustomer) || actor.IsCustomer) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new CustomerOption(c.Id, c.DisplayName, c.Email)).SingleOrDefaultAsync(ct);
    }
}
