using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;

namespace CustomerPortal.Core.Customers;

/// <summary>Everything the "Customer portal" tab of a customer shows.</summary>
public sealed record CustomerPortalView(
    int CustomerId,
    string CustomerName,
    bool PortalEnabled,
    string PortalIdentifier,
    PortalModules? ModuleOverrides,
    int CustomerVersion,
    bool CompanyPortalEnabled,
    PortalModules CompanyDefaultModules,
    IReadOnlyList<PortalUserRow> Users,
    IReadOnlyList<EmailChoice> EmailChoices)
{
    /// <summary>What this customer's users see at most: the override, or the company defaults.</summary>
    public PortalModules EffectiveModules => PortalModuleVisibility.ForCustomer(CompanyDefaultModules, ModuleOverrides);

    public bool IsOpen => PortalEnabled && CompanyPortalEnabled;
}

/// <summary>One portal user in the tab's list. Times are already in the company's time zone.</summary>
public sealed record PortalUserRow(
    int Id,
    string Name,
    string Email,
    PortalUserStatus Status,
    PortalLoginMode LoginMode,
    PortalUserPermissions Permissions,
    bool HasPassword,
    DateTime InvitedAtLocal,
    DateTime? LastSignInAtLocal,
    int Version);

/// <summary>An e-mail address already known for the customer (their own or a contact's), offered when adding a portal user.</summary>
public sealed record EmailChoice(string Name, string Email, string Source);

/// <summary>The editable portal settings of one customer; <see cref="Version"/> is the version the form was loaded at.</summary>
public sealed record PortalAccessInput(bool PortalEnabled, string PortalIdentifier, PortalModules? ModuleOverrides, int Version);

/// <summary>A customer to pick for a per-customer portal link.</summary>
public sealed record CustomerPortalChoice(int Id, string Name, string PortalIdentifier, bool PortalEnabled);
