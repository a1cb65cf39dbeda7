using CustomerPortal.Core.Messaging.Inbound;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>Message threads: the service, its send limit, who is looking at which thread, message e-mails and replies to them by e-mail.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MessageSendThrottle>();
        services.AddSingleton<ThreadPresence>();
        services.AddSingleton<MessageNotifications>();
        services.AddSingleton<MessagingService>();
        services.AddOptions<InboundEmailOptions>().BindConfiguration(InboundEmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReplyAddresses>();
        services.AddSingleton<InboundReplies>();
        return services;
    }
}
