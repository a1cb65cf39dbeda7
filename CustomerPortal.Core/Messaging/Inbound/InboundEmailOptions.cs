using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Core.Messaging.Inbound;

/// <summary>
/// Replies by e-mail (section <c>InboundEmail</c>): thread e-mails to portal users are sent with a signed reply address at
/// <see cref="ReplyDomain"/>, whose mail SendGrid Inbound Parse posts to /webhooks/inbound-email with <see cref="WebhookSecret"/>.
/// </summary>
public sealed class InboundEmailOptions : IValidatableObject
{
    public const string Section = "InboundEmail";

    public bool Enabled { get; set; }

    /// <summary>The domain whose MX record points at SendGrid, e.g. reply.example.com.</summary>
    public string ReplyDomain { get; set; } = "";

    /// <summary>Shared with the parse URL (as <c>?key=</c> or the basic-auth password); at least 24 characters.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>How long a reply address works after the e-mail that carried it was sent.</summary>
    [Range(1, 3650)]
    public int TokenLifetimeDays { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (Uri.CheckHostName(ReplyDomain) != UriHostNameType.Dns || !ReplyDomain.Contains('.'))
            yield return new ValidationResult("InboundEmail:ReplyDomain must be a domain name such as reply.example.com.", [nameof(ReplyDomain)]);
        if (WebhookSecret.Trim().Length < 24)
            yield return new ValidationResult("InboundEmail:WebhookSecret must be at least 24 characters.", [nameof(WebhookSecret)]);
    }
}
