using CustomerPortal.Core.Attachments;

namespace CustomerPortal.Web.Messaging;

/// <summary>
/// A message this screen is sending: "Sending…" until the store confirms it, or "Not sent" with the reason. Its client id
/// is made once, so a retry can never store it twice.
/// </summary>
public sealed class OutgoingMessage(string body, bool internalNote, IReadOnlyList<AttachmentView> attachments)
{
    public Guid ClientMessageId { get; } = Guid.NewGuid();
    public string Body { get; } = body;
    public bool InternalNote { get; } = internalNote;
    public IReadOnlyList<AttachmentView> Attachments { get; } = attachments;
    public bool IsSending { get; private set; }

    /// <summary>Why the last attempt failed; null while sending or before the first attempt.</summary>
    public string? Problem { get; private set; }

    public void Sending()
    {
        IsSending = true;
        Problem = null;
    }

    public void Failed(string problem)
    {
        IsSending = false;
        Problem = problem;
    }
}

/// <summary>What the composer hands over when the person sends.</summary>
public sealed record ComposedMessage(string Body, bool InternalNote);
