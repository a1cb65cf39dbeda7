using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>Customer notifications (e-mail and SMS through the templates) and the reminders the product sends by itself.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CustomerNotifications>();
        services.AddSingleton<ReminderService>();
        services.AddHostedService<ReminderScheduler>();
        return services;
    }
}
