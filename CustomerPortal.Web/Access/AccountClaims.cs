namespace CustomerPortal.Web.Access;

/// <summary>Claims put on the sign-in cookie. They say who signed in; what they may do is loaded fresh by <see cref="ActorResolver"/>.</summary>
public static class AccountClaims
{
    public const string Kind = "cp:kind";
    public const string Role = "cp:role";
    public const string StaffUserId = "cp:staff-user";
    public const string PortalUserId = "cp:portal-user";
    public const string CustomerId = "cp:customer";

    /// <summary>On a staff member's cookie while they view this customer's portal (read-only).</summary>
    public const string ViewAsCustomerId = "cp:view-as";
}
