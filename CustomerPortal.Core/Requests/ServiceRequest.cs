using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Requests;

/// <summary>Where a request stands. Staff open a new one (In review), then turn it into an estimate or a job, or decline it.</summary>
public enum ServiceRequestStatus
{
    New,
    InReview,
    Converted,
    Declined,
}

/// <summary>Where the request came from: a signed-in portal user, or the public request page (a new customer).</summary>
public enum ServiceRequestSource
{
    Portal,
    PublicForm,
}

/// <summary>How the customer would like to hear back about the request.</summary>
public enum ContactMethod
{
    Email,
    Phone,
    Text,
}

/// <summary>
/// Work a customer asks for from the portal or the public request page. A request, not a booking: staff confirm it and
/// turn it into an estimate or a job (or decline it with a message). Pictures hang on it as attachments (at most
/// <see cref="MaxPhotos"/>); it has its own message thread (<c>ThreadSubject.Request</c>).
/// </summary>
public sealed class ServiceRequest : ICustomerOwned, IVersioned
{
    public const int MaxPhotos = 4;

    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public int CustomerId { get; private set; }
    public int? PortalUserId { get; private set; }
    public ServiceRequestSource Source { get; private set; }

    /// <summary>The kind of work ("Repair", "Maintenance", ...), chosen on the form's first step.</summary>
    public string Category { get; private set; } = "";

    /// <summary>A short line saying what is needed ("Kitchen sink leaking").</summary>
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>The customer's saved address the work is at, when one was chosen; <see cref="ServiceAddress"/> is always the copy.</summary>
    public int? ServiceAddressId { get; private set; }
    public Address ServiceAddress { get; private set; } = Address.Empty;

    public DateOnly? PreferredDate { get; private set; }

    /// <summary>Free text such as "Morning (8–12)" or "After 3 pm".</summary>
    public string PreferredTimeWindow { get; private set; } = "";
    public DateOnly? AlternativeDate { get; private set; }
    public string AlternativeTimeWindow { get; private set; } = "";

    public ContactMethod ContactBy { get; private set; }

    /// <summary>Who to contact, as entered (a portal user's name and e-mail, or what a new customer typed on the public page).</summary>
    public string ContactName { get; private set; } = "";
    public string ContactEmail { get; private set; } = "";
    public string ContactPhone { get; private set; } = "";

    /// <summary>True when the customer created a work order directly (when the company allows it): a job was made at once.</summary>
    public bool IsDirectWorkOrder { get; private set; }
    public ServiceRequestStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>When staff converted or declined it.</summary>
    public DateTime? DecidedAtUtc { get; private set; }
    public string DecidedBy { get; private set; } = "";

    /// <summary>The message to the customer when staff declined it.</summary>
    public string DeclineReason { get; private set; } = "";
    public int? JobId { get; private set; }
    public int? EstimateId { get; private set; }

    /// <summary>Never shown to a customer.</summary>
    public string StaffNotes { get; private set; } = "";
    public int Version { get; private set; }

    int IVersioned.Version { get => Version; set => Version = value; }

    public bool IsVisibleToCustomer => true;
    public bool IsOpen => Status is ServiceRequestStatus.New or ServiceRequestStatus.InReview;

    private ServiceRequest() { }

    public ServiceRequest(string number, int customerId, int? portalUserId, ServiceRequestSource source, ServiceRequestDetails details,
        bool isDirectWorkOrder, DateTime createdAtUtc)
    {
        Number = number;
        CustomerId = customerId;
        PortalUserId = portalUserId;
        Source = source;
        IsDirectWorkOrder = isDirectWorkOrder;
        CreatedAtUtc = createdAtUtc;
        UpdatedAtUtc = createdAtUtc;
        Status = ServiceRequestStatus.New;
        Apply(details);
    }

    private void Apply(ServiceRequestDetails d)
    {
        Category = d.Category.Trim();
        Title = d.Title.Trim();
        Description = d.Description.Trim();
        ServiceAddressId = d.ServiceAddressId;
        ServiceAddress = d.ServiceAddress;
        PreferredDate = d.PreferredDate;
        PreferredTimeWindow = d.PreferredTimeWindow.Trim();
        AlternativeDate = d.AlternativeDate;
        AlternativeTimeWindow = d.AlternativeTimeWindow.Trim();
        ContactBy = d.ContactBy;
        ContactName = d.ContactName.Trim();
        ContactEmail = d.ContactEmail.Trim();
        ContactPhone = d.ContactPhone.Trim();
    }

    /// <summary>A staff member opened a new request: it is now being looked at. Nothing happens to one already in review or decided.</summary>
    public bool StartReview(DateTime nowUtc)
    {
        if (Status != ServiceRequestStatus.New) return false;
        Status = ServiceRequestStatus.InReview;
        UpdatedAtUtc = nowUtc;
        return true;
    }

    /// <summary>Staff made a job from the request (or the customer's direct work order made one).</summary>
    public Result ConvertToJob(int jobId, string by, DateTime nowUtc) => Decide(() => JobId = jobId, by, nowUtc);

    /// <summary>Staff made an estimate from the request.</summary>
    public Result ConvertToEstimate(int estimateId, string by, DateTime nowUtc) => Decide(() => EstimateId = estimateId, by, nowUtc);

    public Result Decline(string reason, string by, DateTime nowUtc)
    {
        reason = reason.Trim();
        if (reason.Length == 0) return Result.Invalid(nameof(DeclineReason), "Tell the customer in a sentence why you cannot take this on.");
        if (reason.Length > 2000) return Result.Invalid(nameof(DeclineReason), "Please keep the message under 2,000 characters.");
        if (!IsOpen) return Result.Conflict(AlreadyDecided);
        DeclineReason = reason;
        Status = ServiceRequestStatus.Declined;
        DecidedAtUtc = nowUtc;
        DecidedBy = by;
        UpdatedAtUtc = nowUtc;
        return Result.Success();
    }

    public void UpdateStaffNotes(string notes, DateTime nowUtc)
    {
        StaffNotes = notes.Trim();
        UpdatedAtUtc = nowUtc;
    }

    private string AlreadyDecided => Status == ServiceRequestStatus.Declined
        ? "This request was already declined."
        : "This request was already turned into " + (JobId is not null ? "a job." : "an estimate.");

    private Result Decide(Action link, string by, DateTime nowUtc)
    {
        if (!IsOpen) return Result.Conflict(AlreadyDecided);
        link();
        Status = ServiceRequestStatus.Converted;
        DecidedAtUtc = nowUtc;
        DecidedBy = by;
        UpdatedAtUtc = nowUtc;
        return Result.Success();
    }
}

/// <summary>What the customer filled in on the request form (already checked by the service).</summary>
public sealed record ServiceRequestDetails(
    string Category, string Title, string Description, int? ServiceAddressId, Address ServiceAddress,
    DateOnly? PreferredDate, string PreferredTimeWindow, DateOnly? AlternativeDate, string AlternativeTimeWindow,
    ContactMethod ContactBy, string ContactName, string ContactEmail, string ContactPhone);
