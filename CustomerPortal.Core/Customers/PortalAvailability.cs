using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Customers;

/// <summary>Whether a customer's portal is open, and whom to contact when it is not.</summary>
public sealed record PortalAvailability(bool IsOpen, bool ClosedForEveryone, string CompanyName, string CompanyPhone, string CompanyEmail);

/// <summary>Answers "is the portal open for this customer?" for the portal layout and the per-customer sign-in link.</summary>
public sealed class PortalAvailabilityService(IDbContextFactory<PortalDbContext> dbFactory, CompanySettingsService company)
{
    public async Task<PortalAvailability> ForCustomerAsync(int customerId, CancellationToken ct)
    {
        var settings = await company.GetAsync(ct);
        if (!settings.PortalEnabled) return Closed(settings, forEveryone: true);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var enabled = await db.Customers.Where(c => c.Id == customerId).Select(c => (bool?)c.PortalEnabled).SingleOrDefaultAsync(ct);
        return enabled == true ? Open(settings) : Closed(settings, forEveryone: false);
    }

    /// <summary>
    /// For /portal/c/{identifier}: null when the identifier is unknown (the caller shows the ordinary sign-in page, so a
    /// guessed identifier tells nothing), otherwise whether that customer's portal is open.
    /// </summary>
    public async Task<PortalAvailability?> ForIdentifierAsync(string identifier, CancellationToken ct)
    {
        var settings = await company.GetAsync(ct);
        if (!settings.PortalEnabled) return Closed(settings, forEveryone: true);
        if (!Customer.IsValidPortalIdentifier(identifier)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var enabled = await db.Customers.Where(c => c.PortalIdentifier == identifier && !c.IsArchived)
            .Select(c => (bool?)c.PortalEnabled).SingleOrDefaultAsync(ct);
        return enabled switch
        {
            null => null,
            true => Open(settings),
            false => Closed(settings, forEveryone: false),
        };
    }

    private static PortalAvailability Open(CompanySettings s) => new(true, false, s.Name, s.Phone, s.Email);

    private static PortalAvailability Closed(CompanySettings s, bool forEveryone) => new(false, forEveryone, s.Name, s.Phone, s.Email);
}
