using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Home;

public static class HomeServiceCollectionExtensions
{
    /// <summary>The staff home ("Today").</summary>
    public static IServiceCollection AddStaffHome(this IServiceCollection services)
    {
        services.AddSingleton<TodayService>();
        return services;
    }
}
