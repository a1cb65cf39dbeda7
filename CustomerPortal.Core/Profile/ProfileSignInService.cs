using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Profile;

/// <summary>
/// A portal user's own sign-in (My profile): set up or change the password, and change the sign-in e-mail through a
/// link sent to the new address. Identity's user manager and the records share one scoped context, so each change is
/// one transaction. Changing the password gives the account a new security stamp (other sessions end); the web page
/// signs the current browser in again.
/// </summary>
public sealed class ProfileSignInService(
    IServiceScopeFactory scopes,
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    AuditLog audit,
    SignedTokens tokens,
    CompanySettingsService companySettings,
    NotificationComposer composer,
    OutboxWriter outbox,
    PortalLinks portalLinks,
    ILiveEventPublisher live,
    TimeProvider clock)
{
    public const string WrongCurrentPasswordMessage = "That is not your current password.";
    public const string EmailInUseMessage = "That e-mail address is already used by another portal account.";
    public const string LinkProblemMessage = "This confirmation link is not valid, has expired or was already used. Ask for a new one in My profile.";
    public static readonly TimeSpan EmailChangeLinkLifetime = TimeSpan.FromHours(24);
    private const string TokenPurpose = "email-change";

    /// <summary>The path of the page that applies a confirmed e-mail change.</summary>
    public static string ConfirmPath(string token) => $"/account/confirm-email/{token}";

    /// <summary>
    /// Sets the password: a password user must give the current one; a link-only user sets one up and signs in with
    /// it from now on. Returns the account id so the page can renew this browser's sign-in.
    /// </summary>
    public async Task<Result<string>> ChangePasswordAsync(Actor actor, string? currentPassword, string newPassword, CancellationToken ct)
    {
        if (!MayEdit(actor, out var portalUserId)) return Result<string>.From(Refused(actor));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await db.PortalUsers.SingleOrDefaultAsync(p => p.Id == portalUserId, ct);
        var account = user?.AccountId is { } accountId ? await users.FindByIdAsync(accountId) : null;
        if (user is null || account is null) return Result<string>.From(Result.NotFound());

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var hadPassword = await users.HasPasswordAsync(account);
        IdentityResult changed;
        if (hadPassword)
        {
            if (string.IsNullOrEmpty(currentPassword) || !await users.CheckPasswordAsync(account, currentPassword))
                return Result<string>.From(Result.Invalid("CurrentPassword", WrongCurrentPasswordMessage));
            changed = await users.ChangePasswordAsync(account, currentPassword, newPassword ?? "");
        }
        else changed = await users.AddPasswordAsync(account, newPassword ?? "");
        if (!changed.Succeeded)
            return Result<string>.From(Result.Invalid("NewPassword", string.Join(" ", changed.Errors.Select(e => e.Description))));

        user.ChangeLoginMode(PortalLoginMode.Password);
        audit.Add(db, actor, AuditActions.PasswordSet, nameof(PortalUser), user.Id.ToString(), user.CustomerId,
            hadPassword ? "Changed the password in My profile." : "Set up a password in My profile (signs in with it from now on).");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await live.PublishAsync(new PortalUsersChanged(user.CustomerId, user.Id), ct);
        return account.Id;
    }

    /// <summary>
    /// Sends a confirmation link to <paramref name="newEmail"/> and a notice to the current address. Nothing changes
    /// until the link is opened (<see cref="ConfirmEmailChangeAsync"/>).
    /// </summary>
    public async Task<Result> RequestEmailChangeAsync(Actor actor, string newEmail, CancellationToken ct)
    {
        if (!MayEdit(actor, out var portalUserId)) return Refused(actor);
        var email = PortalUser.NormalizeEmail(newEmail ?? "");
        if (!CustomerInputRules.IsValidEmail(email)) return Result.Invalid("NewEmail", CustomerInputRules.EmailInvalid);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.PortalUsers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == portalUserId, ct);
        if (user is null) return Result.NotFound();
        if (user.Email == email) return Result.Invalid("NewEmail", "That is already your sign-in e-mail.");
        if (await EmailInUseAsync(db, email, user.AccountId, ct)) return Result.Invalid("NewEmail", EmailInUseMessage);

        var company = await companySettings.GetAsync(ct);
        var expires = clock.GetUtcNow().UtcDateTime + EmailChangeLinkLifetime;
        var token = tokens.Sign(TokenPurpose, Payload(user.Id, expires, user.Email, email));
        var links = RecipientLinks.Plain(portalLinks);
        var confirm = await composer.ForAsync(db, TemplateEvent.EmailChangeConfirmation, ct);
        outbox.EnqueueEmail(db, email, user.Name, confirm.Email(NotificationValues.For(company, links, contactName: user.Name)
            .Set(MergeTagCatalog.NewEmail, email).SetLink(MergeTagCatalog.EmailChangeLink, ConfirmPath(token))
            .Set(MergeTagCatalog.LinkValidFor, "24 hours")), confirm.Key, user.CustomerId, user.Id);
        var notice = await composer.ForAsync(db, TemplateEvent.EmailChangeNotice, ct);
        outbox.EnqueueEmail(db, user.Email, user.Name, notice.Email(NotificationValues.For(company, links, contactName: user.Name)
            .Set(MergeTagCatalog.NewEmail, email).Set(MergeTagCatalog.LinkValidFor, "24 hours")), notice.Key, user.CustomerId, user.Id);
        audit.Add(db, actor, AuditActions.PortalUserChanged, nameof(PortalUser), user.Id.ToString(), user.CustomerId,
            "Asked to change the sign-in e-mail; a confirmation link was sent to the new address.");
        await db.SaveChangesAsync(ct);
        return Result.Success($"We sent a link to {email}. Open it to confirm; until then you sign in with {user.Email}.");
    }

    /// <summary>
    /// Applies a change of sign-in e-mail from its confirmation link: the portal user's address and the Identity
    /// account's e-mail and user name. A link is stale once the address it was made for changed, so it works once.
    /// Returns the new address.
    /// </summary>
    public async Task<Result<string>> ConfirmEmailChangeAsync(string token, CancellationToken ct)
    {
        if (Read(tokens.Verify(TokenPurpose, token)) is not { } request || request.ExpiresUtc < clock.GetUtcNow().UtcDateTime)
            return Result<string>.From(Result.NotFound(LinkProblemMessage));

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await db.PortalUsers.SingleOrDefaultAsync(p => p.Id == request.PortalUserId, ct);
        if (user is null || user.Status == PortalUserStatus.Locked || !HashOf(user.Email).AsSpan().SequenceEqual(request.OldEmailHash))
            return Result<string>.From(Result.NotFound(LinkProblemMessage));
        var account = user.AccountId is { } accountId ? await users.FindByIdAsync(accountId) : null;
        if (account is null) return Result<string>.From(Result.NotFound(LinkProblemMessage));
        if (await EmailInUseAsync(db, request.NewEmail, account.Id, ct)) return Result<string>.From(Result.Conflict(EmailInUseMessage));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var renamed = await users.SetUserNameAsync(account, request.NewEmail);
        var emailed = renamed.Succeeded ? await users.SetEmailAsync(account, request.NewEmail) : renamed;
        if (!emailed.Succeeded) return Result<string>.From(Result.Conflict(EmailInUseMessage));
        account.EmailConfirmed = true;
        await users.UpdateAsync(account);

        var old = user.Email;
        user.ChangeEmail(request.NewEmail);
        var now = clock.GetUtcNow().UtcDateTime;
        db.AuditEvents.Add(new AuditEvent(now, user.ToActor(PortalModules.All, null), AuditActions.PortalUserChanged, nameof(PortalUser),
            user.Id.ToString(), user.CustomerId, $"Confirmed the new sign-in e-mail {user.Email} (was {old})."));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await live.PublishAsync(new PortalUsersChanged(user.CustomerId, user.Id), ct);
        return user.Email;
    }

    private static async Task<bool> EmailInUseAsync(PortalDbContext db, string email, string? ownAccountId, CancellationToken ct)
    {
        var normalized = email.ToUpperInvariant();
        return await db.PortalUsers.AnyAsync(p => p.Email == email && p.AccountId != ownAccountId, ct)
            || await db.Users.AnyAsync(u => u.Id != ownAccountId && (u.NormalizedEmail == normalized || u.NormalizedUserName == normalized), ct);
    }

    private bool MayEdit(Actor actor, out int portalUserId)
    {
        portalUserId = actor.PortalUserId ?? 0;
        return actor.IsCustomer && actor.PortalUserId is not null && actor.CustomerId is { } customerId
            && access.CanReachCustomer(actor, Operation.EditOwnProfile, customerId);
    }

    private static Result Refused(Actor actor) => Result.Forbidden(actor.IsViewAsCustomer
        ? "You are viewing this portal as the customer: nothing can be changed here."
        : "Your sign-in cannot be changed from this account. Please contact us.");

    private sealed record EmailChangeRequest(int PortalUserId, DateTime ExpiresUtc, byte[] OldEmailHash, string NewEmail);

    private static byte[] Payload(int portalUserId, DateTime expiresUtc, string oldEmail, string newEmail)
    {
        var payload = new byte[12];
        BinaryPrimitives.WriteInt32BigEndian(payload, portalUserId);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(4), expiresUtc.Ticks);
        return [.. payload, .. HashOf(oldEmail), .. Encoding.UTF8.GetBytes(newEmail)];
    }

    private static EmailChangeRequest? Read(byte[]? payload)
    {
        if (payload is null || payload.Length <= 12 + HashLength) return null;
        var ticks = BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(4));
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return null;
        return new EmailChangeRequest(BinaryPrimitives.ReadInt32BigEndian(payload), new DateTime(ticks, DateTimeKind.Utc),
            payload[12..(12 + HashLength)], Encoding.UTF8.GetString(payload[(12 + HashLength)..]));
    }

    private const int HashLength = 8;

    private static byte[] HashOf(string email) => SHA256.HashData(Encoding.UTF8.GetBytes(PortalUser.NormalizeEmail(email)))[..HashLength];
}
