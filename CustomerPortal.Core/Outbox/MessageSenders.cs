using CustomerPortal.Core.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Outbox;

public enum SendOutcomeKind
{
    Sent,

    /// <summary>Worth trying again later: the provider was unreachable, slow, busy (429) or failed on its side (5xx).</summary>
    Retry,

    /// <summary>The provider refused the message for good (a 4xx other than 429, an SMTP 5xx reply): no more attempts.</summary>
    Refused,
}

/// <summary>What a provider said about one message: its id for it, or its reason for not taking it.</summary>
public sealed record SendOutcome(SendOutcomeKind Kind, string ProviderMessageId, string Error)
{
    public static SendOutcome Sent(string providerMessageId) => new(SendOutcomeKind.Sent, providerMessageId, "");
    public static SendOutcome Retry(string error) => new(SendOutcomeKind.Retry, "", error);
    public static SendOutcome Refused(string error) => new(SendOutcomeKind.Refused, "", error);

    /// <summary>An HTTP provider's answer: 429 and 5xx are worth another try, other 4xx are final.</summary>
    public static SendOutcome FromHttpFailure(int statusCode, string error) =>
        statusCode is 429 or >= 500 or < 400 ? Retry(error) : Refused(error);
}

/// <summary>The sender of an e-mail as it appears in the recipient's mailbox.</summary>
public sealed record SenderAddress(string Address, string Name);

/// <summary>One e-mail provider (SendGrid, SMTP). Turns every provider error into an outcome; throws only when cancelled.</summary>
public interface IEmailSender
{
    Task<SendOutcome> SendAsync(OutboxMessage message, SenderAddress from, CancellationToken ct);
}

/// <summary>One SMS provider. Turns every provider error into an outcome; throws only when cancelled.</summary>
public interface ISmsSender
{
    Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>The providers configured for each channel (Delivery options); null where a channel has none.</summary>
public sealed class MessageSenders(IOptions<DeliveryOptions> options, IServiceProvider services)
{
    public IEmailSender? Email => options.Value.EmailProvider switch
    {
        EmailProvider.SendGrid => services.GetRequiredService<SendGridEmailSender>(),
        EmailProvider.Smtp => services.GetRequiredService<SmtpEmailSender>(),
        _ => null,
    };

    public ISmsSender? Sms => options.Value.SmsProvider == SmsProvider.Rest ? services.GetRequiredService<RestSmsSender>() : null;

    public bool Sends(MessageChannel channel) => options.Value.Sends(channel);
}
