using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Company;

/// <summary>Reads the company settings; every page needs them for branding, so the last read is kept until a save.</summary>
public sealed class CompanySettingsService(IDbContextFactory<PortalDbContext> dbFactory)
{
    private volatile CompanySettings? _cached;

    /// <summary>The current settings (a detached copy; change them through the settings service's save).</summary>
    public async Task<CompanySettings> GetAsync(CancellationToken ct = default)
    {
        if (_cached is { } cached) return cached;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.CompanySettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new CompanySettings();
        _cached = settings;
        return settings;
    }

    /// <summary>Forget the cached copy after the settings change.</summary>
    public void Invalidate() => _cached = null;
}
