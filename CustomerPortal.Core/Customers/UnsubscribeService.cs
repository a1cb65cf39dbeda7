using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Customers;

/// <summary>What an unsubscribe link stops, for whom, and whether it already has.</summary>
public sealed record UnsubscribeView(int CustomerId, string CustomerName, bool Marketing, bool Stopped);

/// <summary>
/// The receiving end of the unsubscribe links in e-mails (<see cref="DeepLinks.UnsubscribeUrl"/>): turns off the customer's
/// notification e-mails, or their marketing opt-in, without a sign-in. Asking twice changes nothing the second time.
/// </summary>
public sealed class UnsubscribeService(
    IDbContextFactory<PortalDbContext> dbFactory, DeepLinks deepLinks, AuditLog audit, ILiveEventPublisher live)
{
    public const string NotValidMessage = "This unsubscribe link is not valid. Check that you opened the whole link from the e-mail.";
    private const int Attempts = 3;

    /// <summary>What the link would stop. Changes nothing (mail scanners open links).</summary>
    public async Task<Result<UnsubscribeView>> CheckAsync(string? token, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindAsync(db, token, ct);
        if (found is null) return Result<UnsubscribeView>.From(Result.NotFound(NotValidMessage));
        return View(found.Value.Customer, found.Value.Link.Marketing);
    }

    /// <summary>Stops the e-mails the link names (an audit entry and a live event for staff); a second call finds them stopped.</summary>
    public async Task<Result<UnsubscribeView>> UnsubscribeAsync(string? token, string ipAddress, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var found = await FindAsync(db, token, ct);
            if (found is null) return Result<UnsubscribeView>.From(Result.NotFound(NotValidMessage));
            var (link, customer, user) = found.Value;
            var changed = link.Marketing ? customer.OptOutOfMarketing() : customer.UnsubscribeFromEmails();
            if (!changed) return View(customer, link.Marketing);

            audit.Add(db, user.ToActor(PortalModules.All, null), AuditActions.CustomerUnsubscribed, nameof(Customer), customer.Id.ToString(), customer.Id,
                link.Marketing
                    ? $"{user.Email} opted out of marketing e-mails by the link in an e-mail."
                    : $"{user.Email} turned off notification e-mails for the customer by the unsubscribe link in an e-mail.",
                ipAddress);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                continue; // staff saved the customer at the same moment: apply the change to their version
            }
            await live.PublishAsync(new CustomerChanged(customer.Id), ct);
            return View(customer, link.Marketing);
        }
    }

    private static UnsubscribeView View(Customer customer, bool marketing) =>
        new(customer.Id, customer.DisplayName, marketing, marketing ? !customer.MarketingOptIn : !customer.EmailNotifications);

    private async Task<(UnsubscribeToken Link, Customer Customer, Accounts.PortalUser User)?> FindAsync(PortalDbContext db, string? token, CancellationToken ct)
    {
        if (deepLinks.ReadUnsubscribe(token) is not { } link) return null;
        var user = await db.PortalUsers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == link.PortalUserId, ct);
        if (user is null) return null;
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == user.CustomerId, ct);
        return customer is null ? null : (link, customer, user);
    }
}
