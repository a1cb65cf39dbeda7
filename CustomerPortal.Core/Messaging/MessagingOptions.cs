using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Core.Messaging;

/// <summary>Limits and timing of message threads. Section <c>Messaging</c> in appsettings.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Longest message, in characters.</summary>
    [Range(1, Message.MaxBodyLength)]
    public int MaxMessageLength { get; set; } = Message.MaxBodyLength;

    /// <summary>How many messages one person may send per minute, across all threads (per app instance).</summary>
    [Range(1, 100_000)]
    public int SendsPerMinute { get; set; } = 30;

    /// <summary>At most one e-mail per thread and recipient within this many minutes, so a burst of messages is one e-mail.</summary>
    [Range(0, 24 * 60)]
    public int NotificationQuietMinutes { get; set; } = 10;

    /// <summary>How many of the newest messages a thread shows when opened (older ones load on request).</summary>
    [Range(10, 500)]
    public int MessagesPerPage { get; set; } = 50;

    /// <summary>Most files sent with one message.</summary>
    [Range(0, 20)]
    public int MaxFilesPerMessage { get; set; } = 6;
}
