using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>Message threads: the service, its send limit, who is looking at which thread, and message e-mails.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MessageSendThrottle>();
        services.AddSingleton<ThreadPresence>();
        services.AddSingleton<MessageNotifications>();
        services.AddSingleton<MessagingService>();
        return services;
    }
}
