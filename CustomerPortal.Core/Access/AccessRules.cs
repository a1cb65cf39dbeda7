using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Live;

namespace CustomerPortal.Core.Access;

/// <summary>
/// The one answer to "may this actor do this to that?". Services ask before acting; pages, endpoints and hub methods
/// reach the same rule through the web project's authorization handler.
/// </summary>
public sealed class AccessRules
{
    private static readonly Dictionary<Operation, PortalModules> ModuleOf = new()
    {
        [Operation.ViewJob] = PortalModules.Jobs,
        [Operation.ViewProject] = PortalModules.Projects,
        [Operation.ViewEstimate] = PortalModules.Estimates,
        [Operation.AcceptEstimate] = PortalModules.Estimates,
        [Operation.ViewInvoice] = PortalModules.Invoices,
        [Operation.PayInvoice] = PortalModules.Invoices,
        [Operation.ViewPayment] = PortalModules.Payments,
        [Operation.AddCredit] = PortalModules.Payments,
        [Operation.ViewPictures] = PortalModules.Pictures,
        [Operation.ViewRequest] = PortalModules.Requests,
        [Operation.SubmitRequest] = PortalModules.Requests,
        [Operation.SubmitReview] = PortalModules.Reviews,
        [Operation.ViewMessages] = PortalModules.Messages,
        [Operation.SendMessage] = PortalModules.Messages,
        [Operation.EditOwnProfile] = PortalModules.Profile,
    };

    /// <summary>What a customer actor may only look at; everything else a customer may do changes something.</summary>
    private static readonly HashSet<Operation> CustomerReads =
    [
        Operation.OpenPortal, Operation.ViewCustomer, Operation.ViewJob, Operation.ViewProject, Operation.ViewEstimate, Operation.ViewInvoice,
        Operation.ViewPayment, Operation.ViewAttachment, Operation.ViewPictures, Operation.ViewRequest, Operation.ViewMessages,
    ];

    private static readonly HashSet<Operation> CustomerWrites =
    [
        Operation.AcceptEstimate, Operation.PayInvoice, Operation.AddCredit, Operation.SubmitRequest,
        Operation.SubmitReview, Operation.SendMessage, Operation.EditOwnProfile,
    ];

    private static readonly HashSet<Operation> AdminOnly =
        [Operation.ManageSettings, Operation.ViewAuditLog, Operation.ManageTemplates, Operation.RefundPayment, Operation.ViewInsights];

    /// <summary>May the actor do the operation at all (no particular record)? Used for pages and navigation.</summary>
    public bool Can(Actor actor, Operation operation) => actor.Kind switch
    {
        ActorKind.System => true,
        ActorKind.Staff => operation != Operation.OpenPortal && (!AdminOnly.Contains(operation) || actor.IsAdmin),
        ActorKind.Customer => CustomerMay(actor, operation),
        _ => false,
    };

    /// <summary>
    /// May the actor do the operation to this customer's record? An attachment or a message thread is visible to a
    /// customer only through its parent, so for them it must be asked with <see cref="AttachmentOnParent"/> or
    /// <see cref="ThreadOnSubject"/>; asked alone, the answer is no.
    /// </summary>
    public bool Can(Actor actor, Operation operation, ICustomerOwned resource)
    {
        if (actor.IsCustomer && resource is Attachment or MessageThread) return false;
        return CanOwnRecord(actor, operation, resource);
    }

