namespace CustomerPortal.Core.Access;

/// <summary>The sections of the customer portal. Company defaults, a customer's override and a user's permissions narrow them.</summary>
[Flags]
public enum PortalModules
{
    None = 0,
    Jobs = 1 << 0,
    Projects = 1 << 1,
    Estimates = 1 << 2,
    Invoices = 1 << 3,
    Payments = 1 << 4,
    Pictures = 1 << 5,
    Requests = 1 << 6,
    Reviews = 1 << 7,
    Messages = 1 << 8,
    Profile = 1 << 9,
    All = Jobs | Projects | Estimates | Invoices | Payments | Pictures | Requests | Reviews | Messages | Profile,
}

public static class PortalModuleVisibility
{
    /// <summary>What a customer sees: their own override when staff set one, otherwise the company defaults.</summary>
    public static PortalModules ForCustomer(PortalModules companyDefaults, PortalModules? customerOverride) =>
        customerOverride ?? companyDefaults;

    /// <summary>What one portal user sees: the customer's modules narrowed by the user's own permissions.</summary>
    public static PortalModules ForUser(PortalModules companyDefaults, PortalModules? customerOverride, PortalModules? userModules) =>
        ForCustomer(companyDefaults, customerOverride) & (userModules ?? PortalModules.All);

    public static IEnumerable<PortalModules> Each(PortalModules modules) =>
        Enum.GetValues<PortalModules>().Where(m => m != PortalModules.None && m != PortalModules.All && modules.HasFlag(m));
}
