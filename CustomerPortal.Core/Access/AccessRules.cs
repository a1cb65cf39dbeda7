using CustomerPortal.Core.Common;
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
        Operation.ViewCustomer, Operation.ViewJob, Operation.ViewProject, Operation.ViewEstimate, Operation.ViewInvoice,
        Operation.ViewPayment, Operation.ViewAttachment, Operation.ViewPictures, Operation.ViewRequest, Operation.ViewMessages,
    ];

    private static readonly HashSet<Operation> CustomerWrites =
    [
        Operation.AcceptEstimate, Operation.PayInvoice, Operation.AddCredit, Operation.SubmitRequest,
        Operation.SubmitReview, Operation.SendMessage, Operation.EditOwnProfile,
    ];

    private static readonly HashSet<Operation> AdminOnly =
        [Operation.ManageSettings, Operation.ViewAuditLog, Operation.ManageTemplates];

    /// <summary>May the actor do the operation at all (no particular record)? Used for pages and navigation.</summary>
    public bool Can(Actor actor, Operation operation) => actor.Kind switch
    {
        ActorKind.System => true,
        ActorKind.Staff => !AdminOnly.Contains(operation) || actor.IsAdmin,
        ActorKind.Customer => CustomerMay(actor, operation),
        _ => false,
    };

    /// <summary>May the actor do the operation to this customer's record?</summary>
    public bool Can(Actor actor, Operation operation, ICustomerOwned resource)
    {
        if (!Can(actor, operation)) return false;
        if (!actor.IsCustomer) return true;
        return resource.CustomerId == actor.CustomerId && resource.IsVisibleToCustomer;
    }

    /// <summary>May the actor reach anything of this customer (their profile page, their portal)?</summary>
    public bool CanReachCustomer(Actor actor, Operation operation, int customerId)
    {
        if (!Can(actor, operation)) return false;
        return !actor.IsCustomer || actor.CustomerId == customerId;
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
            && (liveEvent.CustomerId is null || liveEvent.CustomerId == actor.CustomerId),
        _ => false,
    };

    /// <summary>
    /// Could this event change what the actor may do: their own portal user, their customer (portal on/off, modules) or the
    /// company settings? An open screen then resolves its actor again.
    /// </summary>
    public bool MayChangeAccessOf(Actor actor, LiveEvent liveEvent) => liveEvent switch
    {
        CompanySettingsChanged => true,
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
