using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Company;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Customers;

public static class PortalAdministrationServiceCollectionExtensions
{
    /// <summary>The back office's portal set-up: customer portal tab, portal users, company settings, audit log.</summary>
    public static IServiceCollection AddPortalAdministration(this IServiceCollection services)
    {
        services.AddSingleton<CustomerPortalService>();
        services.AddSingleton<PortalAvailabilityService>();
        services.AddSingleton<PortalUserAdminService>();
        services.AddSingleton<CompanySettingsAdminService>();
        services.AddSingleton<AuditLogReader>();
        return services;
    }
}
