using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Projects;
using MudBlazor;

namespace CustomerPortal.Web.Common;

public static class StatusColors
{
    public static Color Of(JobStatus status) => status switch
    {
        JobStatus.Scheduled => Color.Info,
        JobStatus.InProgress => Color.Primary,
        JobStatus.OnHold => Color.Warning,
        JobStatus.Completed => Color.Success,
        JobStatus.Cancelled => Color.Error,
        _ => Color.Default,
    };

    public static Color Of(VisitStatus status) => status switch
    {
        VisitStatus.InProgress => Color.Primary,
        VisitStatus.Completed => Color.Success,
        VisitStatus.Cancelled => Color.Error,
        _ => Color.Info,
    };

    public static Color Of(ProjectStatus status) => status switch
    {
        ProjectStatus.InProgress => Color.Primary,
        ProjectStatus.OnHold => Color.Warning,
        ProjectStatus.Completed => Color.Success,
        ProjectStatus.Cancelled => Color.Error,
        _ => Color.Default,
    };

    public static Color Of(PaymentStatus status) => status switch
    {
        PaymentStatus.Succeeded => Color.Success,
        PaymentStatus.Failed => Color.Error,
        PaymentStatus.Refunded => Color.Warning,
        _ => Color.Default,
    };

    public static Color Of(CustomerPortal.Core.Requests.ServiceRequestStatus status) => status switch
    {
        CustomerPortal.Core.Requests.ServiceRequestStatus.InReview => Color.Info,
        CustomerPortal.Core.Requests.ServiceRequestStatus.Converted => Color.Success,
        CustomerPortal.Core.Requests.ServiceRequestStatus.Declined => Color.Error,
        _ => Color.Primary,
    };
}
