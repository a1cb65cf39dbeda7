using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Attachments;

/// <summary>
/// Files and pictures on jobs, visits, projects, estimates, invoices and service requests: the upload pipeline
/// (type by content, size limits, pictures re-encoded without metadata), staff changes, and the one rule for who may
/// open a stored file.
/// </summary>
public sealed class AttachmentService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings,
    IFileStore files, AuditLog audit, IOptions<AttachmentOptions> options)
{
    private readonly AttachmentOptions _options = options.Value;

    /// <summary>
    /// Checks, cleans and stores an upload. The file's type comes from its bytes; the name and the declared type are
    /// only kept for display. Pictures are re-encoded (metadata stripped, EXIF orientation applied, scaled down) and
    /// get a thumbnail.
    /// </summary>
    public async Task<Result<AttachmentView>> UploadAsync(Actor actor, AttachmentOwner owner, Stream content, string fileName,
        string declaredContentType, UploadSettings settings, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageAttachment) || owner.Kind == AttachmentOwnerKind.Thread)
            return Result<AttachmentView>.From(Result.Forbidden());
        return await StoreAsync(actor, owner, content, fileName, settings, ct);
    }

    /// <summary>The upload pipeline after the caller has checked that the actor may add a file to the owner (a message's files come through Messaging).</summary>
    internal async Task<Result<AttachmentView>> StoreAsync(Actor actor, AttachmentOwner owner, Stream content, string fileName,
        UploadSettings settings, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resolved = await ResolveOwnerAsync(db, owner, ct);
        if (resolved is null) return Result<AttachmentView>.From(Result.NotFound("The record to attach this file to was not found."));

        var prepared = await PrepareAsync(content, fileName, ct);
        if (!prepared.Succeeded) return Result<AttachmentView>.From(prepared);

        var stored = await StoreFilesAsync([prepared.Value!], ct);
        var attachment = Add(db, actor, resolved.Value.CustomerId, resolved.Value.Owner, stored[0], settings);
        try
        {
            await db.SaveChangesAsync(ct);
            return ToView(attachment, await companySettings.GetAsync(ct));
        }
        catch
        {
            await DeleteStoredFilesAsync(stored);
            throw;
        }
    }

    /// <summary>
    /// The checks of the upload pipeline without storing anything: the type comes from the bytes, size limits apply,
    /// pictures are re-encoded (metadata stripped, EXIF orientation applied, scaled down) with a thumbnail.
    /// </summary>
    internal async Task<Result<PreparedUpload>> PrepareAsync(Stream content, string fileName, CancellationToken ct)
    {
        var displayName = CleanFileName(fileName);
        var data = await ReadAtMostAsync(content, _options.LargestUpload, ct);
        if (data is null)
            return Invalid($"{displayName} is larger than {FileSizes.Describe(_options.LargestUpload)}. {LimitsText()}");
        if (data.Length == 0) return Invalid($"{displayName} is empty.");

        var type = FileTypeDetector.Detect(data, displayName);
        if (type is null)
            return Invalid($"{displayName} is not a picture or an allowed file type. You can upload {FileTypeDetector.AcceptedDescription}.");

        var limit = type.Kind == AttachmentKind.Picture ? _options.MaxPictureBytes : _options.MaxFileBytes;
        if (data.Length > limit)
            return Invalid($"{displayName} is {FileSizes.Describe(data.Length)}, which is too big. {LimitsText()}");

        if (type.Kind != AttachmentKind.Picture)
            return new PreparedUpload(displayName, type.Kind, type.ContentType, type.Extension, data, null, "", null, null);

        var processed = PictureProcessor.Process(data, displayName, _options);
        if (!processed.Succeeded) return Result<PreparedUpload>.From(processed);
        var picture = processed.Value!;
        return new PreparedUpload(WithExtension(displayName, picture.Extension), AttachmentKind.Picture, picture.ContentType, picture.Extension,
            picture.Content, picture.Thumbnail, picture.ThumbnailExtension, picture.Width, picture.Height);
    }

    /// <summary>
    /// Writes prepared uploads (and their thumbnails) to the file store, before the transaction that records them: a
    /// store may write on a connection of its own (the database store does), which must not wait for the caller's
    /// write lock. When the rows are not saved, the caller removes the files with <see cref="DeleteStoredFilesAsync(IEnumerable{StoredUpload})"/>.
    /// </summary>
    internal async Task<List<StoredUpload>> StoreFilesAsync(IEnumerable<PreparedUpload> uploads, CancellationToken ct)
    {
        var stored = new List<StoredUpload>();
        try
        {
            foreach (var upload in uploads)
            {
                var storedName = await files.SaveAsync(upload.Content, upload.Extension, ct);
                stored.Add(new StoredUpload(upload, storedName, ""));
                if (upload.Thumbnail is not null)
                    stored[^1] = stored[^1] with { ThumbnailName = await files.SaveAsync(upload.Thumbnail, upload.ThumbnailExtension, ct) };
            }
            return stored;
        }
        catch
        {
            await DeleteStoredFilesAsync(stored);
            throw;
        }
    }

    /// <summary>Adds the attachment of a stored upload to the caller's save.</summary>
    internal Attachment Add(PortalDbContext db, Actor actor, int customerId, AttachmentOwner owner, StoredUpload stored, UploadSettings settings)
    {
        var upload = stored.Upload;
        var attachment = new Attachment(customerId, owner, upload.Kind, upload.DisplayName, upload.ContentType, upload.Content.Length,
            stored.StoredName, stored.ThumbnailName, upload.Width, upload.Height, clock.GetUtcNow().UtcDateTime, actor.Name)
        {
            VisibleToCustomer = settings.VisibleToCustomer,
            Tag = upload.Kind == AttachmentKind.Picture ? settings.Tag : PictureTag.None,
            Caption = Trim(settings.Caption, 500),
        };
        db.Attachments.Add(attachment);
        return attachment;
    }

    /// <summary>Removes the files of stored uploads whose rows were not saved. Runs to the end even when the caller's request was cancelled.</summary>
    internal async Task DeleteStoredFilesAsync(IEnumerable<StoredUpload> uploads)
    {
        foreach (var upload in uploads)
        {
            await files.DeleteAsync(upload.StoredName, CancellationToken.None);
            if (upload.ThumbnailName.Length > 0) await files.DeleteAsync(upload.ThumbnailName, CancellationToken.None);
        }
    }

    /// <summary>
    /// The attachments on a record (for a job, also those on its visits). Staff see all; a portal user sees only what is
    /// shared with them, on a record they may see; a record they may not see is "not found".
    /// </summary>
    public async Task<Result<IReadOnlyList<AttachmentView>>> ListAsync(Actor actor, AttachmentOwner owner, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ViewAttachment)) return Result<IReadOnlyList<AttachmentView>>.From(Result.NotFound());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = owner.Kind switch
        {
            AttachmentOwnerKind.Job => db.Attachments.Where(a => a.JobId == owner.Id),
            AttachmentOwnerKind.Visit => db.Attachments.Where(a => a.VisitId == owner.Id),
            AttachmentOwnerKind.Project => db.Attachments.Where(a => a.ProjectId == owner.Id),
            AttachmentOwnerKind.Estimate => db.Attachments.Where(a => a.EstimateId == owner.Id),
            AttachmentOwnerKind.Invoice => db.Attachments.Where(a => a.InvoiceId == owner.Id),
            AttachmentOwnerKind.Thread => db.Attachments.Where(a => a.ThreadId == owner.Id),
            _ => db.Attachments.Where(a => a.ServiceRequestId == owner.Id),
        };
        if (actor.IsCustomer) query = query.Where(a => a.CustomerId == actor.CustomerId && a.VisibleToCustomer);
        var attachments = await query.AsNoTracking().OrderBy(a => a.UploadedAtUtc).ThenBy(a => a.Id).ToListAsync(ct);

        var company = await companySettings.GetAsync(ct);
        if (actor.IsCustomer)
        {
            var ownerRecord = await LoadOwnerRecordAsync(db, owner.Kind == AttachmentOwnerKind.Visit ? await VisitOwnerAsync(db, owner.Id, ct) : owner, ct);
            if (!access.Can(actor, Operation.ViewAttachment, new AttachmentsOf(owner.Kind, ownerRecord)))
                return Result<IReadOnlyList<AttachmentView>>.From(Result.NotFound());
            attachments = attachments.Where(a => MaySee(actor, a, ownerRecord, company)).ToList();
        }
        return attachments.Select(a => ToView(a, company)).ToList();
    }

    /// <summary>Opens the stored file (or its thumbnail) when the actor may see the attachment; otherwise "not found".</summary>
    public async Task<Result<AttachmentContent>> OpenAsync(Actor actor, int attachmentId, bool thumbnail, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (attachment is null || !await MaySeeAsync(db, actor, attachment, ct)) return Result<AttachmentContent>.From(Result.NotFound());

        var name = thumbnail ? attachment.ThumbnailFileName : attachment.StoredFileName;
        if (string.IsNullOrEmpty(name)) return Result<AttachmentContent>.From(Result.NotFound());
        var stream = await files.OpenReadAsync(name, ct);
        if (stream is null) return Result<AttachmentContent>.From(Result.NotFound());

        var contentType = thumbnail
            ? (name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "image/jpeg")
            : attachment.ContentType;
        return new AttachmentContent(stream, contentType, attachment.OriginalFileName, stream.Length);
    }

    public Task<Result> SetTagAsync(Actor actor, int attachmentId, PictureTag tag, CancellationToken ct) =>
        ChangeAsync(actor, attachmentId, a =>
        {
            if (a.Kind != AttachmentKind.Picture && tag != PictureTag.None) return Result.Invalid("Only pictures can be marked before or after.");
            a.Tag = tag;
            return Result.Success();
        }, ct);

    public Task<Result> SetVisibleToCustomerAsync(Actor actor, int attachmentId, bool visible, CancellationToken ct) =>
        ChangeAsync(actor, attachmentId, a =>
        {
            a.VisibleToCustomer = visible;
            return Result.Success();
        }, ct);

    public Task<Result> SetCaptionAsync(Actor actor, int attachmentId, string caption, CancellationToken ct) =>
        ChangeAsync(actor, attachmentId, a =>
        {
            a.Caption = Trim(caption, 500);
            return Result.Success();
        }, ct);

    /// <summary>Removes the attachment and its stored files.</summary>
    public async Task<Result> DeleteAsync(Actor actor, int attachmentId, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageAttachment)) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (attachment is null) return Result.NotFound();
        db.Attachments.Remove(attachment);
        audit.Add(db, actor, "attachment.deleted", nameof(Attachment), attachment.Id.ToString(), attachment.CustomerId, attachment.OriginalFileName);
        await db.SaveChangesAsync(ct);
        await DeleteStoredFilesAsync([attachment]);
        return Result.Success();
    }

    /// <summary>
    /// Copies of attachments for another record of the same customer (a work request's photos on the estimate or job made
    /// from it), with their sharing, tag and caption. The stored files are copied, so deleting one attachment never
    /// breaks the other. Not saved: the caller adds them to its save and calls <see cref="DeleteStoredFilesAsync(IEnumerable{Attachment})"/> when that fails.
    /// </summary>
    internal async Task<List<Attachment>> CopyAsync(IReadOnlyList<Attachment> sources, AttachmentOwner owner, string by, CancellationToken ct)
    {
        var copies = new List<Attachment>();
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            foreach (var source in sources)
            {
                var stored = await files.CopyAsync(source.StoredFileName, ct);
                if (stored is null) continue;
                var thumbnail = source.ThumbnailFileName.Length > 0 ? await files.CopyAsync(source.ThumbnailFileName, ct) ?? "" : "";
                copies.Add(new Attachment(source.CustomerId, owner, source.Kind, source.OriginalFileName, source.ContentType, source.SizeBytes,
                    stored, thumbnail, source.Width, source.Height, now, by)
                {
                    VisibleToCustomer = source.VisibleToCustomer,
                    Tag = source.Tag,
                    Caption = source.Caption,
                });
            }
            return copies;
        }
        catch
        {
            await DeleteStoredFilesAsync(copies);
            throw;
        }
    }

    /// <summary>Removes the stored files of attachments whose save failed or whose rows were removed. Runs to the end even when the caller's request was cancelled.</summary>
    internal async Task DeleteStoredFilesAsync(IEnumerable<Attachment> attachments)
    {
        foreach (var attachment in attachments)
        {
            await files.DeleteAsync(attachment.StoredFileName, CancellationToken.None);
            if (attachment.ThumbnailFileName.Length > 0) await files.DeleteAsync(attachment.ThumbnailFileName, CancellationToken.None);
        }
    }

    /// <summary>The portal's gallery: shared pictures on the customer's jobs and visits, estimates and invoices.</summary>
    public async Task<Result<PortalPictures>> PortalPicturesAsync(Actor actor, CancellationToken ct)
    {
        if (actor.CustomerId is not { } customerId || !access.Can(actor, Operation.ViewPictures))
            return Result<PortalPictures>.From(Result.NotFound());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pictures = await db.Attachments.AsNoTracking()
            .Where(a => a.CustomerId == customerId && a.VisibleToCustomer && a.Kind == AttachmentKind.Picture
                        && (a.JobId != null || a.EstimateId != null || a.InvoiceId != null))
            .OrderBy(a => a.UploadedAtUtc).ThenBy(a => a.Id)
            .ToListAsync(ct);
        var company = await companySettings.GetAsync(ct);

        var jobIds = pictures.Where(a => a.JobId != null).Select(a => a.JobId!.Value).Distinct().ToList();
        var jobs = await db.Jobs.AsNoTracking().Include(j => j.Visits).Where(j => jobIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, ct);
        var estimateIds = pictures.Where(a => a.EstimateId != null).Select(a => a.EstimateId!.Value).Distinct().ToList();
        var estimates = await db.Estimates.AsNoTracking().Where(e => estimateIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var invoiceIds = pictures.Where(a => a.InvoiceId != null).Select(a => a.InvoiceId!.Value).Distinct().ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);

        var jobGroups = new List<JobPictures>();
        foreach (var job in jobs.Values.OrderByDescending(j => j.CreatedAtUtc))
        {
            var shown = pictures.Where(p => p.JobId == job.Id && MaySee(actor, p, job, company)).ToList();
            if (shown.Count == 0) continue;
            var visits = job.Visits.OrderBy(v => v.ScheduledStartUtc)
                .Select(v => new VisitPictures(v.Id, company.ToLocal(v.ScheduledStartUtc), v.TechnicianName,
                    shown.Where(p => p.VisitId == v.Id).Select(p => ToView(p, company)).ToList()))
                .Where(v => v.Pictures.Count > 0)
                .ToList();
            jobGroups.Add(new JobPictures(job.Id, job.Number, job.Title, access.Can(actor, Operation.ViewJob, job) ? $"/portal/jobs/{job.Id}" : null,
                shown.Where(p => p.VisitId == null).Select(p => ToView(p, company)).ToList(), visits));
        }

        var documentGroups = new List<DocumentPictures>();
        foreach (var estimate in estimates.Values.OrderByDescending(e => e.CreatedAtUtc))
        {
            var shown = pictures.Where(p => p.EstimateId == estimate.Id && MaySee(actor, p, estimate, company)).Select(p => ToView(p, company)).ToList();
            if (shown.Count == 0) continue;
            var link = access.Can(actor, Operation.ViewEstimate, estimate) ? $"/portal/estimates/{estimate.Id}" : null;
            documentGroups.Add(new DocumentPictures("Estimate", estimate.Id, estimate.Number, estimate.Title, link, shown));
        }
        foreach (var invoice in invoices.Values.OrderByDescending(i => i.CreatedAtUtc))
        {
            var shown = pictures.Where(p => p.InvoiceId == invoice.Id && MaySee(actor, p, invoice, company)).Select(p => ToView(p, company)).ToList();
            if (shown.Count == 0) continue;
            var link = access.Can(actor, Operation.ViewInvoice, invoice) ? $"/portal/invoices/{invoice.Id}" : null;
            documentGroups.Add(new DocumentPictures("Invoice", invoice.Id, invoice.Number, invoice.Title, link, shown));
        }
        return new PortalPictures(jobGroups, documentGroups);
    }

    /// <summary>The rule for one attachment (it follows the record it hangs on) is <see cref="AccessRules"/>'s.</summary>
    internal bool MaySee(Actor actor, Attachment attachment, ICustomerOwned? owner, CompanySettings company) =>
        access.Can(actor, Operation.ViewAttachment, AttachmentOnParent.For(attachment, owner, company));

    internal static AttachmentView ToView(Attachment a, CompanySettings company) => new(
        a.Id, a.Kind, a.Tag, a.VisibleToCustomer, a.OriginalFileName, a.ContentType, a.SizeBytes, a.Width, a.Height, a.Caption,
        company.ToLocal(a.UploadedAtUtc), a.UploadedBy, a.Owner.Kind, a.VisitId);

    /// <summary>
    /// The attachment with the record it hangs on, for <see cref="AccessRules"/> (endpoints ask the rule through the
    /// authorization handler with it); null when there is no such attachment.
    /// </summary>
    public async Task<AttachmentOnParent?> FindForAccessAsync(int attachmentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId, ct);
        return attachment is null ? null : await OnParentAsync(db, attachment, ct);
    }

    private async Task<bool> MaySeeAsync(PortalDbContext db, Actor actor, Attachment attachment, CancellationToken ct) =>
        access.Can(actor, Operation.ViewAttachment, await OnParentAsync(db, attachment, ct));

    private async Task<AttachmentOnParent> OnParentAsync(PortalDbContext db, Attachment attachment, CancellationToken ct)
    {
        var owner = attachment.Owner;
        var parent = await LoadOwnerRecordAsync(db, owner.Kind == AttachmentOwnerKind.Visit ? new(AttachmentOwnerKind.Job, attachment.JobId ?? 0) : owner, ct);
        return AttachmentOnParent.For(attachment, parent, await companySettings.GetAsync(ct));
    }

    private static async Task<AttachmentOwner> VisitOwnerAsync(PortalDbContext db, int visitId, CancellationToken ct)
    {
        var jobId = await db.Visits.Where(v => v.Id == visitId).Select(v => (int?)v.JobId).SingleOrDefaultAsync(ct);
        return new AttachmentOwner(AttachmentOwnerKind.Job, jobId ?? 0);
    }

    /// <summary>The record an attachment hangs on (for a visit, its job), for the visibility check.</summary>
    private static async Task<ICustomerOwned?> LoadOwnerRecordAsync(PortalDbContext db, AttachmentOwner owner, CancellationToken ct) => owner.Kind switch
    {
        AttachmentOwnerKind.Job => await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == owner.Id, ct),
        AttachmentOwnerKind.Project => await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == owner.Id, ct),
        AttachmentOwnerKind.Estimate => await db.Estimates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == owner.Id, ct),
        AttachmentOwnerKind.Invoice => await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == owner.Id, ct),
        AttachmentOwnerKind.ServiceRequest => await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == owner.Id, ct),
        AttachmentOwnerKind.Thread => await db.MessageThreads.AsNoTracking().SingleOrDefaultAsync(t => t.Id == owner.Id, ct) is { } thread
            ? await Messaging.ThreadSubjects.OnSubjectAsync(db, thread, ct)
            : null,
        _ => null,
    };

    /// <summary>The customer of the record an upload goes on, and the owner with a visit's job filled in.</summary>
    private static async Task<(int CustomerId, AttachmentOwner Owner)?> ResolveOwnerAsync(PortalDbContext db, AttachmentOwner owner, CancellationToken ct)
    {
        if (owner.Kind == AttachmentOwnerKind.Visit)
        {
            var visit = await db.Visits.Where(v => v.Id == owner.Id)
                .Join(db.Jobs, v => v.JobId, j => j.Id, (v, j) => new { v.JobId, j.CustomerId })
                .SingleOrDefaultAsync(ct);
            return visit is null ? null : (visit.CustomerId, new AttachmentOwner(AttachmentOwnerKind.Visit, owner.Id, visit.JobId));
        }
        var record = await LoadOwnerRecordAsync(db, owner, ct);
        return record is null ? null : (record.CustomerId, new AttachmentOwner(owner.Kind, owner.Id));
    }

    private async Task<Result> ChangeAsync(Actor actor, int attachmentId, Func<Attachment, Result> change, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageAttachment)) return Result.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (attachment is null) return Result.NotFound();
        var result = change(attachment);
        if (result.Succeeded) await db.SaveChangesAsync(ct);
        return result;
    }

    private string LimitsText() =>
        $"Pictures can be up to {FileSizes.Describe(_options.MaxPictureBytes)} and other files up to {FileSizes.Describe(_options.MaxFileBytes)}.";

    private static Result<PreparedUpload> Invalid(string message) => Result<PreparedUpload>.From(Result.Invalid("file", message));

    private static async Task<byte[]?> ReadAtMostAsync(Stream content, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Just the name, without folders or control characters, at most 255 characters.</summary>
    internal static string CleanFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0) name = "file";
        if (name.Length <= 255) return name;
        var extension = Path.GetExtension(name);
        return extension.Length < 20 ? name[..(255 - extension.Length)] + extension : name[..255];
    }

    /// <summary>A re-encoded picture is named for what it now is (a PNG saved as JPEG downloads as .jpg).</summary>
    private static string WithExtension(string name, string extension)
    {
        var current = Path.GetExtension(name).ToLowerInvariant();
        if (current == extension || (extension == ".jpg" && current == ".jpeg")) return name;
        return CleanFileName(Path.GetFileNameWithoutExtension(name) + extension);
    }

    private static string Trim(string text, int max)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= max ? trimmed : trimmed[..max];
    }
}

public static class FileSizes
{
    /// <summary>"512 bytes", "48 KB", "12.3 MB".</summary>
    public static string Describe(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0} KB",
        _ => $"{bytes / (1024.0 * 1024.0):0.#} MB",
    };
}
