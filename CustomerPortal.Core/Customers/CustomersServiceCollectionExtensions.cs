using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Customers;

public static class CustomersServiceCollectionExtensions
{
    /// <summary>The staff customer records: list, profile, create/edit/archive and the profile's activity tabs, and the unsubscribe links in e-mails.</summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddSingleton<CustomerService>();
        services.AddSingleton<CustomerActivity>();
        services.AddSingleton<UnsubscribeService>();
        return services;
    }
}
