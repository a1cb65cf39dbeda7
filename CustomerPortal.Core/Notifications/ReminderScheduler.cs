using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Notifications;

/// <summary>Runs the reminder check (<see cref="ReminderService"/>) every few minutes while the app runs.</summary>
public sealed class ReminderScheduler(ReminderService reminders, IOptions<NotificationOptions> options, TimeProvider clock,
    ILogger<ReminderScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SchedulerEnabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.CheckEveryMinutes), clock);
        do
        {
            try
            {
                var sent = await reminders.RunAsync(stoppingToken);
                if (sent.EstimateReminders + sent.OverdueNotices + sent.ReviewRequests > 0)
                    logger.LogInformation("Reminders queued: {Estimates} estimate, {Overdue} overdue invoice, {Reviews} review request.",
                        sent.EstimateReminders, sent.OverdueNotices, sent.ReviewRequests);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The reminder check failed; it runs again at the next interval.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
