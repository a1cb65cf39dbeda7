using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Requests;

/// <summary>The tabs of the staff requests list: open ones (new and in review) by default.</summary>
public enum RequestListFilter
{
    Open,
    New,
    InReview,
    Converted,
    Declined,
    All,
}

public sealed record RequestListQuery
{
    public RequestListFilter Filter { get; init; } = RequestListFilter.Open;

    /// <summary>Matches the customer's name, the request number or its title.</summary>
    public string? Search { get; init; }
    public int? CustomerId { get; init; }
    public PageRequest Page { get; init; } = new();
}

public sealed record RequestListItem(
    int Id, string Number, string Title, string Category, int CustomerId, string CustomerName, bool CustomerPendingReview,
    ServiceRequestSource Source, ServiceRequestStatus Status, int PhotoCount, DateOnly? PreferredDate, string PreferredTimeWindow,
    DateTime CreatedLocal);

/// <summary>A request of the staff list as the database gives it (time in UTC), before the page or the export shapes it.</summary>
internal sealed class RequestListRecord
{
    public int Id { get; init; }
    public string Number { get; init; } = "";
    public string Title { get; init; } = "";
    public string Category { get; init; } = "";
    public int CustomerId { get; init; }
    public string CustomerName { get; init; } = "";
    public bool CustomerPendingReview { get; init; }
    public ServiceRequestSource Source { get; init; }
    public ServiceRequestStatus Status { get; init; }
    public int PhotoCount { get; init; }
    public DateOnly? PreferredDate { get; init; }
    public string PreferredTimeWindow { get; init; } = "";
    public DateTime CreatedAtUtc { get; init; }
}

/// <summary>How many requests each tab holds (with the search and customer filter applied, whatever the tab).</summary>
public sealed record RequestCounts(int New, int InReview, int Converted, int Declined)
{
    public int Open => New + InReview;
    public int All => New + InReview + Converted + Declined;

    public int Of(RequestListFilter filter) => filter switch
    {
        RequestListFilter.New => New,
        RequestListFilter.InReview => InReview,
        RequestListFilter.Converted => Converted,
        RequestListFilter.Declined => Declined,
        RequestListFilter.All => All,
        _ => Open,
    };
}

public sealed record RequestList(PagedList<RequestListItem> Page, RequestCounts Counts);

/// <summary>A request as the staff page shows it, with what it became (<see cref="JobNumber"/> or <see cref="EstimateNumber"/>).</summary>
public sealed record RequestDetail(
    int Id, string Number, int CustomerId, string CustomerName, bool CustomerPendingReview, ServiceRequestSource Source,
    ServiceRequestStatus Status, bool IsDirectWorkOrder, string Category, string Title, string Description, Address ServiceAddress,
    DateOnly? PreferredDate, string PreferredTimeWindow, DateOnly? AlternativeDate, string AlternativeTimeWindow,
    ContactMethod ContactBy, string ContactName, string ContactEmail, string ContactPhone,
    DateTime CreatedLocal, DateTime? DecidedLocal, string DecidedBy, string DeclineReason, string StaffNotes,
    int? JobId, string? JobNumber, int? EstimateId, string? EstimateNumber, IReadOnlyList<AttachmentView> Photos)
{
    public bool IsOpen => Status is ServiceRequestStatus.New or ServiceRequestStatus.InReview;
}

/// <summary>How requests, their statuses and choices are named on pages (staff words, and the customer's own).</summary>
public static class RequestText
{
    public static string Of(ServiceRequestStatus status) => status switch
    {
        ServiceRequestStatus.New => "New",
        ServiceRequestStatus.InReview => "In review",
        ServiceRequestStatus.Converted => "Converted",
        _ => "Declined",
    };

    /// <summary>The status as the customer reads it: their request was received, then accepted (it became an estimate or a job).</summary>
    public static string ForCustomer(ServiceRequestStatus status) => status switch
    {
        ServiceRequestStatus.New => "Received",
        ServiceRequestStatus.InReview => "In review",
        ServiceRequestStatus.Converted => "Accepted",
        _ => "Declined",
    };

    public static string Of(ServiceRequestSource source) => source == ServiceRequestSource.Portal ? "Portal" : "Website";

    public static string Of(ContactMethod method) => method switch
    {
        ContactMethod.Phone => "Phone call",
        ContactMethod.Text => "Text message",
        _ => "E-mail",
    };

    public static string Of(RequestListFilter filter) => filter switch
    {
        RequestListFilter.InReview => "In review",
        RequestListFilter.All => "All",
        _ => filter.ToString(),
    };

    /// <summary>"Mar 12, 2026, morning (8–12)", or "" when the customer gave no date.</summary>
    public static string When(DateOnly? date, string window)
    {
        if (date is not { } day) return window;
        var text = day.ToString("MMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture);
        return window.Length == 0 ? text : $"{text}, {window}";
    }
}
