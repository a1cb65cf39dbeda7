using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Documents;

/// <summary>Queues "you have something new" e-mails (documents, messages) to a customer's portal users, in the caller's DbContext.</summary>
internal static class DocumentNotifications
{
    /// <summary>
    /// One e-mail per portal user who can see the module: not locked, portal on for the company and the customer, and
    /// the customer has not turned e-mail notifications off. Returns how many were queued.
    /// </summary>
    public static async Task<int> QueueAsync(PortalDbContext db, OutboxWriter outbox, CompanySettings company, int customerId,
        PortalModules module, EventTemplates templates, Func<PortalUser, MergeValues> values, CancellationToken ct)
    {
        var users = await RecipientsAsync(db, company, customerId, module, ct);
        foreach (var user in users)
            outbox.EnqueueEmail(db, user.Email, user.Name, templates.Email(values(user)), templates.Key, customerId, user.Id);
        return users.Count;
    }

    /// <summary>The customer's portal users who would be told about something in <paramref name="module"/> (see <see cref="QueueAsync"/>).</summary>
    public static async Task<List<PortalUser>> RecipientsAsync(PortalDbContext db, CompanySettings company, int customerId,
        PortalModules module, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.Id == customerId)
            .Select(c => new { c.ModuleOverrides, c.PortalEnabled, c.EmailNotifications })
            .SingleAsync(ct);
        if (!company.PortalEnabled || !customer.PortalEnabled || !customer.EmailNotifications) return [];

        var users = await db.PortalUsers.AsNoTracking()
            .Where(u => u.CustomerId == customerId && u.Status != PortalUserStatus.Locked)
            .OrderBy(u => u.Id)
            .ToListAsync(ct);
        return users.Where(user => PortalModuleVisibility.ForUser(company.DefaultModules, customer.ModuleOverrides, user.Modules).HasFlag(module)
            && !string.IsNullOrWhiteSpace(user.Email)).ToList();
    }

    public static string SentMessage(int queued, string what) => queued switch
    {
        0 => $"{what} sent. It is in the customer's portal; no portal user was notified (none can see it or notifications are off).",
        1 => $"{what} sent and 1 portal user notified.",
        _ => $"{what} sent and {queued} portal users notified.",
    };
}
