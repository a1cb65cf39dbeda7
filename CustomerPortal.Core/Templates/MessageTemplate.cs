using CustomerPortal.Core.Templates.MergeTags;

namespace CustomerPortal.Core.Templates;

public enum MessageChannel
{
    Email,
    Sms,
}

/// <summary>
/// The business's own wording of one event's e-mail or SMS, replacing the shipped default (<see cref="TemplateDefaults"/>).
/// Saved only after its merge tags parse for that event, so a send never meets a broken template.
/// </summary>
public sealed class MessageTemplate
{
    public int Id { get; private set; }

    /// <summary>The event it is for (<see cref="TemplateKeys"/>, e.g. "invoice-sent"); one template per key and channel.</summary>
    public string Key { get; private set; } = "";
    public MessageChannel Channel { get; private set; }
    public string Name { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public bool IsActive { get; private set; } = true;
    public DateTime UpdatedAtUtc { get; private set; }

    private MessageTemplate() { }

    public MessageTemplate(TemplateEvent templateEvent, MessageChannel channel, TemplateText text, DateTime updatedAtUtc)
    {
        Key = TemplateKeys.Of(templateEvent);
        Channel = channel;
        Name = TemplateKeys.Title(templateEvent);
        Revise(text, updatedAtUtc);
    }

    public void Revise(TemplateText text, DateTime updatedAtUtc)
    {
        Subject = Channel == MessageChannel.Sms ? "" : text.Subject;
        Body = text.Body;
        IsActive = true;
        UpdatedAtUtc = updatedAtUtc;
    }
}
