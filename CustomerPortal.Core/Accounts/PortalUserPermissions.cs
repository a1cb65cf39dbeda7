using CustomerPortal.Core.Access;

namespace CustomerPortal.Core.Accounts;

/// <summary>What one portal user may see and do, within what the company and their customer allow.</summary>
public sealed record PortalUserPermissions(PortalModules? Modules, bool CanPay, bool CanAcceptEstimates, bool CanSubmitRequests)
{
    public static readonly PortalUserPermissions Full = new(null, true, true, true);

    public static PortalUserPermissions Of(PortalUser user) =>
        new(user.Modules, user.CanPay, user.CanAcceptEstimates, user.CanSubmitRequests);

    public void ApplyTo(PortalUser user) => user.ChangePermissions(Modules, CanPay, CanAcceptEstimates, CanSubmitRequests);

    /// <summary>A readable summary for the audit log, e.g. "modules: Jobs, Invoices; may pay; may not accept estimates".</summary>
    public string Describe()
    {
        var modules = Modules is { } m
            ? (m == PortalModules.None ? "no modules" : "modules: " + string.Join(", ", PortalModuleVisibility.Each(m)))
            : "all of the customer's modules";
        return $"{modules}; {(CanPay ? "may" : "may not")} pay; {(CanAcceptEstimates ? "may" : "may not")} accept estimates; " +
               $"{(CanSubmitRequests ? "may" : "may not")} submit requests";
    }
}
