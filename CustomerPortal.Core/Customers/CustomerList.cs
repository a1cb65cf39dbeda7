namespace CustomerPortal.Core.Customers;

public enum CustomerSort
{
    Name,
    Email,
    Created,
}

/// <summary>One page of the staff customer list. <see cref="Page"/> counts from 0.</summary>
public sealed record CustomerListQuery(
    string? Search = null,
    CustomerSort Sort = CustomerSort.Name,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25,
    bool IncludeArchived = false,
    bool PortalInvitedOnly = false)
{
    public const int MaxPageSize = 100;
}

public sealed record CustomerListRow(
    int Id,
    string DisplayName,
    string PersonName,
    string CompanyName,
    string Email,
    string Phone,
    bool PortalEnabled,
    int PortalUserCount,
    bool IsArchived,
    DateTime CreatedAtUtc,
    bool IsPendingReview = false);

/// <summary>The customer as its staff profile shows it: the editable details and what is read-only on the page.</summary>
public sealed record CustomerDetails(
    int Id,
    string DisplayName,
    string PortalIdentifier,
    bool PortalEnabled,
    bool IsArchived,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc,
    CustomerInput Input,
    bool IsPendingReview = false);
