using System.ComponentModel.DataAnnotations;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Notifications;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Accounts;

/// <summary>A portal user to add: who they are, how they sign in and what they may do.</summary>
/// <param name="Invite">E-mail them an invitation once they are added (<see cref="PortalUserAdminService.SendInvitationAsync"/>).</param>
public sealed record NewPortalUser(string Name, string Email, PortalLoginMode LoginMode, PortalUserPermissions Permissions, bool Invite = false);

/// <summary>The editable parts of a portal user; <see cref="Version"/> is the version the form was loaded at.</summary>
public sealed record PortalUserEdit(string Name, PortalLoginMode LoginMode, PortalUserPermissions Permissions, int Version);

/// <summary>
/// Staff actions on a customer's portal users: add, edit permissions, lock, unlock, set a password, send a reset e-mail,
/// hand out links and remove. Every action is checked, audited and announced to other screens after it is saved.
/// Identity work runs in a scope of its own per call, because an interactive circuit outlives any DbContext.
/// </summary>
public sealed class PortalUserAdminService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IServiceScopeFactory scopes,
    AccessRules access,
    MagicLinkService links,
    Documents.PortalLinks portalLinks,
    AuditLog audit,
    ILiveEventPublisher live,
    CustomerNotifications notifications,
    Company.CompanySettingsService companySettings,
    TimeProvider clock)
{
    public const string ConflictMessage =
        "Someone else changed this portal user while you were editing. Your changes were not saved; the list now shows theirs.";

    public const int MaxUsersPerAdd = 20;

    /// <summary>Adds one or several users. All rows are checked first; nothing is added while any row is wrong.</summary>
    public async Task<Result<IReadOnlyList<int>>> AddAsync(Actor actor, int customerId, IReadOnlyList<NewPortalUser> users, CancellationToken ct)
    {
        if (!access.CanReachCustomer(actor, Operation.ManagePortalUsers, customerId)) return Result<IReadOnlyList<int>>.From(Result.Forbidden());
        var invalid = await ValidateNewUsersAsync(customerId, users, ct);
        if (invalid is not null) return Result<IReadOnlyList<int>>.From(invalid);

        var added = new List<int>();
        foreach (var (row, index) in users.Select((u, i) => (u, i)))
        {
            await using var scope = scopes.CreateAsyncScope();
            var created = await scope.ServiceProvider.GetRequiredService<AccountProvisioning>()
                .CreatePortalUserAsync(customerId, row.Email, row.Name, row.LoginMode, null, ct, row.Permissions);
            if (!created.Succeeded)
            {
                // Another staff member may have taken the address since the check; report what did happen.
                if (added.Count > 0) await live.PublishAsync(new PortalUsersChanged(customerId, null), ct);
                var prefix = added.Count > 0 ? $"Added {added.Count} user(s), then stopped. " : "";
                return Result<IReadOnlyList<int>>.From(Result.Invalid(prefix + created.Message,
                    new Dictionary<string, string> { [EmailField(index)] = created.Message }));
            }
            var user = created.Value!;
            added.Add(user.Id);
            await audit.WriteAsync(actor, AuditActions.PortalUserAdded, nameof(PortalUser), user.Id.ToString(), customerId,
                $"Added {user.Name} <{user.Email}>, {Describe(user.LoginMode)}; {row.Permissions.Describe()}.", ct: ct);
            if (row.Invite) await InviteAsync(actor, user.Id, ct);
        }

        await live.PublishAsync(new PortalUsersChanged(customerId, added.Count == 1 ? added[0] : null), ct);
        return added;
    }

    public async Task<Result> UpdateAsync(Actor actor, int portalUserId, PortalUserEdit edit, CancellationToken ct)
    {
        var name = (edit.Name ?? "").Trim();
        if (name.Length is 0 or > 200) return Result.Invalid(nameof(PortalUserEdit.Name), "Enter the person's name (up to 200 characters).");

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.PortalUsers.SingleOrDefaultAsync(p => p.Id == portalUserId, ct);
        if (user is null || !access.CanReachCustomer(actor, Operation.ManagePortalUsers, user.CustomerId)) return NotFoundOrForbidden(actor, user);

        var before = PortalUserPermissions.Of(user);
        var changes = new List<string>();
        if (user.Name != name) changes.Add($"name {user.Name} -> {name}");
        if (user.LoginMode != edit.LoginMode) changes.Add($"sign-in {Describe(user.LoginMode)} -> {Describe(edit.LoginMode)}");
        if (before != edit.Permissions) changes.Add($"permissions: {edit.Permissions.Describe()}");
        if (changes.Count == 0) return Result.Success("Nothing to save.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (edit.LoginMode == PortalLoginMode.LinkOnly && user.LoginMode != PortalLoginMode.LinkOnly && user.AccountId is not null)
        {
            // Link-only means no password: drop it so the old one stops working.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var account = await users.FindByIdAsync(user.AccountId);
            if (account is not null && await users.HasPasswordAsync(account))
            {
                var removed = await users.RemovePasswordAsync(account);
                if (!removed.Succeeded) return Result.Conflict(ConflictMessage);
                changes.Add("password removed");
            }
        }

        db.Entry(user).Property(p => p.Version).OriginalValue = edit.Version;
        user.Rename(name);
        user.ChangeLoginMode(edit.LoginMode);
        edit.Permissions.ApplyTo(user);
        audit.Add(db, actor, AuditActions.PortalUserChanged, nameof(PortalUser), user.Id.ToString(), user.CustomerId,
            $"{user.Email}: {string.Join("; ", changes)}.");
        var saved = await SaveAsync(db, ct);
        if (!saved.Succeeded) return saved;
        await transaction.CommitAsync(ct);
        await live.PublishAsync(new PortalUsersChanged(user.CustomerId, user.Id), ct);
        return Result.Success($"{user.Name} was updated.");
    }

    /// <summary>Locks the user and ends all their sessions (signed-in browsers, open tabs, hub connections) in the same save.</summary>
    public Task<Result> LockAsync(Actor actor, int portalUserId, CancellationToken ct) =>
        ChangeAsync(actor, portalUserId, AuditActions.PortalUserLocked, (user, now) => user.Lock(now),
            user => $"Locked {user.Email}; they cannot sign in or submit requests.", ct, endSessions: true);

    public Task<Result> UnlockAsync(Actor actor, int portalUserId, CancellationToken ct) =>
        ChangeAsync(actor, portalUserId, AuditActions.PortalUserUnlocked, (user, _) => user.Unlock(),
            user => $"Unlocked {user.Email}.", ct);

    /// <summary>Sets a password staff hand to the customer (FieldPromax style) and switches the user to password sign-in.</summary>
    public async Task<Result> SetInitialPasswordAsync(Actor actor, int portalUserId, string password, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await db.PortalUsers.SingleOrDefaultAsync(p => p.Id == portalUserId, ct);
        if (user is null || !access.CanReachCustomer(actor, Operation.ManagePortalUsers, user.CustomerId)) return NotFoundOrForbidden(actor, user);
        if (user.Status == PortalUserStatus.Locked) return Result.Conflict("This user is locked. Unlock them before setting a password.");
        var account = user.AccountId is null ? null : await users.FindByIdAsync(user.AccountId);
        if (account is null) return Result.NotFound("This portal user has no sign-in account.");

        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, account, password ?? "");
            problems.AddRange(checkedPassword.Errors.Select(e => e.Description));
        }
        if (problems.Count > 0) return Result.Invalid("Password", string.Join(" ", problems));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await users.HasPasswordAsync(account))
        {
            var removed = await users.RemovePasswordAsync(account);
            if (!removed.Succeeded) return Result.Conflict(ConflictMessage);
        }
        var added = await users.AddPasswordAsync(account, password!);
        if (!added.Succeeded) return Result.Invalid("Password", string.Join(" ", added.Errors.Select(e => e.Description)));
        await users.ResetAccessFailedCountAsync(account);
        await users.SetLockoutEndDateAsync(account, null);

        user.ChangeLoginMode(PortalLoginMode.Password);
        audit.Add(db, actor, AuditActions.PasswordSet, nameof(PortalUser), user.Id.ToString(), user.CustomerId,
            $"Staff set an initial password for {user.Email}.");
        var saved = await SaveAsync(db, ct);
        if (!saved.Succeeded) return saved;
        await transaction.CommitAsync(ct);
        await live.PublishAsync(new PortalUsersChanged(user.CustomerId, user.Id), ct);
        return Result.Success($"Password set. {user.Name} can now sign in with {user.Email} and this password.");
    }

    /// <summary>Queues a password-reset e-mail (a registration e-mail when the user has no password yet) in the outbox.</summary>
    public async Task<Result> SendPasswordResetAsync(Actor actor, int portalUserId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.PortalUsers.SingleOrDefaultAsync(p => p.Id == portalUserId, ct);
        if (user is null || !access.CanReachCustomer(actor, Operation.ManagePortalUsers, user.CustomerId)) return NotFoundOrForbidden(actor, user);
        var queued = await links.EmailLinkAsync(db, portalUserId, MagicLinkPurpose.PasswordReset, ct);
        if (!queued.Succeeded) return queued;
        audit.Add(db, actor, AuditActions.PasswordResetSent, nameof(PortalUser), user.Id.ToString(), user.CustomerId,
            $"Queued a password e-mail to {user.Email}.");
        await db.SaveChangesAsync(ct);
        return Result.Success($"An e-mail with a link to choose a password is on its way to {user.Email}.");
    }

    /// <summary>
    /// E-mails the portal invitation: a user who must still choose a password gets the registration e-mail (its link sets
    /// the password); anyone else gets the invitation, whose portal link is signed for them (a link-only user is signed in
    /// by it once; a password user is asked for their password).
    /// </summary>
    public async Task<Result> SendInvitationAsync(Actor actor, int portalUserId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.PortalUsers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == portalUserId, ct);
        if (user is null || !access.CanReachCustomer(actor, Operation.ManagePortalUsers, user.CustomerId)) return NotFoundOrForbidden(actor, user);
        return await InviteAsync(actor, portalUserId, ct);
    }

    private async Task<Result> InviteAsync(Actor actor, int portalUserId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.PortalUsers.AsNoTracking().SingleAsync(p => p.Id == portalUserId, ct);
        if (user.Status == PortalUserStatus.Locked) return Result.Conflict($"{user.Name} is locked. Unlock them before inviting them.");
        var company = await companySettings.GetAsync(ct);
        var mustChoosePassword = user.LoginMode == PortalLoginMode.Password
            && !await db.Users.AnyAsync(u => u.Id == user.AccountId && u.PasswordHash != null, ct);
        if (mustChoosePassword)
        {
            var queued = await links.EmailLinkAsync(db, portalUserId, MagicLinkPurpose.Registration, ct);
            if (!queued.Succeeded) return queued;
        }
        else if (!await notifications.QueueToUserAsync(db, company, user, TemplateEvent.PortalInvitation, values => values, ct))
        {
            return Result.Conflict("The portal is turned off for this customer or the company, so no invitation was sent.");
        }
        audit.Add(db, actor, AuditActions.PortalUserInvited, nameof(PortalUser), user.Id.ToString(), user.CustomerId,
            $"Queued the portal invitation to {user.Email}.");
        await db.SaveChangesAsync(ct);
        return Result.Success($"An invitation is on its way to {user.Email}.");
    }

    /// <summary>Issues a registration or sign-in link for staff to copy and send themselves. Returns the absolute link.</summary>
    public async Task<Result<string>> IssueLinkAsync(Actor actor, int portalUserId, MagicLinkPurpose purpose, CancellationToken ct)
    {
        if (purpose == MagicLinkPurpose.PasswordReset) return Result<string>.From(Result.Invalid("Password-reset links are only sent by e-mail."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.PortalUsers.SingleOrDefaultAsync(p => p.Id == portalUserId, ct);
        if (user is null || !access.CanReachCustomer(actor, Operation.ManagePortalUsers, user.CustomerId))
            return Result<string>.From(NotFoundOrForbidden(actor, user));
        var issued = await links.IssueAsync(db, portalUserId, purpose, ct);
        if (!issued.Succeeded) return issued;
        audit.Add(db, actor, AuditActions.PortalLinkIssued, nameof(PortalUser), user.Id.ToString(), user.CustomerId,
            $"Copied a {(purpose == MagicLinkPurpose.SignIn ? "sign-in" : "registration")} link for {user.Email}.");
        await db.SaveChangesAsync(ct);
        return portalLinks.Absolute(MagicLinkService.LinkPath(purpose, issued.Value!));
    }

    /// <summary>
    /// Every link sent to the user so far stops working at once: signed deep links made before now, and their unused
    /// sign-in, registration and password-reset links. Sessions they already have are not ended (locking does that).
    /// </summary>
    public async Task<Result> RevokeLinksAsync(Actor actor, int portalUserId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.PortalUsers.SingleOrDefaultAsync(p => p.Id == portalUserId, ct);
        if (user is null || !access.CanReachCustomer(actor, Operation.ManagePortalUsers, user.CustomerId)) return NotFoundOrForbidden(actor, user);
        var now = clock.GetUtcNow().UtcDateTime;
        user.RevokeLinks(now);
        var unused = await db.MagicLinkTokens.Where(t => t.PortalUserId == portalUserId && t.UsedAtUtc == null && t.ExpiresAtUtc > now).ToListAsync(ct);
        foreach (var link in unused) link.Revoke(now);
        audit.Add(db, actor, AuditActions.PortalLinksRevoked, nameof(PortalUser), user.Id.ToString(), user.CustomerId,
            $"Revoked every link sent to {user.Email} ({unused.Count} unused sign-in, registration or reset link(s) among them).");
        var saved = await SaveAsync(db, ct);
        if (!saved.Succeeded) return saved;
        await live.PublishAsync(new PortalUsersChanged(user.CustomerId, user.Id), ct);
        return Result.Success($"Every link sent to {user.Name} so far no longer works. New messages carry new links.");
    }

    /// <summary>Deletes the portal user and their sign-in account together.</summary>
    public async Task<Result> RemoveAsync(Actor actor, int portalUserId, int version, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await db.PortalUsers.SingleOrDefaultAsync(p => p.Id == portalUserId, ct);
        if (user is null || !access.CanReachCustomer(actor, Operation.ManagePortalUsers, user.CustomerId)) return NotFoundOrForbidden(actor, user);
        if (user.Version != version) return Result.Conflict(ConflictMessage);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.PortalUsers.Remove(user);
        audit.Add(db, actor, AuditActions.PortalUserRemoved, nameof(PortalUser), user.Id.ToString(), user.CustomerId,
            $"Removed {user.Name} <{user.Email}> and their sign-in account.");
        var account = user.AccountId is null ? null : await users.FindByIdAsync(user.AccountId);
        if (account is not null)
        {
            // The user manager saves the whole context: the portal user, the account and the audit event go in one save.
            var deleted = await users.DeleteAsync(account);
            if (!deleted.Succeeded) return Result.Conflict(ConflictMessage);
        }
        else
        {
            var saved = await SaveAsync(db, ct);
            if (!saved.Succeeded) return saved;
        }
        await transaction.CommitAsync(ct);
        await live.PublishAsync(new PortalUsersChanged(user.CustomerId, user.Id), ct);
        return Result.Success($"{user.Name} was removed.");
    }

    private async Task<Result> ChangeAsync(Actor actor, int portalUserId, string action, Func<PortalUser, DateTime, Result> change,
        Func<PortalUser, string> details, CancellationToken ct, bool endSessions = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.PortalUsers.SingleOrDefaultAsync(p => p.Id == portalUserId, ct);
        if (user is null || !access.CanReachCustomer(actor, Operation.ManagePortalUsers, user.CustomerId)) return NotFoundOrForbidden(actor, user);
        var changed = change(user, clock.GetUtcNow().UtcDateTime);
        if (!changed.Succeeded) return changed;
        if (endSessions) await SessionStamps.EndSessionsAsync(db, user.AccountId, ct);
        audit.Add(db, actor, action, nameof(PortalUser), user.Id.ToString(), user.CustomerId, details(user));
        var saved = await SaveAsync(db, ct);
        if (!saved.Succeeded) return saved;
        await live.PublishAsync(new PortalUsersChanged(user.CustomerId, user.Id), ct);
        return Result.Success();
    }

    private async Task<Result?> ValidateNewUsersAsync(int customerId, IReadOnlyList<NewPortalUser> users, CancellationToken ct)
    {
        if (users.Count == 0) return Result.Invalid("Add at least one person.");
        if (users.Count > MaxUsersPerAdd) return Result.Invalid($"Add at most {MaxUsersPerAdd} people at a time.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) return Result.NotFound("That customer was not found.");

        var errors = new Dictionary<string, string>();
        var emails = users.Select(u => PortalUser.NormalizeEmail(u.Email ?? "")).ToList();
        var normalizedForIdentity = emails.Select(e => e.ToUpperInvariant()).ToList();
        var taken = (await db.Users.Where(a => normalizedForIdentity.Contains(a.NormalizedEmail!)).Select(a => a.Email!).ToListAsync(ct))
            .Select(PortalUser.NormalizeEmail).ToHashSet();
        var email = new EmailAddressAttribute();
        for (var i = 0; i < users.Count; i++)
        {
            var name = (users[i].Name ?? "").Trim();
            if (name.Length is 0 or > 200) errors[NameField(i)] = "Enter the person's name (up to 200 characters).";
            if (emails[i].Length is 0 or > 256 || !email.IsValid(emails[i]))
                errors[EmailField(i)] = "Enter a valid e-mail address.";
            else if (taken.Contains(emails[i]))
                errors[EmailField(i)] = $"{emails[i]} already has an account. Each portal user needs their own e-mail address.";
            else if (emails.IndexOf(emails[i]) < i)
                errors[EmailField(i)] = $"{emails[i]} is entered twice.";
        }
        return errors.Count == 0 ? null : Result.Invalid(errors.Values.First(), errors);
    }

    public static string NameField(int index) => $"Users[{index}].Name";
    public static string EmailField(int index) => $"Users[{index}].Email";

    private static async Task<Result> SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Success();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(ConflictMessage);
        }
    }

    private Result NotFoundOrForbidden(Actor actor, PortalUser? user) =>
        user is null || actor.IsCustomer ? Result.NotFound("That portal user was not found.") : Result.Forbidden();

    private static string Describe(PortalLoginMode mode) => mode == PortalLoginMode.LinkOnly ? "link-only sign-in" : "password sign-in";
}
