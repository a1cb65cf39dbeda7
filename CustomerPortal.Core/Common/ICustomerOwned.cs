namespace CustomerPortal.Core.Common;

/// <summary>A record that belongs to one customer; a portal user reaches it only when the ids match.</summary>
public interface ICustomerOwned
{
    int CustomerId { get; }

    /// <summary>False while the business has not sent or shared it (drafts, staff-only files).</summary>
    bool IsVisibleToCustomer { get; }
}
