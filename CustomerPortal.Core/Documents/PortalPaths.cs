namespace CustomerPortal.Core.Documents;

/// <summary>App-relative addresses of the portal pages that messages link to.</summary>
public static class PortalPaths
{
    public const string Home = "/portal";
    public const string Invoices = "/portal/invoices";
    public const string Profile = "/portal/profile";
    public const string AddCard = "/portal/profile?add-card=1";
    public const string RateUs = "/portal/rate-us";
    public const string Requests = "/portal/requests";
    public const string NewRequest = "/portal/requests/new";

    /// <summary>The public request page for people without a portal account (the website's "Request work" link).</summary>
    public const string PublicRequestForm = "/request-work";

    public static string Estimate(int id) => $"/portal/estimates/{id}";

    public static string Invoice(int id) => $"/portal/invoices/{id}";

    public static string Payment(int id) => $"/portal/payments/{id}";

    public static string Job(int id) => $"/portal/jobs/{id}";

    public static string Request(int id) => $"/portal/requests/{id}";

    /// <summary>Rate us with the job already chosen (the review request after a job).</summary>
    public static string RateUsForJob(int jobId) => $"{RateUs}?job={jobId}";

    public static string Thread(int id) => $"/portal/messages/{id}";
}
