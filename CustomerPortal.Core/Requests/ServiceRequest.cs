using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Requests;

public enum ServiceRequestStatus
{
    New,
    Reviewed,
    Scheduled,
    Converted,
    Declined,
}

/// <summary>Work a customer asks for from the portal. A request, not a booking: staff confirm and turn it into a job.</summary>
public sealed class ServiceRequest : ICustomerOwned
{
    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public int CustomerId { get; private set; }
    public int? PortalUserId { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public Address ServiceAddress { get; private set; } = Address.Empty;
    public DateOnly? PreferredDate { get; private set; }

    /// <summary>Free text such as "Mornings" or "After 3 pm".</summary>
    public string PreferredTimeWindow { get; private set; } = "";

    /// <summary>True when the customer created a work order directly (when the company allows it).</summary>
    public bool IsDirectWorkOrder { get; private set; }
    public ServiceRequestStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public int? JobId { get; private set; }
    public string StaffNotes { get; set; } = "";

    public bool IsVisibleToCustomer => true;

    private ServiceRequest() { }

    public ServiceRequest(string number, int customerId, int? portalUserId, string title, string description, Address serviceAddress,
        DateOnly? preferredDate, string preferredTimeWindow, bool isDirectWorkOrder, DateTime createdAtUtc)
    {
        Number = number;
        CustomerId = customerId;
        PortalUserId = portalUserId;
        Title = title;
        Description = description;
        ServiceAddress = serviceAddress;
        PreferredDate = preferredDate;
        PreferredTimeWindow = preferredTimeWindow;
        IsDirectWorkOrder = isDirectWorkOrder;
        CreatedAtUtc = createdAtUtc;
        Status = ServiceRequestStatus.New;
    }

    public void ChangeStatus(ServiceRequestStatus status) => Status = status;

    public Result MarkConverted(int jobId)
    {
        if (JobId is not null) return Result.Conflict("This request is already a job.");
        JobId = jobId;
        Status = ServiceRequestStatus.Converted;
        return Result.Success();
    }
}
