using CustomerPortal.Core.Access;
using MudBlazor;

namespace CustomerPortal.Web.Layout;

public static class StaffMenu
{
    public static IReadOnlyList<NavItem> For(Actor? actor)
    {
        List<NavItem> items =
        [
            new("Today", "/staff", Icons.Material.Outlined.Today, MatchAll: true),
            new("Customers", "/staff/customers", Icons.Material.Outlined.People),
            new("Jobs", "/staff/jobs", Icons.Material.Outlined.Handyman),
            new("Projects", "/staff/projects", Icons.Material.Outlined.AccountTree),
            new("Estimates", "/staff/estimates", Icons.Material.Outlined.RequestQuote),
            new("Invoices", "/staff/invoices", Icons.Material.Outlined.Receipt),
            new("Payments", "/staff/payments", Icons.Material.Outlined.Payments),
            new("Requests", "/staff/requests", Icons.Material.Outlined.Inbox, BadgeNoun: "new"),
            new("Reviews", "/staff/reviews", Icons.Material.Outlined.StarRate),
            new("Messages", "/staff/messages", Icons.Material.Outlined.Forum),
            new("Outbox", "/staff/outbox", Icons.Material.Outlined.Outbox),
        ];
        if (actor?.IsAdmin == true)
        {
            items.Add(new("Insights", "/staff/insights", Icons.Material.Outlined.Insights));
            items.Add(new("Templates", "/staff/templates", Icons.Material.Outlined.Mail));
            items.Add(new("Settings", "/staff/settings", Icons.Material.Outlined.Settings));
            items.Add(new("Audit log", "/staff/audit", Icons.Material.Outlined.History));
        }
        return items;
    }
}
