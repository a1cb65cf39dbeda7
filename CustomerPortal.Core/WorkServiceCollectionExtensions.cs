using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Portal;
using CustomerPortal.Core.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core;

public static class WorkServiceCollectionExtensions
{
    /// <summary>Jobs, projects, payments and credit, attachments and the portal dashboard.</summary>
    public static IServiceCollection AddWork(this IServiceCollection services)
    {
        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AttachmentService>();
        services.AddSingleton<JobService>();
        services.AddSingleton<ProjectService>();
        services.AddPayments();
        services.AddSingleton<PortalDashboardService>();
        services.AddSingleton<CustomerLookup>();
        return services;
    }
}