    /// <summary>
    /// May the actor see this attachment? Staff see every file. A customer sees one only when it is shared, is theirs, and
    /// hangs on a record they may see: a job (in the Jobs module, when the company shares that kind of file on jobs), a
    /// project, a sent estimate or invoice, their own request. Pictures on jobs, visits, estimates and invoices are also
    /// reachable through the Pictures module. Changing an attachment is decided by the attachment alone.
    /// </summary>
    public bool Can(Actor actor, Operation operation, AttachmentOnParent resource)
    {
        var attachment = resource.Attachment;
        if (!CanOwnRecord(actor, operation, attachment)) return false;
        if (!actor.IsCustomer || operation != Operation.ViewAttachment) return true;
        if (resource.Parent is not { } parent || parent.CustomerId != attachment.CustomerId || !parent.IsVisibleToCustomer) return false;

        var kind = attachment.Owner.Kind;
        var isPicture = attachment.Kind == AttachmentKind.Picture;
        if (isPicture && kind is not (AttachmentOwnerKind.Project or AttachmentOwnerKind.ServiceRequest or AttachmentOwnerKind.Thread)
            && Can(actor, Operation.ViewPictures, parent))
            return true;

        return kind switch
        {
            AttachmentOwnerKind.Job or AttachmentOwnerKind.Visit =>
                Can(actor, Operation.ViewJob, parent) && (isPicture ? resource.ShowPicturesOnJobs : resource.ShowDocumentsOnJobs),
            AttachmentOwnerKind.Project => Can(actor, Operation.ViewProject, parent),
            AttachmentOwnerKind.Estimate => Can(actor, Operation.ViewEstimate, parent),
            AttachmentOwnerKind.Invoice => Can(actor, Operation.ViewInvoice, parent),
            AttachmentOwnerKind.ServiceRequest => Can(actor, Operation.ViewRequest, parent),
            AttachmentOwnerKind.Thread => parent is ThreadOnSubject thread && Can(actor, Operation.ViewMessages, thread),
            _ => false,
        };
    }

    /// <summary>May the actor list the attachments of this record? Only when they may see the record itself (for pictures, through the Pictures module too).</summary>
    public bool Can(Actor actor, Operation operation, AttachmentsOf resource)
    {
        if (!Can(actor, operation)) return false;
        if (!actor.IsCustomer) return true;
        if (operation != Operation.ViewAttachment || resource.Parent is not { } parent) return false;
        return resource.Kind switch
        {
            AttachmentOwnerKind.Job or AttachmentOwnerKind.Visit => Can(actor, Operation.ViewJob, parent) || Can(actor, Operation.ViewPictures, parent),
            AttachmentOwnerKind.Project => Can(actor, Operation.ViewProject, parent),
            AttachmentOwnerKind.Estimate => Can(actor, Operation.ViewEstimate, parent) || Can(actor, Operation.ViewPictures, parent),
            AttachmentOwnerKind.Invoice => Can(actor, Operation.ViewInvoice, parent) || Can(actor, Operation.ViewPictures, parent),
            AttachmentOwnerKind.ServiceRequest => Can(actor, Operation.ViewRequest, parent),
            _ => false,
        };
    }

    /// <summary>
    /// May the actor read (or write in) this message thread? Staff reach every thread. A customer reaches a thread only
    /// while they may see what it is about: no thread on a draft estimate or invoice, or on a job in a hidden module.
    /// </summary>
    public bool Can(Actor actor, Operation operation, ThreadOnSubject resource)
    {
        if (operation is not (Operation.ViewMessages or Operation.SendMessage)) return false;
        var thread = resource.Thread;
        if (!CanOwnRecord(actor, operation, thread)) return false;
        if (!actor.IsCustomer) return true;
        if (thread.SubjectKind == ThreadSubject.General) return true;
        if (resource.Subject is not { } subject || subject.CustomerId != thread.CustomerId) return false;
        return thread.SubjectKind switch
        {
            ThreadSubject.Job => Can(actor, Operation.ViewJob, subject),
            ThreadSubject.Estimate => Can(actor, Operation.ViewEstimate, subject),
            ThreadSubject.Invoice => Can(actor, Operation.ViewInvoice, subject),
            ThreadSubject.Request => Can(actor, Operation.ViewRequest, subject),
            _ => false,
        };
    }

    /// <summary>
    /// May the actor read this message? An internal note is for staff only; everything else in a thread the actor may
    /// read (asked separately with <see cref="ThreadOnSubject"/>) is readable.
    /// </summary>
    public bool MaySeeMessage(Actor actor, bool isInternalNote) =>
        !isInternalNote || actor.Kind is ActorKind.Staff or ActorKind.System;

