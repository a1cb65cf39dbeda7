using CustomerPortal.Core.Access;

namespace CustomerPortal.Core.Audit;

/// <summary>Something worth knowing later: a sign-in, a portal-user change, a lock, a view-as-customer, a settings change.</summary>
public sealed class AuditEvent
{
    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public ActorKind ActorKind { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";

    /// <summary>Dotted name of what happened, e.g. "portal-user.locked". See <see cref="AuditActions"/>.</summary>
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public int? CustomerId { get; private set; }
    public string Details { get; private set; } = "";
    public string IpAddress { get; private set; } = "";

    private AuditEvent() { }

    public AuditEvent(DateTime atUtc, Actor actor, string action, string entityType, string entityId, int? customerId, string details, string ipAddress = "")
    {
        AtUtc = atUtc;
        ActorKind = actor.Kind;
        ActorId = (actor.StaffUserId ?? actor.PortalUserId)?.ToString() ?? "";
        ActorName = actor.Name;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        CustomerId = customerId;
        Details = details;
        IpAddress = ipAddress;
    }
}

public static class AuditActions
{
    public const string SignedIn = "account.signed-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string SignedOut = "account.signed-out";
    public const string LockedOut = "account.locked-out";
    public const string MagicLinkUsed = "account.magic-link-used";
    public const string DeepLinkUsed = "account.deep-link-used";
    public const string PortalUserAdded = "portal-user.added";
    public const string PortalUserChanged = "portal-user.changed";
    public const string PortalUserRemoved = "portal-user.removed";
    public const string PortalUserLocked = "portal-user.locked";
    public const string PortalUserUnlocked = "portal-user.unlocked";
    public const string PortalUserRegistered = "portal-user.registered";
    public const string PasswordSet = "portal-user.password-set";
    public const string PasswordResetSent = "portal-user.password-reset-sent";
    public const string PortalLinkIssued = "portal-user.link-issued";
    public const string PortalUserInvited = "portal-user.invited";
    public const string PortalLinksRevoked = "portal-user.links-revoked";
    public const string ViewAsCustomer = "customer.viewed-as";
    public const string CustomerChanged = "customer.changed";
    public const string CustomerUnsubscribed = "customer.unsubscribed";
    public const string SettingsChanged = "settings.changed";
    public const string ViewAsCustomerEnded = "customer.viewed-as-ended";
}
