using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Accounts;

public enum PortalUserStatus
{
    Invited,
    Registered,
    Locked,
}

public enum PortalLoginMode
{
    /// <summary>Signs in with e-mail and password (a registration link sets the password first).</summary>
    Password,

    /// <summary>Signs in only through single-use links sent by e-mail; no password.</summary>
    LinkOnly,
}

/// <summary>A person who signs in to the portal on behalf of exactly one customer.</summary>
public sealed class PortalUser : IVersioned
{
    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public string? AccountId { get; private set; }
    public string Email { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>The person's own phone number (the customer's main number is on the customer), set in My profile.</summary>
    public string Phone { get; private set; } = "";
    public PortalUserStatus Status { get; private set; }
    public PortalLoginMode LoginMode { get; private set; }

    /// <summary>Modules this user may see, within the customer's; null means all of the customer's.</summary>
    public PortalModules? Modules { get; private set; }
    public bool CanPay { get; private set; } = true;
    public bool CanAcceptEstimates { get; private set; } = true;
    public bool CanSubmitRequests { get; private set; } = true;

    public DateTime InvitedAtUtc { get; private set; }
    public DateTime? RegisteredAtUtc { get; private set; }
    public DateTime? LastSignInAtUtc { get; private set; }
    public DateTime? LockedAtUtc { get; private set; }

    /// <summary>Links sent to this user before this moment no longer work (staff revoked them all).</summary>
    public DateTime? LinksValidFromUtc { get; private set; }

    /// <summary>The status before the lock, so unlocking returns the user to where they were.</summary>
    public PortalUserStatus? StatusBeforeLock { get; private set; }
    public int Version { get; private set; }

    int IVersioned.Version { get => Version; set => Version = value; }

    private PortalUser() { }

    public PortalUser(int customerId, string email, string name, PortalLoginMode loginMode, DateTime invitedAtUtc)
    {
        CustomerId = customerId;
        Email = NormalizeEmail(email);
        Name = name.Trim();
        LoginMode = loginMode;
        Status = PortalUserStatus.Invited;
        InvitedAtUtc = invitedAtUtc;
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public void LinkAccount(string accountId) => AccountId = accountId;

    /// <summary>Every link sent to this user so far stops working.</summary>
    public void RevokeLinks(DateTime nowUtc) => LinksValidFromUtc = nowUtc;

    public void Rename(string name) => Name = name.Trim();

    public void ChangePhone(string phone) => Phone = phone.Trim();

    /// <summary>The sign-in address changed (after the person confirmed the new one through a link sent to it).</summary>
    public void ChangeEmail(string email) => Email = NormalizeEmail(email);

    /// <summary>Password sign-in, or single-use links only.</summary>
    public void ChangeLoginMode(PortalLoginMode mode) => LoginMode = mode;

    /// <summary>What this user may see and do within the customer's portal; module bits outside the enum are dropped.</summary>
    public void ChangePermissions(PortalModules? modules, bool canPay, bool canAcceptEstimates, bool canSubmitRequests)
    {
        Modules = modules is { } m ? m & PortalModules.All : null;
        CanPay = canPay;
        CanAcceptEstimates = canAcceptEstimates;
        CanSubmitRequests = canSubmitRequests;
    }

    public Result MarkRegistered(DateTime nowUtc)
    {
        if (Status == PortalUserStatus.Locked) return Result.Forbidden("This portal account is locked. Please contact us.");
        if (Status == PortalUserStatus.Invited)
        {
            Status = PortalUserStatus.Registered;
            RegisteredAtUtc = nowUtc;
        }
        return Result.Success();
    }

    public Result RecordSignIn(DateTime nowUtc)
    {
        var registered = MarkRegistered(nowUtc);
        if (!registered.Succeeded) return registered;
        LastSignInAtUtc = nowUtc;
        return Result.Success();
    }

    public Result Lock(DateTime nowUtc)
    {
        if (Status == PortalUserStatus.Locked) return Result.Conflict("This user is already locked.");
        StatusBeforeLock = Status;
        Status = PortalUserStatus.Locked;
        LockedAtUtc = nowUtc;
        return Result.Success();
    }

    public Result Unlock()
    {
        if (Status != PortalUserStatus.Locked) return Result.Conflict("This user is not locked.");
        Status = StatusBeforeLock ?? (RegisteredAtUtc is null ? PortalUserStatus.Invited : PortalUserStatus.Registered);
        StatusBeforeLock = null;
        LockedAtUtc = null;
        return Result.Success();
    }

    /// <summary>The actor for this user's requests, with the modules the company and customer allow.</summary>
    public Actor ToActor(PortalModules companyDefaults, PortalModules? customerOverride) => new()
    {
        Kind = ActorKind.Customer,
        Name = Name,
        AccountId = AccountId,
        PortalUserId = Id,
        CustomerId = CustomerId,
        Modules = PortalModuleVisibility.ForUser(companyDefaults, customerOverride, Modules),
        CanPay = CanPay,
        CanAcceptEstimates = CanAcceptEstimates,
        CanSubmitRequests = CanSubmitRequests,
        IsLocked = Status == PortalUserStatus.Locked,
    };
}
