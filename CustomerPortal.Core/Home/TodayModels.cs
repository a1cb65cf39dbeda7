using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Requests;

namespace CustomerPortal.Core.Home;

/// <summary>
/// One tile of the staff home: how many there are in all, the first few rows, and the staff list that shows all of
/// them (filtered the same way). <see cref="Total"/> is the money the count adds up to, where that means something.
/// </summary>
public sealed record TodaySection<T>(int Count, IReadOnlyList<T> Rows, string Href, decimal? Total = null)
{
    public bool HasMore => Count > Rows.Count;
}

/// <summary>A visit on the schedule, with its job and customer; times in the company's zone.</summary>
public sealed record TodayVisit(
    int VisitId, int JobId, string JobNumber, string JobTitle, string CustomerName, DateTime StartLocal, DateTime EndLocal,
    string TechnicianName, VisitStatus Status)
{
    public string Href => $"/staff/jobs/{JobId}";
}

/// <summary>A conversation waiting for a reply: since the customer's first unanswered message (company time), and for how long now.</summary>
public sealed record TodayThread(ThreadSummary Thread, DateTime WaitingSinceLocal, TimeSpan Waited)
{
    public bool IsUnassigned => Thread.AssignedStaffUserId is null;
    public string Href => $"/staff/messages/{Thread.Id}";
}

/// <summary>A portal user invited who has not registered yet.</summary>
public sealed record TodayInvitedUser(int PortalUserId, int CustomerId, string Name, string Email, string CustomerName, DateTime InvitedLocal)
{
    public string Href => $"/staff/customers/{CustomerId}";
}

/// <summary>
/// The staff home for the company's today: what is on the schedule, who waits for an answer, what came in, what is
/// owed and what went wrong. Every section is bounded (a count and a few rows).
/// </summary>
public sealed record TodayBoard(
    DateOnly Today,
    DateTime NowLocal,
    string Currency,
    TodaySection<TodayVisit> VisitsToday,
    TodaySection<TodayVisit> VisitsTomorrow,
    TodaySection<TodayThread> WaitingThreads,
    TodaySection<RequestListItem> NewRequests,
    TodaySection<EstimateSummary> WaitingEstimates,
    TodaySection<EstimateSummary> EstimatesExpiringThisWeek,
    TodaySection<InvoiceSummary> OverdueInvoices,
    TodaySection<PaymentListItem> PaymentsToday,
    TodaySection<OutboxListItem> FailedMessages,
    TodaySection<TodayInvitedUser> InvitedUsers)
{
    /// <summary>"Good morning" before noon, "Good afternoon" until six, then "Good evening" (company time).</summary>
    public string Greeting => NowLocal.Hour switch
    {
        < 12 => "Good morning",
        < 18 => "Good afternoon",
        _ => "Good evening",
    };
}
