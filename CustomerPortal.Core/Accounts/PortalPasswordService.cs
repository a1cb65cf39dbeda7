using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace CustomerPortal.Core.Accounts;

/// <summary>
/// Sets a portal user's password from a registration or reset link. Scoped to one request: it shares the request's
/// context with the Identity user manager, so the link is used up in the same transaction as the new password.
/// </summary>
public sealed class PortalPasswordService(UserManager<AppUser> users, PortalDbContext db, MagicLinkService links, TimeProvider clock)
{
    public const string WrongEmailMessage = "That is not the e-mail address this link was sent to.";

    /// <summary>
    /// Uses the link and sets the password; a registration link also asks for the e-mail address it was sent to.
    /// Clears a sign-in lockout, since the person has just proved they read the account's e-mail.
    /// </summary>
    public async Task<Result<AppUser>> SetPasswordAsync(string token, MagicLinkPurpose purpose, string? email, string password, CancellationToken ct)
    {
        if (purpose == MagicLinkPurpose.SignIn) throw new ArgumentException("A sign-in link does not set a password.", nameof(purpose));
        AppUser? account = null;
        var redeemed = await links.RedeemAsync(db, token, purpose, async (user, innerCt) =>
        {
            if (purpose == MagicLinkPurpose.Registration && PortalUser.NormalizeEmail(email ?? "") != user.Email)
                return Result.Invalid(nameof(PortalUser.Email), WrongEmailMessage);
            account = await users.FindByIdAsync(user.AccountId!);
            if (account is null) return Result.NotFound(MagicLinkService.UnknownMessage);

            var resetToken = await users.GeneratePasswordResetTokenAsync(account);
            var changed = await users.ResetPasswordAsync(account, resetToken, password);
            if (!changed.Succeeded)
                return Result.Invalid("Password", string.Join(" ", changed.Errors.Select(e => e.Description)));
            await users.ResetAccessFailedCountAsync(account);
            await users.SetLockoutEndDateAsync(account, null);

            var now = clock.GetUtcNow().UtcDateTime;
            var wasInvited = user.Status == PortalUserStatus.Invited;
            var registered = user.MarkRegistered(now);
            if (!registered.Succeeded) return registered;
            if (wasInvited) await PortalJoin.RecordAsync(db, user.CustomerId, now, innerCt);
            db.AuditEvents.Add(new AuditEvent(now, user.ToActor(PortalModules.All, null), AuditActions.PasswordSet, nameof(PortalUser),
                user.Id.ToString(), user.CustomerId, purpose == MagicLinkPurpose.Registration ? "Registered and chose a password." : "Reset the password by e-mail link."));
            return Result.Success();
        }, ct);
        return redeemed.Succeeded ? account! : Result<AppUser>.From(redeemed);
    }
}
