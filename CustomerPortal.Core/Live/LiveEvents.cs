namespace CustomerPortal.Core.Live;

/// <summary>
/// Something other screens should show without a reload. Services publish after their save succeeds; the
/// <see cref="LiveEventBus"/> hands events to the subscribers allowed to see them (asked of AccessRules when subscribing
/// and again on every delivery): an event about a customer goes to staff and to that customer's portal users, an event
/// without a customer to everyone signed in. Events carry ids and small facts only; a receiver reloads what it shows
/// through the services, which apply the access rules again. A new kind of event is a record deriving from this one
/// (here or in its feature) plus a method in the hub's ILiveClient (web project); Redis serialization finds it by itself.
/// </summary>
public abstract record LiveEvent
{
    /// <summary>The customer the event is about, or null for company-wide events. Decides who may receive it.</summary>
    public abstract int? CustomerId { get; }
}

/// <summary>A customer's details, portal settings or archive state changed (the customer list shows it).</summary>
public sealed record CustomerChanged(int Id) : LiveEvent
{
    public override int? CustomerId => Id;
}

/// <summary>A portal user of the customer was added, changed, removed, locked, registered or signed in (null: several).</summary>
public sealed record PortalUsersChanged(int Id, int? PortalUserId) : LiveEvent
{
    public override int? CustomerId => Id;
}

/// <summary>An estimate of the customer was created, revised, sent, accepted, declined or converted.</summary>
public sealed record EstimateChanged(int ForCustomerId, int EstimateId) : LiveEvent
{
    public override int? CustomerId => ForCustomerId;
}

/// <summary>An invoice of the customer was created, revised, sent, voided or (part) paid.</summary>
public sealed record InvoiceChanged(int ForCustomerId, int InvoiceId) : LiveEvent
{
    public override int? CustomerId => ForCustomerId;
}

/// <summary>A payment or a credit movement of the customer was recorded (invoices it paid get their own InvoiceChanged).</summary>
public sealed record PaymentRecorded(int ForCustomerId, int? PaymentId) : LiveEvent
{
    public override int? CustomerId => ForCustomerId;
}

/// <summary>
/// Someone's sign-in changed: their sessions were ended (security stamp), their password changed, or their staff record
/// changed. Never shown on a screen; screens and hub connections that keep the person's actor resolve it again.
/// </summary>
public sealed record SignInChanged(string AccountId) : LiveEvent, IAudienceLimitedEvent
{
    public override int? CustomerId => null;
    public Access.PortalModules? CustomerAudience => null;
}

/// <summary>Company settings changed (branding, modules, portal on/off). Every instance drops its settings cache.</summary>
public sealed record CompanySettingsChanged : LiveEvent
{
    public override int? CustomerId => null;
}

/// <summary>
/// An event only some of a customer's people may hear of: those whose portal modules include all of
/// <see cref="CustomerAudience"/>; null means staff only (an internal note, a thread on a draft, inbox triage).
/// </summary>
public interface IAudienceLimitedEvent
{
    Access.PortalModules? CustomerAudience { get; }
}

/// <summary>What write services publish through: the <see cref="LiveEventBus"/> of this app instance.</summary>
public interface ILiveEventPublisher
{
    /// <summary>Hands the event to this instance's subscribers and, when Redis is set up, to the other instances. Never throws for a failing subscriber.</summary>
    Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default);
}
