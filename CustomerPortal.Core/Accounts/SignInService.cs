using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Accounts;

public enum SignInOutcome
{
    SignedIn,
    WrongCredentials,
    LockedOut,
    AccountLocked,
    PortalClosed,
}

public sealed record SignInResult(SignInOutcome Outcome, string Message)
{
    public bool Succeeded => Outcome == SignInOutcome.SignedIn;
}

/// <summary>Password sign-in for staff and portal users, with lockout after repeated failures and an audit trail.</summary>
public sealed class SignInService(
    SignInManager<AppUser> signInManager,
    IDbContextFactory<PortalDbContext> dbFactory,
    CompanySettingsService company,
    AuditLog audit,
    ILiveEventPublisher live,
    TimeProvider clock)
{
    public const string WrongCredentialsMessage = "The e-mail or password is not right.";
    public const string AccountLockedMessage = "Your portal account is locked. Please contact us to unlock it.";
    public const string PortalClosedMessage = "The customer portal is closed at the moment. Please contact us.";

    public async Task<SignInResult> PasswordSignInAsync(AccountKind kind, string email, string password, bool remember, string ipAddress, CancellationToken ct)
    {
        var user = await signInManager.UserManager.FindByEmailAsync(email.Trim());
        if (user is null || user.Kind != kind)
            return new(SignInOutcome.WrongCredentials, WrongCredentialsMessage);

        if (kind == AccountKind.Portal)
        {
            var refusal = await CheckPortalUserMaySignInAsync(user.Id, ct);
            if (refusal is not null) return refusal;
        }

        var result = await signInManager.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(Actor.System, AuditActions.LockedOut, nameof(AppUser), user.Id, null, $"Too many failed sign-ins for {user.Email}.", ipAddress, ct);
            return new(SignInOutcome.LockedOut, "Too many failed attempts. This account is locked for a while; try again later or reset the password.");
        }
        if (!result.Succeeded)
        {
            await audit.WriteAsync(Actor.System, AuditActions.SignInFailed, nameof(AppUser), user.Id, null, $"Wrong password for {user.Email}.", ipAddress, ct);
            return new(SignInOutcome.WrongCredentials, WrongCredentialsMessage);
        }

        await RecordSignInAsync(user, ipAddress, "password", ct);
        return new(SignInOutcome.SignedIn, "");
    }

    /// <summary>Why a portal user may not sign in now (locked by staff, portal closed), or null when they may.</summary>
    public async Task<SignInResult?> CheckPortalUserMaySignInAsync(string accountId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var portalUser = await db.PortalUsers.AsNoTracking().SingleOrDefaultAsync(p => p.AccountId == accountId, ct);
        if (portalUser is null) return new(SignInOutcome.WrongCredentials, WrongCredentialsMessage);
        if (portalUser.Status == PortalUserStatus.Locked)
            return new(SignInOutcome.AccountLocked, AccountLockedMessage);
        var customerPortalEnabled = await db.Customers.Where(c => c.Id == portalUser.CustomerId).Select(c => c.PortalEnabled).SingleAsync(ct);
        if (!(await company.GetAsync(ct)).PortalEnabled || !customerPortalEnabled)
            return new(SignInOutcome.PortalClosed, PortalClosedMessage);
        return null;
    }

    /// <summary>Stamps the last sign-in (a first sign-in also registers an invited portal user) and writes the audit event.</summary>
    public async Task RecordSignInAsync(AppUser user, string ipAddress, string method, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Actor actor;
        int? customerId = null;
        if (user.Kind == AccountKind.Staff)
        {
            var staff = await db.StaffUsers.SingleAsync(s => s.AccountId == user.Id, ct);
            staff.LastSignInAtUtc = now;
            actor = staff.ToActor();
        }
        else
        {
            var portalUser = await db.PortalUsers.SingleAsync(p => p.AccountId == user.Id, ct);
            portalUser.RecordSignIn(now);
            actor = portalUser.ToActor(PortalModules.All, null);
            customerId = portalUser.CustomerId;
        }
        db.AuditEvents.Add(new AuditEvent(now, actor, AuditActions.SignedIn, user.Kind == AccountKind.Staff ? nameof(StaffUser) : nameof(PortalUser),
            (actor.StaffUserId ?? actor.PortalUserId)?.ToString() ?? "", customerId, $"Signed in by {method}.", ipAddress));
        await db.SaveChangesAsync(ct);
        if (customerId is { } signedInCustomer) await live.PublishAsync(new PortalUsersChanged(signedInCustomer, actor.PortalUserId), ct);
    }
}
