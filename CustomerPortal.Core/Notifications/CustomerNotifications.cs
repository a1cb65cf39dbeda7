using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Notifications;

/// <summary>Where a text goes: the customer's phone, with the portal user whose links it carries.</summary>
public sealed record TextRecipient(string Number, PortalUser LinksFor);

/// <summary>Who hears about something: the portal users to e-mail and the text to the customer's phone, if any.</summary>
public sealed record Audience(CustomerNames Customer, IReadOnlyList<PortalUser> Emails, TextRecipient? Text)
{
    public static readonly Audience Nobody = new(new CustomerNames("", "", ""), [], null);
}

/// <summary>Who was told: how many portal users by e-mail, and whether a text message went to the customer's phone.</summary>
public sealed record Notified(int Emails, bool Sms)
{
    public static readonly Notified Nobody = new(0, false);

    public bool Anyone => Emails > 0 || Sms;
}

/// <summary>
/// Tells a customer that something happened, through the event's templates, in the caller's DbContext so the messages
/// are saved (or dropped) with the change. Each portal user who can see the module gets an e-mail with links signed for
/// them, when the customer wants e-mails; the customer's phone gets one text message when the customer wants texts.
/// Nobody is told while the portal is off for the company or the customer, and marketing only goes to customers who
/// opted in. Every e-mail carries its recipient's one-click unsubscribe link.
/// </summary>
public sealed class CustomerNotifications(
    OutboxWriter outbox, NotificationComposer composer, DeepLinks deepLinks, IOptions<NotificationOptions> options)
{
    public async Task<Notified> QueueAsync(PortalDbContext db, CompanySettings company, int customerId, PortalModules module,
        TemplateEvent templateEvent, Func<MergeValues, MergeValues> fields, CancellationToken ct, bool marketing = false)
    {
        var audience = await AudienceAsync(db, company, customerId, module, ct, marketing);
        if (audience.Emails.Count == 0 && audience.Text is null) return Notified.Nobody;

        var templates = await composer.ForAsync(db, templateEvent, ct);
        foreach (var user in audience.Emails)
        {
            var values = fields(NotificationValues.For(company, deepLinks.For(user.Id), audience.Customer, user.Name));
            outbox.EnqueueEmail(db, user.Email, user.Name, templates.Email(values), templates.Key, customerId, user.Id)
                .OfferUnsubscribe(deepLinks.UnsubscribeUrl(user.Id, marketing), marketing);
        }
        if (audience.Text is { } text)
        {
            var values = fields(NotificationValues.For(company, deepLinks.For(text.LinksFor.Id), audience.Customer,
                $"{audience.Customer.FirstName} {audience.Customer.LastName}".Trim()));
            outbox.EnqueueSms(db, text.Number, audience.Customer.DisplayName, templates.Sms(values), templates.Key, customerId, text.LinksFor.Id);
        }
        return new Notified(audience.Emails.Count, audience.Text is not null);
    }

    /// <summary>
    /// One e-mail to one portal user (an invitation), with links signed for them. Sent whatever the customer's notification
    /// choices, because the user asked for it or staff sent it on purpose; not while the portal is off or the user is locked.
    /// </summary>
    public async Task<bool> QueueToUserAsync(PortalDbContext db, CompanySettings company, PortalUser user, TemplateEvent templateEvent,
        Func<MergeValues, MergeValues> fields, CancellationToken ct)
    {
        if (user.Status == PortalUserStatus.Locked || string.IsNullOrWhiteSpace(user.Email)) return false;
        var customer = await CustomerAsync(db, user.CustomerId, ct);
        if (!company.PortalEnabled || !customer.PortalEnabled) return false;
        var templates = await composer.ForAsync(db, templateEvent, ct);
        var values = fields(NotificationValues.For(company, deepLinks.For(user.Id), customer.Names, user.Name));
        outbox.EnqueueEmail(db, user.Email, user.Name, templates.Email(values), templates.Key, user.CustomerId, user.Id);
        return true;
    }

    /// <summary>
    /// Who hears about something in <paramref name="module"/> (see <see cref="QueueAsync"/>): the portal users to e-mail,
    /// and the customer's phone (E.164) with the first portal user who can see the module, whose links the text carries.
    /// One read of the customer and one of their users.
    /// </summary>
    public async Task<Audience> AudienceAsync(PortalDbContext db, CompanySettings company, int customerId, PortalModules module,
        CancellationToken ct, bool marketing = false)
    {
        var customer = await CustomerAsync(db, customerId, ct);
        if (!company.PortalEnabled || !customer.PortalEnabled || (marketing && !customer.MarketingOptIn)) return Audience.Nobody;
        var users = await UsersWhoSeeAsync(db, company, customerId, customer.ModuleOverrides, module, ct);
        if (users.Count == 0) return Audience.Nobody;
        var emails = customer.EmailNotifications ? users.Where(u => !string.IsNullOrWhiteSpace(u.Email)).ToList() : [];
        var number = customer.SmsNotifications ? SmsNumbers.ToE164(customer.Phone, options.Value.DefaultPhoneRegion) : null;
        return new Audience(customer.Names, emails, number is null ? null : new TextRecipient(number, users[0]));
    }

    /// <summary>The customer's portal users who can see <paramref name="module"/>: not locked, in id order.</summary>
    public static async Task<List<PortalUser>> UsersWhoSeeAsync(PortalDbContext db, CompanySettings company, int customerId,
        PortalModules? customerModules, PortalModules module, CancellationToken ct)
    {
        var users = await UnlockedUsersOf.For(db)(db, customerId).ToListAsync(ct);
        return users.Where(u => PortalModuleVisibility.ForUser(company.DefaultModules, customerModules, u.Modules).HasFlag(module)).ToList();
    }

    private static Task<CustomerChoices> CustomerAsync(PortalDbContext db, int customerId, CancellationToken ct) =>
        ChoicesOf.For(db)(db, customerId, ct);

    // Compiled: every staff message asks these, and EF's query cache lookup cost as much as the queries.
    private static readonly PerModel<Func<PortalDbContext, int, CancellationToken, Task<CustomerChoices>>> ChoicesOf = new(() =>
        EF.CompileAsyncQuery((PortalDbContext db, int customerId, CancellationToken ct) => db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new CustomerChoices(new CustomerNames(c.DisplayName, c.FirstName, c.LastName), c.Phone, c.ModuleOverrides,
                c.PortalEnabled, c.EmailNotifications, c.SmsNotifications, c.MarketingOptIn))
            .Single()));

    private static readonly PerModel<Func<PortalDbContext, int, IAsyncEnumerable<PortalUser>>> UnlockedUsersOf = new(() =>
        EF.CompileAsyncQuery<PortalDbContext, int, PortalUser>((db, customerId) => db.PortalUsers.AsNoTracking()
            .Where(u => u.CustomerId == customerId && u.Status != PortalUserStatus.Locked)
            .OrderBy(u => u.Id)));

    private sealed record CustomerChoices(CustomerNames Names, string Phone, PortalModules? ModuleOverrides,
        bool PortalEnabled, bool EmailNotifications, bool SmsNotifications, bool MarketingOptIn);

    /// <summary>"Invoice sent and 2 portal users notified." for the staff member who sent it.</summary>
    public static string SentMessage(Notified notified, string what)
    {
        var sms = notified.Sms ? " A text message went to the customer's phone." : "";
        return notified.Emails switch
        {
            0 when notified.Sms => $"{what} sent. No portal user was e-mailed (e-mail notifications are off).{sms}",
            0 => $"{what} sent. It is in the customer's portal; nobody was notified (no portal user can see it, or notifications are off).",
            1 => $"{what} sent and 1 portal user notified.{sms}",
            _ => $"{what} sent and {notified.Emails} portal users notified.{sms}",
        };
    }
}
