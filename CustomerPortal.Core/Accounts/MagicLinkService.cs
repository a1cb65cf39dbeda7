using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Accounts;

/// <summary>What a valid link is for and whose it is; enough to show the page behind the link.</summary>
public sealed record MagicLinkCheck(
    int TokenId, MagicLinkPurpose Purpose, int PortalUserId, int CustomerId, string AccountId, string Email, string Name,
    PortalLoginMode LoginMode, DateTime ExpiresAtUtc);

/// <summary>
/// Single-use links for portal users: sign in without a password, register (set the first password), reset a password.
/// Only the SHA-256 of a token is stored. Issuing a link ends the user's older unused links of the same kind, so only
/// the newest e-mail works.
/// </summary>
public sealed class MagicLinkService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<AccountOptions> options,
    CompanySettingsService company,
    OutboxWriter outbox,
    Documents.PortalLinks portalLinks,
    DeepLinks deepLinks,
    NotificationComposer composer,
    TimeProvider clock)
{
    public const string UnknownMessage = "This link is not valid. Check that you opened the whole link from the e-mail, or ask for a new one.";
    public const string UsedMessage = "This link has already been used. Each link works only once; ask for a new one below.";
    public const string ExpiredMessage = "This link has expired. Links stop working after a while, or when a newer one is sent; ask for a new one below.";

    /// <summary>The app-relative address of the page that takes a link of this kind.</summary>
    public static string LinkPath(MagicLinkPurpose purpose, string token) => purpose switch
    {
        MagicLinkPurpose.SignIn => $"/portal/link/{token}",
        MagicLinkPurpose.Registration => $"/portal/register/{token}",
        MagicLinkPurpose.PasswordReset => $"/portal/reset-password/{token}",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    public TimeSpan LifetimeOf(MagicLinkPurpose purpose) => purpose == MagicLinkPurpose.SignIn
        ? TimeSpan.FromMinutes(options.Value.MagicLinkMinutes)
        : TimeSpan.FromHours(options.Value.RegistrationLinkHours);

    /// <summary>Creates a link and saves it. Returns the token to put in the link (it is not stored anywhere).</summary>
    public async Task<Result<string>> IssueAsync(int portalUserId, MagicLinkPurpose purpose, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var issued = await IssueAsync(db, portalUserId, purpose, ct);
        if (issued.Succeeded) await db.SaveChangesAsync(ct);
        return issued;
    }

    /// <summary>Adds a link to the caller's context without saving, so it commits with the caller's change. The portal user must already be saved.</summary>
    public async Task<Result<string>> IssueAsync(PortalDbContext db, int portalUserId, MagicLinkPurpose purpose, CancellationToken ct)
    {
        var user = await db.PortalUsers.FindAsync([portalUserId], ct);
        if (user is null) return Result<string>.From(Result.NotFound("That portal user was not found."));
        if (user.Status == PortalUserStatus.Locked) return Result<string>.From(Result.Forbidden("This portal user is locked; unlock them before sending a link."));

        var now = clock.GetUtcNow().UtcDateTime;
        var older = await db.MagicLinkTokens
            .Where(t => t.PortalUserId == portalUserId && t.Purpose == purpose && t.UsedAtUtc == null && t.ExpiresAtUtc > now)
            .ToListAsync(ct);
        foreach (var link in older) link.Revoke(now);

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        db.MagicLinkTokens.Add(new MagicLinkToken(portalUserId, purpose, Hash(token), now, now + LifetimeOf(purpose)));
        return token;
    }

    /// <summary>Is the link usable now, and whose is it? Does not use it up (mail scanners open links before people do).</summary>
    public async Task<Result<MagicLinkCheck>> CheckAsync(string token, MagicLinkPurpose purpose, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FindUsableAsync(db, token, purpose, claimed: false, ct);
    }

    /// <summary>Uses the link up. For a sign-in link, the caller then signs the user in.</summary>
    public async Task<Result<MagicLinkCheck>> RedeemAsync(string token, MagicLinkPurpose purpose, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RedeemAsync(db, token, purpose, null, ct);
    }

    /// <summary>
    /// Uses the link up and runs its effect (e.g. setting the password) in one transaction on the caller's context:
    /// when the effect fails, the link stays unused. The effect may save the context itself.
    /// </summary>
    public async Task<Result<MagicLinkCheck>> RedeemAsync(PortalDbContext db, string token, MagicLinkPurpose purpose,
        Func<PortalUser, CancellationToken, Task<Result>>? effect, CancellationToken ct)
    {
        if (!LooksLikeToken(token)) return Result<MagicLinkCheck>.From(Result.NotFound(UnknownMessage));
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Claim the link with one conditional UPDATE first: of two requests racing with the same link, only one
        // changes the row, and on SQLite the write lock is taken before anything is read.
        var claimed = await db.MagicLinkTokens
            .Where(t => t.TokenHash == hash && t.Purpose == purpose && t.UsedAtUtc == null && t.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAtUtc, now), ct);
        if (claimed != 1)
        {
            var why = await FindUsableAsync(db, token, purpose, claimed: false, ct);
            await transaction.RollbackAsync(ct);
            return why.Succeeded ? Result<MagicLinkCheck>.From(Result.Conflict(UsedMessage)) : why;
        }
        var found = await FindUsableAsync(db, token, purpose, claimed: true, ct);
        if (!found.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            return found;
        }

        var link = found.Value!;
        var user = await db.PortalUsers.SingleAsync(p => p.Id == link.PortalUserId, ct);
        if (effect is not null)
        {
            var done = await effect(user, ct);
            if (!done.Succeeded)
            {
                await transaction.RollbackAsync(ct);
                return Result<MagicLinkCheck>.From(done);
            }
        }

        db.AuditEvents.Add(new AuditEvent(now, user.ToActor(PortalModules.All, null), AuditActions.MagicLinkUsed, nameof(PortalUser),
            user.Id.ToString(), user.CustomerId, $"Used a {Describe(purpose)} link."));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return link;
    }

    /// <summary>
    /// Sends a fresh link to whoever has this e-mail, if anyone may use one. The caller always answers the same way,
    /// so the form never tells whether an address has an account. A user without a password gets a registration link
    /// when asking for a reset (and the other way round); a link-only user always gets a sign-in link.
    /// </summary>
    public async Task RequestLinkAsync(string email, MagicLinkPurpose purpose, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = PortalUser.NormalizeEmail(email);
        var userId = await db.PortalUsers.Where(p => p.Email == normalized && p.AccountId != null && p.Status != PortalUserStatus.Locked)
            .Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        if (userId is null) return;
        var queued = await EmailLinkAsync(db, userId.Value, purpose, ct);
        if (queued.Succeeded) await db.SaveChangesAsync(ct);
    }

    /// <summary>Issues a link and queues the e-mail that carries it, saved together.</summary>
    public async Task<Result> EmailLinkAsync(int portalUserId, MagicLinkPurpose purpose, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queued = await EmailLinkAsync(db, portalUserId, purpose, ct);
        if (queued.Succeeded) await db.SaveChangesAsync(ct);
        return queued;
    }

    /// <summary>
    /// Issues a link and queues its e-mail in the caller's context without saving. The link starts with
    /// <c>App:PublicBaseUrl</c>, never with the address of the request that asked for it.
    /// </summary>
    public async Task<Result> EmailLinkAsync(PortalDbContext db, int portalUserId, MagicLinkPurpose purpose, CancellationToken ct)
    {
        var user = await db.PortalUsers.FindAsync([portalUserId], ct);
        if (user is null) return Result.NotFound("That portal user was not found.");
        var hasPassword = user.AccountId is not null
            && await db.Users.AnyAsync(u => u.Id == user.AccountId && u.PasswordHash != null, ct);
        purpose = (purpose, user.LoginMode, hasPassword) switch
        {
            (_, PortalLoginMode.LinkOnly, _) => MagicLinkPurpose.SignIn,
            (MagicLinkPurpose.PasswordReset, _, false) => MagicLinkPurpose.Registration,
            (MagicLinkPurpose.Registration, _, true) => MagicLinkPurpose.PasswordReset,
            _ => purpose,
        };

        var issued = await IssueAsync(db, portalUserId, purpose, ct);
        if (!issued.Succeeded) return issued;
        var settings = await company.GetAsync(ct);
        var url = portalLinks.Absolute(LinkPath(purpose, issued.Value!));
        var templates = await composer.ForAsync(db, EventOf(purpose), ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == user.CustomerId)
            .Select(c => new CustomerNames(c.DisplayName, c.FirstName, c.LastName)).SingleAsync(ct);
        var values = NotificationValues.For(settings, deepLinks.For(user.Id), customer, user.Name)
            .Set(LinkFieldOf(purpose), url)
            .Set(MergeTagCatalog.LinkValidFor, Describe(LifetimeOf(purpose)));
        outbox.EnqueueEmail(db, user.Email, user.Name, templates.Email(values), templates.Key, user.CustomerId, user.Id);
        return Result.Success();
    }

    /// <param name="claimed">The link was just claimed by this request's UPDATE, so it is unused and current by construction.</param>
    private async Task<Result<MagicLinkCheck>> FindUsableAsync(PortalDbContext db, string token, MagicLinkPurpose purpose, bool claimed,
        CancellationToken ct)
    {
        if (!LooksLikeToken(token)) return Result<MagicLinkCheck>.From(Result.NotFound(UnknownMessage));
        var hash = Hash(token);
        var found = await (
                from t in db.MagicLinkTokens.AsNoTracking()
                join u in db.PortalUsers.AsNoTracking() on t.PortalUserId equals u.Id
                join c in db.Customers.AsNoTracking() on u.CustomerId equals c.Id
                where t.TokenHash == hash && t.Purpose == purpose
                select new { Token = t, User = u, CustomerPortalEnabled = c.PortalEnabled })
            .SingleOrDefaultAsync(ct);
        if (found is null || found.User.AccountId is null) return Result<MagicLinkCheck>.From(Result.NotFound(UnknownMessage));

        var now = clock.GetUtcNow().UtcDateTime;
        if (!claimed && found.Token.IsUsed) return Result<MagicLinkCheck>.From(Result.Conflict(UsedMessage));
        if (!claimed && found.Token.IsExpired(now)) return Result<MagicLinkCheck>.From(Result.Conflict(ExpiredMessage));
        if (found.User.Status == PortalUserStatus.Locked) return Result<MagicLinkCheck>.From(Result.Forbidden(SignInService.AccountLockedMessage));
        if (!found.CustomerPortalEnabled || !(await company.GetAsync(ct)).PortalEnabled)
            return Result<MagicLinkCheck>.From(Result.Forbidden(SignInService.PortalClosedMessage));

        return new MagicLinkCheck(found.Token.Id, purpose, found.User.Id, found.User.CustomerId, found.User.AccountId, found.User.Email,
            found.User.Name, found.User.LoginMode, found.Token.ExpiresAtUtc);
    }

    private static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string Describe(MagicLinkPurpose purpose) => purpose switch
    {
        MagicLinkPurpose.SignIn => "sign-in",
        MagicLinkPurpose.Registration => "registration",
        _ => "password-reset",
    };

    private static TemplateEvent EventOf(MagicLinkPurpose purpose) => purpose switch
    {
        MagicLinkPurpose.SignIn => TemplateEvent.SignInLink,
        MagicLinkPurpose.Registration => TemplateEvent.RegistrationLink,
        _ => TemplateEvent.PasswordReset,
    };

    private static string LinkFieldOf(MagicLinkPurpose purpose) => purpose switch
    {
        MagicLinkPurpose.SignIn => MergeTagCatalog.SignInLink,
        MagicLinkPurpose.Registration => MergeTagCatalog.RegistrationLink,
        _ => MergeTagCatalog.PasswordResetLink,
    };

    /// <summary>"2 hours", "30 minutes", "7 days".</summary>
    internal static string Describe(TimeSpan lifetime) => lifetime switch
    {
        { TotalDays: >= 1 } when lifetime.TotalHours % 24 == 0 => Plural(lifetime.TotalDays, "day"),
        { TotalHours: >= 1 } when lifetime.TotalMinutes % 60 == 0 => Plural(lifetime.TotalHours, "hour"),
        _ => Plural(Math.Round(lifetime.TotalMinutes), "minute"),
    };

    private static string Plural(double count, string unit) => $"{count:0} {unit}{(count == 1 ? "" : "s")}";
}
