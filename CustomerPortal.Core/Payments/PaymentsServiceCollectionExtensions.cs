using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Payments.Stripe;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>Payments, refunds, account credit and balances, and the posting step they share.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddOptions<PaymentsOptions>().BindConfiguration(PaymentsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The simulated processor stays registered in Stripe mode too: its card form resolves it (it is never used then).
        services.AddSingleton<SimulatedPaymentProcessor>();
        services.AddSingleton<IPaymentProcessor>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PaymentsOptions>>().Value;
            if (options.Effective != PaymentProcessorKind.Stripe) return provider.GetRequiredService<SimulatedPaymentProcessor>();
            var publicBase = provider.GetRequiredService<IOptions<PortalLinkOptions>>().Value.PublicBaseUrl.TrimEnd('/');
            return StripePaymentProcessor.Create(options.Stripe, $"{publicBase}{StripePaymentProcessor.ReturnPath}");
        });
        services.AddSingleton<StripeEvents>();
        services.AddSingleton<PaymentPosting>();
        services.AddSingleton<CardPaymentService>();
        services.AddSingleton<SimulatedChallengeService>();
        services.AddSingleton<PaymentService>();
        services.AddSingleton<AccountBalanceService>();
        services.AddSingleton<StatementService>();
        return services;
    }
}
