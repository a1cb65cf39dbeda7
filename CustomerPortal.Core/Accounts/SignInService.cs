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
    AccountLocked,
    PortalClosed,
}

public sealed record SignInResult(SignInOutcome Outcome, string Message)
{
    public bool Succeeded => Outcome == SignInOutcome.SignedIn;
}

/// <summary>
/// Password sign-in for staff and portal users, with an audit trail. Repeated attempts are throttled per address and
/// client by the web layer, not by locking the account, so nobody can lock someone else out by guessing wrong on purpose.
/// </summary>
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
        var users = signInManager.UserManager;
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.Kind != kind)
        {
            // Same answer and about the same work as a wrong password, so the form does not tell which addresses exist.
            users.PasswordHasher.VerifyHashedPassword(DummyAccount, DummyHash(users.PasswordHasher), password);
            return new(SignInOutcome.WrongCredentials, WrongCredentialsMessage);
        }

        // The password is checked before anything about the account is told (locked, portal closed).
        var checkedPassword = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (!checkedPassword.Succeeded)
        {
            await audit.WriteAsync(Actor.System, AuditActions.SignInFailed, nameof(AppUser), user.Id, null, $"Wrong password for {user.Email}.", ipAddress, ct);
            return new(SignInOutcome.WrongCredentials, WrongCredentialsMessage);
        }

        if (kind == AccountKind.Portal)
        {
            var refusal = await CheckPortalUserMaySignInAsync(user.Id, ct);
            if (refusal is not null) return refusal;
        }

        await signInManager.SignInAsync(user, remember, "pwd");
        await RecordSignInAsync(user, ipAddress, "password", ct);
        return new(SignInOutcome.SignedIn, "");
    }

    private static readonly AppUser DummyAccount = new() { Id = "no-such-account", Kind = AccountKind.Portal };
    private static string? _dummyHash;

    private static string DummyHash(IPasswordHasher<AppUser> hasher) =>
        _dummyHash ??= hasher.HashPassword(DummyAccount, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

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

    /// <summary>
    /// Stamps the last sign-in (a first sign-in also registers an invited portal user) and writes the audit event.
    /// The stamps are single conditional UPDATEs, not a tracked save, so two sign-ins of one user at the same moment
    /// cannot fail on each other's concurrency token.
    /// </summary>
    public async Task RecordSignInAsync(AppUser user, string ipAddress, string method, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Actor actor;
        int? customerId = null;
        // A first sign-in's registration, its customer's portal join and the audit event are one write.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (user.Kind == AccountKind.Staff)
        {
            var staff = await db.StaffUsers.AsNoTracking().SingleAsync(s => s.AccountId == user.Id, ct);
            await db.StaffUsers.Where(s => s.Id == staff.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSignInAtUtc, now), ct);
            actor = staff.ToActor();
        }
        else
        {
            var portalUser = await db.PortalUsers.AsNoTracking().SingleAsync(p => p.AccountId == user.Id, ct);
            var registered = await db.PortalUsers.Where(p => p.Id == portalUser.Id && p.Status == PortalUserStatus.Invited)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(p => p.Status, PortalUserStatus.Registered)
                    .SetProperty(p => p.RegisteredAtUtc, now)
                    .SetProperty(p => p.Version, p => p.Version + 1), ct);
            if (registered == 1) await PortalJoin.RecordAsync(db, portalUser.CustomerId, now, ct);
            await db.PortalUsers.Where(p => p.Id == portalUser.Id && p.Status != PortalUserStatus.Locked)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.LastSignInAtUtc, now), ct);
            actor = portalUser.ToActor(PortalModules.All, null);
            customerId = portalUser.CustomerId;
        }
        db.AuditEvents.Add(new AuditEvent(now, actor, AuditActions.SignedIn, user.Kind == AccountKind.Staff ? nameof(StaffUser) : nameof(PortalUser),
            (actor.StaffUserId ?? actor.PortalUserId)?.ToString() ?? "", customerId, $"Signed in by {method}.", ipAddress));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (customerId is { } signedInCustomer) await live.PublishAsync(new PortalUsersChanged(signedInCustomer, actor.PortalUserId), ct);
    }
}
