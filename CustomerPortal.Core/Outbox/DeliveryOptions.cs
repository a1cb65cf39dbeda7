using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Core.Outbox;

public enum EmailProvider
{
    /// <summary>E-mail stays in the outbox for staff to read.</summary>
    None,
    SendGrid,
    Smtp,
}

public enum SmsProvider
{
    /// <summary>Text messages stay in the outbox for staff to read.</summary>
    None,

    /// <summary>A Twilio-style REST API (POST /2010-04-01/Accounts/{sid}/Messages.json).</summary>
    Rest,
}

/// <summary>How the SMTP connection is secured (MailKit's SecureSocketOptions).</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// Sending the outbox: which provider each channel uses and how the dispatcher retries. Section <c>Delivery</c>;
/// keys and passwords from the environment, never a committed file.
/// </summary>
public sealed class DeliveryOptions : IValidatableObject
{
    public const string Section = "Delivery";

    public EmailProvider EmailProvider { get; set; } = EmailProvider.None;
    public SendGridSettings SendGrid { get; set; } = new();
    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The sender of every e-mail; empty means the company's e-mail address (Settings, Company).</summary>
    public string FromAddress { get; set; } = "";

    /// <summary>The sender's name; empty means the company's name.</summary>
    public string FromName { get; set; } = "";

    public SmsProvider SmsProvider { get; set; } = SmsProvider.None;
    public RestSmsSettings Sms { get; set; } = new();

    /// <summary>Attempts before a message is marked Failed (a permanent refusal fails it at once).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; each later wait doubles, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    [Range(1, 24 * 3600)]
    public int FirstRetryDelaySeconds { get; set; } = 30;

    [Range(1, 7 * 24 * 3600)]
    public int MaxRetryDelaySeconds { get; set; } = 3600;

    /// <summary>
    /// How long a dispatcher holds a claimed message. A message whose dispatcher died mid-send is claimed again after
    /// this, so it must be well over the time one send may take (<see cref="SendTimeoutSeconds"/>).
    /// </summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Longest wait for a provider's answer; a send that takes longer is tried again later.</summary>
    [Range(1, 600)]
    public int SendTimeoutSeconds { get; set; } = 30;

    /// <summary>How often the dispatcher looks for due messages when nothing was queued in this app instance.</summary>
    [Range(50, 10 * 60 * 1000)]
    public int PollIntervalMilliseconds { get; set; } = 2000;

    /// <summary>Run the dispatcher in this app instance (turn off on instances that should not send).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    public TimeSpan FirstRetryDelay => TimeSpan.FromSeconds(FirstRetryDelaySeconds);
    public TimeSpan MaxRetryDelay => TimeSpan.FromSeconds(MaxRetryDelaySeconds);
    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
    public TimeSpan SendTimeout => TimeSpan.FromSeconds(SendTimeoutSeconds);
    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMilliseconds);

    /// <summary>The wait after failed attempt number <paramref name="attempts"/> (1 = the first): doubling, capped.</summary>
    public TimeSpan RetryDelayAfter(int attempts)
    {
        var seconds = FirstRetryDelaySeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryDelaySeconds));
    }

    public bool Sends(Templates.MessageChannel channel) =>
        channel == Templates.MessageChannel.Email ? EmailProvider != EmailProvider.None : SmsProvider != SmsProvider.None;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRetryDelaySeconds < FirstRetryDelaySeconds)
            yield return new ValidationResult("Delivery:MaxRetryDelaySeconds must not be less than FirstRetryDelaySeconds.", [nameof(MaxRetryDelaySeconds)]);
        if (LeaseSeconds <= SendTimeoutSeconds)
            yield return new ValidationResult("Delivery:LeaseSeconds must be longer than SendTimeoutSeconds, or a slow send could go out twice.", [nameof(LeaseSeconds)]);
        if (!string.IsNullOrEmpty(FromAddress) && !new EmailAddressAttribute().IsValid(FromAddress))
            yield return new ValidationResult("Delivery:FromAddress is not an e-mail address.", [nameof(FromAddress)]);
        switch (EmailProvider)
        {
            case EmailProvider.SendGrid:
                if (string.IsNullOrWhiteSpace(SendGrid.ApiKey))
                    yield return new ValidationResult("Delivery:SendGrid:ApiKey is needed when EmailProvider is SendGrid.", [nameof(SendGrid)]);
                if (!IsHttpAddress(SendGrid.ApiBase))
                    yield return new ValidationResult("Delivery:SendGrid:ApiBase must be an absolute http(s) address.", [nameof(SendGrid)]);
                break;
            case EmailProvider.Smtp:
                if (string.IsNullOrWhiteSpace(Smtp.Host))
                    yield return new ValidationResult("Delivery:Smtp:Host is needed when EmailProvider is Smtp.", [nameof(Smtp)]);
                if (Smtp.Port is < 1 or > 65535)
                    yield return new ValidationResult("Delivery:Smtp:Port must be between 1 and 65535.", [nameof(Smtp)]);
                if (string.IsNullOrEmpty(Smtp.UserName) != string.IsNullOrEmpty(Smtp.Password))
                    yield return new ValidationResult("Delivery:Smtp:UserName and Password go together (both or neither).", [nameof(Smtp)]);
                break;
        }
        if (SmsProvider == SmsProvider.Rest)
        {
            var missing = new[] { (nameof(Sms.AccountSid), Sms.AccountSid), (nameof(Sms.AuthToken), Sms.AuthToken), (nameof(Sms.FromNumber), Sms.FromNumber) }
                .Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => $"Delivery:Sms:{s.Item1}").ToList();
            if (missing.Count > 0)
                yield return new ValidationResult($"SmsProvider Rest needs {string.Join(", ", missing)}.", [nameof(Sms)]);
            if (!IsHttpAddress(Sms.ApiBase))
                yield return new ValidationResult("Delivery:Sms:ApiBase must be an absolute http(s) address.", [nameof(Sms)]);
        }
    }

    private static bool IsHttpAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}

public sealed class SendGridSettings
{
    public string ApiKey { get; set; } = "";

    /// <summary>SendGrid's API address; tests point it at a local fake.</summary>
    public string ApiBase { get; set; } = "https://api.sendgrid.com";
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
}

/// <summary>A Twilio-style SMS account: the Account SID and Auth Token sign every request (HTTP basic auth).</summary>
public sealed class RestSmsSettings
{
    public string AccountSid { get; set; } = "";
    public string AuthToken { get; set; } = "";

    /// <summary>The sending number in E.164 form (+15551234567) or an alphanumeric sender id.</summary>
    public string FromNumber { get; set; } = "";

    /// <summary>The provider's API address; tests point it at a local fake.</summary>
    public string ApiBase { get; set; } = "https://api.twilio.com";
}
