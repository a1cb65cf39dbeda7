using CustomerPortal.Core.Customers;

namespace CustomerPortal.Web.Staff.Customers.PortalAccess;

public enum PortalUserAction
{
    CopyPortalLink,
    CopyRegistrationLink,
    CopySignInLink,
    SetPassword,
    SendPasswordReset,
    SendInvitation,
    RevokeLinks,
    Edit,
    Lock,
    Unlock,
    Remove,
}

/// <summary>A click in the portal-user list: what to do, to whom.</summary>
public sealed record PortalUserActionRequest(PortalUserAction Action, PortalUserRow User);
