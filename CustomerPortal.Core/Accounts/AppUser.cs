using Microsoft.AspNetCore.Identity;

namespace CustomerPortal.Core.Accounts;

public enum AccountKind
{
    Staff,
    Portal,
}

/// <summary>The sign-in account (ASP.NET Core Identity) behind a <see cref="StaffUser"/> or a <see cref="PortalUser"/>.</summary>
public sealed class AppUser : IdentityUser
{
    public AccountKind Kind { get; set; }
}
