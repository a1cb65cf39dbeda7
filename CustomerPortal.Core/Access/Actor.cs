namespace CustomerPortal.Core.Access;

public enum ActorKind
{
    Staff,
    Customer,
    System,
}

public enum StaffRole
{
    Staff,
    Admin,
}

/// <summary>
/// Who is asking. Staff and portal users are both actors; a customer actor carries its customer id, the modules it may
/// see and its permissions, loaded fresh for each request or circuit. Staff "viewing as customer" is a read-only
/// customer actor with <see cref="ViewingStaffUserId"/> set.
/// </summary>
public sealed record Actor
{
    public required ActorKind Kind { get; init; }
    public required string Name { get; init; }

    /// <summary>The sign-in account behind a staff member or portal user (also while staff view a customer's portal).</summary>
    public string? AccountId { get; init; }

    public int? StaffUserId { get; init; }
    public StaffRole? StaffRole { get; init; }

    public int? PortalUserId { get; init; }
    public int? CustomerId { get; init; }
    public PortalModules Modules { get; init; }
    public bool CanPay { get; init; }
    public bool CanAcceptEstimates { get; init; }
    public bool CanSubmitRequests { get; init; }
    public bool IsLocked { get; init; }

    /// <summary>Set when a staff member looks at a customer's portal: everything is read-only and nothing counts as the customer's.</summary>
    public int? ViewingStaffUserId { get; init; }

    public bool IsStaff => Kind == ActorKind.Staff;
    public bool IsAdmin => Kind == ActorKind.Staff && StaffRole == Access.StaffRole.Admin;
    public bool IsCustomer => Kind == ActorKind.Customer;
    public bool IsViewAsCustomer => ViewingStaffUserId is not null;

    public static readonly Actor System = new() { Kind = ActorKind.System, Name = "System" };

    public static Actor Staff(int staffUserId, string name, StaffRole role) =>
        new() { Kind = ActorKind.Staff, StaffUserId = staffUserId, Name = name, StaffRole = role };
}
