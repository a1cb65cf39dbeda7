using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Accounts;

/// <summary>
/// Creates sign-in accounts together with their staff or portal user record, in one transaction (or inside the caller's,
/// when the context already has one open).
/// </summary>
public sealed class AccountProvisioning(UserManager<AppUser> userManager, PortalDbContext db, TimeProvider clock)
{
    public async Task<Result<StaffUser>> CreateStaffAsync(string name, string email, string password, StaffRole role, CancellationToken ct)
    {
        await using var transaction = await BeginUnlessOpenAsync(ct);
        var account = new AppUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, Kind = AccountKind.Staff };
        var created = await userManager.CreateAsync(account, password);
        if (!created.Succeeded) return Result<StaffUser>.From(Result.Invalid(Describe(created)));
        var staff = new StaffUser(account.Id, name.Trim(), email.Trim(), role, clock.GetUtcNow().UtcDateTime);
        db.StaffUsers.Add(staff);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return staff;
    }

    /// <summary>
    /// Adds a portal user to a customer with a sign-in account. Without a password the user is Invited and signs in
    /// first through a registration or sign-in link.
    /// </summary>
    public async Task<Result<PortalUser>> CreatePortalUserAsync(int customerId, string email, string name, PortalLoginMode loginMode,
        string? password, CancellationToken ct)
    {
        var normalized = PortalUser.NormalizeEmail(email);
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(normalized) || normalized.Length > 256)
            return Result<PortalUser>.From(Result.Invalid(nameof(PortalUser.Email), "Enter a valid e-mail address."));
        if (await userManager.FindByEmailAsync(normalized) is not null)
            return Result<PortalUser>.From(Result.Conflict($"{normalized} already has an account. Each portal user needs their own e-mail address."));
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct))
            return Result<PortalUser>.From(Result.NotFound("That customer was not found."));

        await using var transaction = await BeginUnlessOpenAsync(ct);
        var account = new AppUser { UserName = normalized, Email = normalized, EmailConfirmed = true, Kind = AccountKind.Portal };
        var created = password is null ? await userManager.CreateAsync(account) : await userManager.CreateAsync(account, password);
        if (!created.Succeeded) return Result<PortalUser>.From(Result.Invalid(Describe(created)));

        var user = new PortalUser(customerId, normalized, name, loginMode, clock.GetUtcNow().UtcDateTime);
        user.LinkAccount(account.Id);
        db.PortalUsers.Add(user);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return user;
    }

    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginUnlessOpenAsync(CancellationToken ct) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
