using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Core.Notifications;

/// <summary>When the product reminds customers by itself. Config section <c>Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Days after an estimate is sent without an answer before the customer is reminded once; 0 turns reminders off.</summary>
    [Range(0, 365)]
    public int EstimateReminderAfterDays { get; set; } = 3;

    /// <summary>Days between reminders while an invoice stays overdue; 0 sends only the first, the day after the due date.</summary>
    [Range(0, 365)]
    public int InvoiceOverdueRepeatDays { get; set; } = 7;

    /// <summary>Turns the overdue-invoice reminders on or off.</summary>
    public bool InvoiceOverdueReminders { get; set; } = true;

    /// <summary>
    /// Hours after a job is completed before the customer is asked for a review (with a link to Rate us for that job);
    /// 0 turns review requests off. Two hours by default: the visit is fresh in mind, the crew has left, and a job
    /// completed late in the day is not followed by a message in the middle of the night.
    /// </summary>
    [Range(0, 24 * 60)]
    public int ReviewRequestAfterHours { get; set; } = 2;

    /// <summary>How often the reminder check runs.</summary>
    [Range(1, 24 * 60)]
    public int CheckEveryMinutes { get; set; } = 15;

    /// <summary>Runs the reminder check in this instance (each check is safe to run on several instances at once).</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>The country (ISO 3166 code) of phone numbers written without a country code, for SMS.</summary>
    [Required, RegularExpression("^[A-Z]{2}$")]
    public string DefaultPhoneRegion { get; set; } = "US";
}