    /// <summary>May the actor write an internal note (staff only, never a customer, never "view as")?</summary>
    public bool MayWriteInternalNote(Actor actor) => actor.IsStaff && Can(actor, Operation.SendMessage);

    /// <summary>
    /// The same rule for a resource of any kind the rules know (the web authorization handler passes what it was given):
    /// none, a customer's record, an attachment or a thread with its parent. Anything else is refused.
    /// </summary>
    public bool Can(Actor actor, Operation operation, object? resource) => resource switch
    {
        null => Can(actor, operation),
        AttachmentOnParent attachment => Can(actor, operation, attachment),
        AttachmentsOf attachments => Can(actor, operation, attachments),
        ThreadOnSubject thread => Can(actor, operation, thread),
        ICustomerOwned record => Can(actor, operation, record),
        _ => false,
    };

    /// <summary>May the actor reach anything of this customer (their profile page, their portal)?</summary>
    public bool CanReachCustomer(Actor actor, Operation operation, int customerId)
    {
        if (!Can(actor, operation)) return false;
        return !actor.IsCustomer || actor.CustomerId == customerId;
    }

    private bool CanOwnRecord(Actor actor, Operation operation, ICustomerOwned resource)
    {
        if (!Can(actor, operation)) return false;
        if (!actor.IsCustomer) return true;
        return resource.CustomerId == actor.CustomerId && resource.IsVisibleToCustomer;
    }

    /// <summary>
    /// May the actor start following live events: of one customer (their profile, their portal), or of everyone (null,
    /// staff only)? A locked portal user follows nothing.
    /// </summary>
    public bool MayFollow(Actor actor, int? customerId)
    {
        if (actor.Kind == ActorKind.System) return true;
        if (customerId is not { } id) return actor.IsStaff;
        return !actor.IsLocked && CanReachCustomer(actor, Operation.ViewCustomer, id);
    }

    /// <summary>May the actor be told about this event? Asked again on every delivery, since rights change while a page is open.</summary>
    public bool MayReceive(Actor actor, LiveEvent liveEvent) => actor.Kind switch
    {
        ActorKind.System or ActorKind.Staff => true,
        ActorKind.Customer => !actor.IsLocked && actor.CustomerId is not null
            && (liveEvent.CustomerId is null || liveEvent.CustomerId == actor.CustomerId)
            && (liveEvent is not IAudienceLimitedEvent limited || limited.CustomerAudience is { } audience && actor.Modules.HasFlag(audience)),
        _ => false,
    };

    /// <summary>
    /// Could this event change what the actor may do: their own portal user, their customer (portal on/off, modules) or the
    /// company settings? An open screen then resolves its actor again.
    /// </summary>
    public bool MayChangeAccessOf(Actor actor, LiveEvent liveEvent) => liveEvent switch
    {
        CompanySettingsChanged => true,
        SignInChanged changed => actor.AccountId is { } accountId && accountId == changed.AccountId,
        CustomerChanged changed => actor.IsCustomer && actor.CustomerId == changed.Id,
        PortalUsersChanged users => actor.IsCustomer && actor.CustomerId == users.Id
            && (users.PortalUserId is null || users.PortalUserId == actor.PortalUserId),
        _ => false,
    };

    private static bool CustomerMay(Actor actor, Operation operation)
    {
        if (actor.CustomerId is null) return false;
        var isRead = CustomerReads.Contains(operation);
        if (!isRead && !CustomerWrites.Contains(operation)) return false;
        if (!isRead && (actor.IsViewAsCustomer || actor.IsLocked)) return false;
        if (ModuleOf.TryGetValue(operation, out var module) && !actor.Modules.HasFlag(module)) return false;

        return operation switch
        {
            Operation.PayInvoice or Operation.AddCredit => actor.CanPay,
            Operation.AcceptEstimate => actor.CanAcceptEstimates,
            Operation.SubmitRequest => actor.CanSubmitRequests,
            _ => true,
        };
    }
}
