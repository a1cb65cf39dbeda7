using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Accounts;

public enum DeepLinkState
{
    Usable,
    NotValid,
    Expired,
    Revoked,

    /// <summary>A link-only user's link that has already signed them in once.</summary>
    Used,
    Locked,
    PortalClosed,
}

/// <summary>The portal user a genuine link was made for.</summary>
public sealed record DeepLinkRecipient(int PortalUserId, int CustomerId, string AccountId, string Name, string Email, PortalLoginMode LoginMode);

/// <summary>Where a deep link stands now. <see cref="Link"/> is set whenever the token is genuine; <see cref="Recipient"/> when its user still exists.</summary>
public sealed record DeepLinkStatus(DeepLinkState State, string Message, DeepLinkToken? Link, DeepLinkRecipient? Recipient)
{
    public bool IsUsable => State == DeepLinkState.Usable;

    /// <summary>A fresh link to the same page can be sent to the same person (not for a forged link, a locked user or a closed portal).</summary>
    public bool OffersFreshLink => State is DeepLinkState.Expired or DeepLinkState.Revoked or DeepLinkState.Used;
}

/// <summary>
/// Opens the signed deep links in messages (<see cref="DeepLinks"/>). A link signs a link-only portal user in once, by the
/// same rules as an e-mailed sign-in link: only a button press (a POST) uses it, never merely opening it, and locked users
/// and closed portals are refused. Password users are sent to sign in and then land on the link's page.
/// </summary>
public sealed class DeepLinkService(
    IDbContextFactory<PortalDbContext> dbFactory,
    DeepLinks deepLinks,
    CompanySettingsService company,
    NotificationComposer composer,
    OutboxWriter outbox,
    TimeProvider clock)
{
    public const string NotValidMessage = "This link is not valid. Check that you opened the whole link from the e-mail or text message.";
    public const string ExpiredMessage = "This link has expired. Links in our messages work for a limited time; ask for a new one below.";
    public const string RevokedMessage = "This link no longer works: the links sent to you earlier were switched off. Ask for a new one below.";
    public const string UsedMessage = "This link has already signed you in once. Each link signs you in only once; ask for a new one below.";

    /// <summary>Is the link usable now, whose is it and where does it lead? Does not use it (mail scanners open links too).</summary>
    public async Task<DeepLinkStatus> CheckAsync(string? token, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CheckAsync(db, token, ct);
    }

    /// <summary>
    /// Uses a link-only user's link to sign them in: records its id so that it signs in only once. Two requests racing
    /// with one link cannot both succeed (the id is the key of the row). The caller then starts the session.
    /// </summary>
    public async Task<DeepLinkStatus> UseAsync(string? token, string ipAddress, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var status = await CheckAsync(db, token, ct);
        if (!status.IsUsable) return status;
        var recipient = status.Recipient!;
        if (recipient.LoginMode != PortalLoginMode.LinkOnly) return status with { State = DeepLinkState.NotValid, Message = NotValidMessage };

        var now = clock.GetUtcNow().UtcDateTime;
        var user = await db.PortalUsers.AsNoTracking().SingleAsync(p => p.Id == recipient.PortalUserId, ct);
        db.DeepLinkUses.Add(new DeepLinkUse(status.Link!.Nonce, recipient.PortalUserId, now));
        db.AuditEvents.Add(new AuditEvent(now, user.ToActor(PortalModules.All, null), AuditActions.DeepLinkUsed, nameof(PortalUser),
            user.Id.ToString(), user.CustomerId, $"Signed in by a link to {status.Link.Target}.", ipAddress));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return status with { State = DeepLinkState.Used, Message = UsedMessage };
        }
        return status;
    }

    /// <summary>
    /// E-mails the link's recipient a fresh link to the same page, through the sign-in-link template. Does nothing for a
    /// forged link, a removed or locked user or a closed portal; the caller answers the same way whatever happened.
    /// </summary>
    public async Task SendFreshLinkAsync(string? token, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var status = await CheckAsync(db, token, ct);
        if (status.Recipient is not { } recipient || !(status.IsUsable || status.OffersFreshLink)) return;

        var settings = await company.GetAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == recipient.CustomerId)
            .Select(c => new CustomerNames(c.DisplayName, c.FirstName, c.LastName)).SingleAsync(ct);
        var templates = await composer.ForAsync(db, TemplateEvent.SignInLink, ct);
        var values = NotificationValues.For(settings, deepLinks.For(recipient.PortalUserId), customer, recipient.Name)
            .SetLink(MergeTagCatalog.SignInLink, status.Link!.Target)
            .Set(MergeTagCatalog.LinkValidFor, MagicLinkService.Describe(deepLinks.Lifetime));
        outbox.EnqueueEmail(db, recipient.Email, recipient.Name, templates.Email(values), templates.Key, recipient.CustomerId, recipient.PortalUserId);
        await db.SaveChangesAsync(ct);
    }

    private async Task<DeepLinkStatus> CheckAsync(PortalDbContext db, string? token, CancellationToken ct)
    {
        var link = deepLinks.Read(token);
        if (link is null) return new(DeepLinkState.NotValid, NotValidMessage, null, null);
        var found = await (
                from u in db.PortalUsers.AsNoTracking()
                join c in db.Customers.AsNoTracking() on u.CustomerId equals c.Id
                where u.Id == link.PortalUserId
                select new { User = u, CustomerPortalEnabled = c.PortalEnabled })
            .SingleOrDefaultAsync(ct);
        if (found is null || found.User.AccountId is null) return new(DeepLinkState.NotValid, NotValidMessage, link, null);

        var user = found.User;
        var recipient = new DeepLinkRecipient(user.Id, user.CustomerId, user.AccountId, user.Name, user.Email, user.LoginMode);
        DeepLinkStatus Status(DeepLinkState state, string message) => new(state, message, link, recipient);

        if (user.Status == PortalUserStatus.Locked) return Status(DeepLinkState.Locked, SignInService.AccountLockedMessage);
        if (!found.CustomerPortalEnabled || !(await company.GetAsync(ct)).PortalEnabled)
            return Status(DeepLinkState.PortalClosed, SignInService.PortalClosedMessage);
        if (user.LinksValidFromUtc is { } validFrom && link.IssuedAtUtc < validFrom) return Status(DeepLinkState.Revoked, RevokedMessage);
        if (clock.GetUtcNow().UtcDateTime >= link.ExpiresAtUtc) return Status(DeepLinkState.Expired, ExpiredMessage);
        if (user.LoginMode == PortalLoginMode.LinkOnly && await db.DeepLinkUses.AnyAsync(u => u.Nonce == link.Nonce, ct))
            return Status(DeepLinkState.Used, UsedMessage);
        return Status(DeepLinkState.Usable, "");
    }
}
