using CustomerPortal.Core.Access;

namespace CustomerPortal.Core.Customers;

public static class ViewAsCustomer
{
    /// <summary>
    /// The read-only customer actor for a staff member looking at this customer's portal: the customer's modules, no
    /// permission to pay, accept or request, and <see cref="Actor.ViewingStaffUserId"/> set so nothing counts as the customer's.
    /// </summary>
    public static Actor ActorFor(int staffUserId, int customerId, string customerName, PortalModules customerModules) => new()
    {
        Kind = ActorKind.Customer,
        Name = customerName,
        CustomerId = customerId,
        Modules = customerModules,
        ViewingStaffUserId = staffUserId,
    };
}
