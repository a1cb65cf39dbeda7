using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Account settings, sign-in, provisioning and the single-use links.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SignInService>();
        services.AddScoped<AccountProvisioning>();
        services.AddScoped<PortalPasswordService>();
        services.AddSingleton<MagicLinkService>();
        services.AddSingleton<DeepLinks>();
        services.AddSingleton<DeepLinkService>();
        return services;
    }
}
