namespace CustomerPortal.Web.Documents;

/// <summary>Where the estimate and invoice pages live.</summary>
public static class DocumentRoutes
{
    public static string StaffEstimate(int id) => $"/staff/estimates/{id}";

    public static string StaffInvoice(int id) => $"/staff/invoices/{id}";
}
