using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<DemoDataSeeder>();
        return services;
    }
}
