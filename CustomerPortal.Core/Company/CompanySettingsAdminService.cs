using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Files;
using CustomerPortal.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Company;

/// <summary>Admins change the company settings and logo here: validated, version-checked, audited and announced.</summary>
public sealed class CompanySettingsAdminService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    CompanySettingsService settings,
    IFileStore files,
    AuditLog audit,
    ILiveEventPublisher live,
    TimeProvider clock)
{
    public const string ConflictMessage =
        "Someone else saved the company settings while you were editing. Your changes were not saved; reload to see theirs.";

    public async Task<Result<CompanySettingsInput>> GetForEditAsync(Actor actor, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageSettings)) return Result<CompanySettingsInput>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db.CompanySettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new CompanySettings();
        return CompanySettingsInput.From(current);
    }

    public async Task<bool> HasLogoAsync(CancellationToken ct) => (await settings.GetAsync(ct)).LogoFileName.Length > 0;

    /// <summary>Saves the form. Returns the new version, to keep editing without a reload.</summary>
    public async Task<Result<int>> SaveAsync(Actor actor, CompanySettingsInput input, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageSettings)) return Result<int>.From(Result.Forbidden());
        var errors = CompanySettingsRules.Validate(input);
        if (errors.Count > 0) return Result<int>.From(Result.Invalid("Some settings need fixing; see the highlighted fields.", errors));

        return await ChangeAsync(actor, input.Version, s =>
        {
            var changes = CompanySettingsRules.Apply(input, s);
            return changes.Count == 0 ? null : string.Join("; ", changes);
        }, ct);
    }

    public async Task<Result<Payments.PaymentSettingsInput>> GetPaymentSettingsForEditAsync(Actor actor, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageSettings)) return Result<Payments.PaymentSettingsInput>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return Payments.PaymentSettingsInput.From(await db.CompanySettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new CompanySettings());
    }

    /// <summary>Saves the payment settings form (part payments, top-up limits, card payments on or off). Returns the new version.</summary>
    public async Task<Result<int>> SavePaymentSettingsAsync(Actor actor, Payments.PaymentSettingsInput input, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageSettings)) return Result<int>.From(Result.Forbidden());
        var check = input.ApplyTo(new CompanySettings());
        if (!check.Succeeded) return Result<int>.From(check);
        return await ChangeAsync(actor, input.Version, s =>
        {
            var before = Payments.PaymentSettingsInput.From(s);
            input.ApplyTo(s);
            var changes = Payments.PaymentSettingsInput.Changes(before, Payments.PaymentSettingsInput.From(s));
            return changes.Length == 0 ? null : changes;
        }, ct);
    }

    /// <summary>Checks the upload by its content, stores it and makes it the logo. Returns the new version.</summary>
    public async Task<Result<int>> UploadLogoAsync(Actor actor, ReadOnlyMemory<byte> content, int version, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageSettings)) return Result<int>.From(Result.Forbidden());
        var logo = LogoImage.Inspect(content.Span);
        if (!logo.Succeeded) return Result<int>.From(logo);

        var stored = await files.SaveAsync(logo.Value!.Content, logo.Value.Extension, ct);
        var previous = "";
        var saved = await ChangeAsync(actor, version, s =>
        {
            previous = s.LogoFileName;
            s.ChangeLogo(stored, logo.Value.ContentType);
            return $"logo uploaded ({logo.Value.ContentType}, {logo.Value.Content.Length / 1024.0:0.#} KB)";
        }, ct);
        await files.DeleteAsync(saved.Succeeded ? previous : stored, CancellationToken.None);
        return saved;
    }

    public async Task<Result<int>> RemoveLogoAsync(Actor actor, int version, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageSettings)) return Result<int>.From(Result.Forbidden());
        var previous = "";
        var saved = await ChangeAsync(actor, version, s =>
        {
            if (s.LogoFileName.Length == 0) return null;
            previous = s.LogoFileName;
            s.RemoveLogo();
            return "logo removed";
        }, ct);
        if (saved.Succeeded && previous.Length > 0) await files.DeleteAsync(previous, CancellationToken.None);
        return saved;
    }

    /// <summary>
    /// Applies a change when the stored version is still the one the admin saw. The version is claimed with one
    /// conditional UPDATE first, so two admins saving at once cannot both win (and SQLite takes its write lock up front).
    /// </summary>
    private async Task<Result<int>> ChangeAsync(Actor actor, int expectedVersion, Func<CompanySettings, string?> apply, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.CompanySettings.Where(s => s.Id == CompanySettings.SingletonId && s.Version == expectedVersion)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Version, expectedVersion + 1), ct);
        var current = await db.CompanySettings.SingleOrDefaultAsync(ct);
        if (current is null && expectedVersion == 0)
        {
            // Nothing saved yet: the defaults the form showed become the first row.
            current = new CompanySettings();
            // The claim above found no row to bump, so the first row starts at the version the claim would have made.
            ((IVersioned)current).Version = expectedVersion + 1;
            db.CompanySettings.Add(current);
        }
        else if (current is null || claimed != 1)
        {
            return Result<int>.From(Result.Conflict(ConflictMessage));
        }

        var changes = apply(current);
        if (changes is null)
        {
            await transaction.RollbackAsync(ct);
            return expectedVersion;
        }
        current.MarkEdited(clock.GetUtcNow().UtcDateTime);
        audit.Add(db, actor, AuditActions.SettingsChanged, nameof(CompanySettings), CompanySettings.SingletonId.ToString(), null, Truncate(changes));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        settings.Invalidate();
        await live.PublishAsync(new CompanySettingsChanged(), ct);
        return current.Version;
    }

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..3997] + "...";
}
