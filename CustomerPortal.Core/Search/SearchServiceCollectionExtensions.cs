using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>The staff app bar's search over customers and documents.</summary>
    public static IServiceCollection AddStaffSearch(this IServiceCollection services)
    {
        services.AddSingleton<StaffSearchService>();
        return services;
    }
}
