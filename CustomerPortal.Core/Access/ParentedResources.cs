using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Messaging;

namespace CustomerPortal.Core.Access;

/// <summary>
/// One attachment and the record it hangs on (for a visit's attachment, the visit's job; null when that record is gone),
/// with the company's choice of what it shares on jobs. A customer sees the file only while they may see its parent.
/// </summary>
public sealed record AttachmentOnParent(Attachment Attachment, ICustomerOwned? Parent, bool ShowPicturesOnJobs, bool ShowDocumentsOnJobs)
{
    public static AttachmentOnParent For(Attachment attachment, ICustomerOwned? parent, CompanySettings company) =>
        new(attachment, parent, company.ShowPicturesOnJobs, company.ShowDocumentsOnJobs);
}

/// <summary>The attachments of one record, as a list: visible when the record is, through its own module or the Pictures one.</summary>
public sealed record AttachmentsOf(AttachmentOwnerKind Kind, ICustomerOwned? Parent);

/// <summary>
/// A message thread and the job, estimate or invoice it is about (null when that record is gone, or for a general
/// conversation). As the parent of a file sent in the thread, it is visible to a customer when its subject is.
/// </summary>
public sealed record ThreadOnSubject(MessageThread Thread, ICustomerOwned? Subject) : ICustomerOwned
{
    public int CustomerId => Thread.CustomerId;
    public bool IsVisibleToCustomer => Thread.SubjectKind == ThreadSubject.General || Subject is { IsVisibleToCustomer: true };
}
