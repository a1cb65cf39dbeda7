using CustomerPortal.Core.Access;
using MudBlazor;

namespace CustomerPortal.Web.Layout;

/// <summary>The portal's menu: only the modules this user may see.</summary>
public static class PortalMenu
{
    private static readonly (PortalModules Module, NavItem Item)[] Entries =
    [
        (PortalModules.Jobs, new("My jobs", "/portal/jobs", Icons.Material.Outlined.Handyman)),
        (PortalModules.Projects, new("My projects", "/portal/projects", Icons.Material.Outlined.AccountTree)),
        (PortalModules.Estimates, new("My estimates", "/portal/estimates", Icons.Material.Outlined.RequestQuote)),
        (PortalModules.Invoices, new("My invoices", "/portal/invoices", Icons.Material.Outlined.Receipt)),
        (PortalModules.Payments, new("My payments", "/portal/payments", Icons.Material.Outlined.Payments)),
        (PortalModules.Pictures, new("Pictures", "/portal/pictures", Icons.Material.Outlined.PhotoLibrary)),
        (PortalModules.Requests, new("Request work", "/portal/requests", Icons.Material.Outlined.AddTask)),
        (PortalModules.Reviews, new("Rate us", "/portal/rate-us", Icons.Material.Outlined.StarRate)),
        (PortalModules.Messages, new("Messages", "/portal/messages", Icons.Material.Outlined.Forum)),
        (PortalModules.Profile, new("My profile", "/portal/profile", Icons.Material.Outlined.Person)),
    ];

    public static IReadOnlyList<NavItem> For(Actor? actor)
    {
        var items = new List<NavItem> { new("Dashboard", "/portal", Icons.Material.Outlined.Dashboard, MatchAll: true) };
        if (actor is null) return items;
        items.AddRange(Entries.Where(e => actor.Modules.HasFlag(e.Module)).Select(e => e.Item));
        return items;
    }
}
