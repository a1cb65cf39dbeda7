using CustomerPortal.Core.Attachments;

namespace CustomerPortal.Web.Staff.Attachments;

/// <summary>A record uploads can go to, as the attachment panel offers it ("This job", "Visit on Mar 12").</summary>
public sealed record AttachmentTarget(string Label, AttachmentOwner Owner);
