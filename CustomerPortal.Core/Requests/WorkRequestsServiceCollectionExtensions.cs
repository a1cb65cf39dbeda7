using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Requests;

public static class WorkRequestsServiceCollectionExtensions
{
    /// <summary>Work requests from the customer's side: the portal form, direct work orders and the public request page.</summary>
    public static IServiceCollection AddWorkRequests(this IServiceCollection services)
    {
        services.AddSingleton<WorkRequestService>();
        return services;
    }
}
