using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Requests;

/// <summary>The kinds of work a request form offers, and the time windows it suggests.</summary>
public static class WorkRequestChoices
{
    public static readonly IReadOnlyList<string> Categories = ["Repair", "Maintenance", "Installation", "Inspection", "Other"];

    public static readonly IReadOnlyList<string> TimeWindows =
        ["Any time", "Morning (8 am – 12 pm)", "Afternoon (12 – 5 pm)", "Evening (5 – 8 pm)"];
}

/// <summary>
/// What a customer fills in on the request form. The form edits it step by step; <see cref="WorkRequestService"/>
/// checks every field. Either <see cref="ServiceAddressId"/> (one of the customer's addresses) or <see cref="NewAddress"/>.
/// </summary>
public class WorkRequestInput
{
    public string Category { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public int? ServiceAddressId { get; set; }
    public Address NewAddress { get; set; } = Address.Empty;
    public DateOnly? PreferredDate { get; set; }
    public string PreferredTimeWindow { get; set; } = "";
    public DateOnly? AlternativeDate { get; set; }
    public string AlternativeTimeWindow { get; set; } = "";
    public ContactMethod ContactBy { get; set; } = ContactMethod.Email;
    public string ContactPhone { get; set; } = "";

    /// <summary>Book a work order (a job at once) instead of sending a request; only when the company allows it.</summary>
    public bool DirectWorkOrder { get; set; }
}

/// <summary>The public request page: who is asking (a new customer) and the request, with a typed address.</summary>
public sealed class PublicWorkRequestInput : WorkRequestInput
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string CompanyName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";

    /// <summary>A field people never see; only robots fill it in. A filled one is "accepted" and nothing is kept.</summary>
    public string Website { get; set; } = "";
}

/// <summary>A picture chosen on the form, held in memory until the request is sent.</summary>
public sealed record RequestPhoto(string FileName, byte[] Content);

/// <summary>What the confirmation shows. <see cref="JobId"/> is set when a direct work order made a job.</summary>
public sealed record WorkRequestReceipt(int RequestId, string Number, int? JobId, string? JobNumber);

/// <summary>Can this portal user send requests (and book work orders)? When not, <see cref="Reason"/> says why.</summary>
public sealed record WorkRequestAbility(bool CanSubmit, string Reason, bool DirectWorkOrders);

/// <summary>One of the customer's saved addresses, to choose on the form.</summary>
public sealed record RequestAddressChoice(int Id, string Label, Address Address, bool IsPrimary);

/// <summary>What the form needs to start: the customer's addresses, the contact details to suggest, the company's rules.</summary>
public sealed record RequestFormStart(WorkRequestAbility Ability, IReadOnlyList<RequestAddressChoice> Addresses, string ContactName,
    string ContactEmail, string ContactPhone, DateOnly Today, string CompanyName);

public sealed record WorkRequestRow(int Id, string Number, string Category, string Title, DateOnly? PreferredDate, string PreferredTimeWindow,
    ServiceRequestStatus Status, bool IsDirectWorkOrder, DateTime CreatedLocal);

/// <summary>
/// A request as its customer sees it. <see cref="EstimateLink"/> and <see cref="JobLink"/> are set when it became an
/// estimate or a job the customer may open; the number is shown either way.
/// </summary>
public sealed record WorkRequestDetail(
    int Id, string Number, ServiceRequestSource Source, string Category, string Title, string Description, Address ServiceAddress,
    DateOnly? PreferredDate, string PreferredTimeWindow, DateOnly? AlternativeDate, string AlternativeTimeWindow,
    ContactMethod ContactBy, string ContactName, string ContactEmail, string ContactPhone, bool IsDirectWorkOrder,
    ServiceRequestStatus Status, DateTime CreatedLocal, DateTime? DecidedLocal, string DeclineReason,
    string? EstimateNumber, string? EstimateLink, string? JobNumber, string? JobLink, IReadOnlyList<AttachmentView> Photos);
