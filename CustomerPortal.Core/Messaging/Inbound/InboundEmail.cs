namespace CustomerPortal.Core.Messaging.Inbound;

/// <summary>
/// One received e-mail as the mail provider parsed it (SendGrid Inbound Parse's fields): the From header, every
/// recipient it names (To, Cc and the SMTP envelope's), the raw header block, the plain-text and HTML bodies, and the
/// provider's SPF verdict when it gives one.
/// </summary>
public sealed record InboundEmail(string? From, IReadOnlyList<string> Recipients, string? Headers, string? Text, string? Html, string? Spf = null);

public enum InboundOutcome
{
    /// <summary>Stored as a new message in the thread.</summary>
    Stored,

    /// <summary>This e-mail was stored before (a redelivery): nothing new.</summary>
    AlreadyStored,

    /// <summary>Could not be stored now (e.g. the sender's rate limit): the provider should deliver it again later.</summary>
    RetryLater,

    // Refused: nothing is stored, and delivering it again would not change that.
    Disabled,
    AutoReply,
    NoReplyAddress,
    ForgedAddress,
    ExpiredAddress,
    UnknownUser,
    WrongSender,
    SenderFailedSpf,
    Locked,
    NotAllowed,
    Empty,
}
