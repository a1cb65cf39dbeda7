namespace CustomerPortal.Core.Templates;

public enum MessageChannel
{
    Email,
    Sms,
}

/// <summary>An e-mail or SMS the business sends on an event (estimate sent, invoice due...), with merge tags in subject and body.</summary>
public sealed class MessageTemplate
{
    public int Id { get; private set; }

    /// <summary>The event it is for, e.g. "estimate-sent"; one template per key and channel.</summary>
    public string Key { get; private set; } = "";
    public MessageChannel Channel { get; private set; }
    public string Name { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTime UpdatedAtUtc { get; set; }

    private MessageTemplate() { }

    public MessageTemplate(string key, MessageChannel channel, string name, string subject, string body, DateTime updatedAtUtc)
    {
        Key = key;
        Channel = channel;
        Name = name;
        Subject = subject;
        Body = body;
        UpdatedAtUtc = updatedAtUtc;
    }
}
