using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>Payments, refunds, account credit and balances, and the posting step they share.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddOptions<PaymentsOptions>().BindConfiguration(PaymentsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Only the simulated processor exists so far; PaymentsOptions refuses a Stripe configuration at start-up.
        services.AddSingleton<SimulatedPaymentProcessor>();
        services.AddSingleton<IPaymentProcessor>(provider => provider.GetRequiredService<SimulatedPaymentProcessor>());
        services.AddSingleton<PaymentPosting>();
        services.AddSingleton<CardPaymentService>();
        services.AddSingleton<PaymentService>();
        services.AddSingleton<AccountBalanceService>();
        services.AddSingleton<StatementService>();
        return services;
    }
}
