using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Outbox;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>The outbox (writer, staff service) and its delivery: providers per channel and the background dispatcher.</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<OutboxService>();
        services.AddHttpClient(SendGridEmailSender.HttpClientName, ConfigureTimeout);
        services.AddHttpClient<RestSmsSender>(ConfigureTimeout);
        services.AddSingleton<SendGridEmailSender>();
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<MessageSenders>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    private static void ConfigureTimeout(IServiceProvider provider, HttpClient client) =>
        client.Timeout = provider.GetRequiredService<IOptions<DeliveryOptions>>().Value.SendTimeout;
}
