using CustomerPortal.Core.Requests;
using MudBlazor;

namespace CustomerPortal.Web.Staff.Requests;

public static class RequestColors
{
    public static Color Of(ServiceRequestStatus status) => status switch
    {
        ServiceRequestStatus.New => Color.Warning,
        ServiceRequestStatus.InReview => Color.Info,
        ServiceRequestStatus.Converted => Color.Success,
        _ => Color.Default,
    };
}
