using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>Payments, refunds, account credit and balances, and the posting step they share.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddSingleton<PaymentPosting>();
        services.AddSingleton<PaymentService>();
        services.AddSingleton<AccountBalanceService>();
        return services;
    }
}
