using System.Globalization;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Estimates;

/// <summary>
/// Estimates for staff (lists, drafts, send, convert to a job) and for portal users (view, accept, decline). Drafts,
/// sending, viewing and lists go through the <see cref="DocumentLifecycle"/> shared with invoices.
/// </summary>
public sealed class EstimateService
{
    public const string ConflictMessage = "Someone else changed this estimate while you were working on it. Reload it to see the latest version.";
    private const string OnlyTheCustomer = "Only the customer can answer an estimate, in their portal.";

    internal static readonly DocumentKind<Estimate> Kind = new("estimate", DocumentPrefixes.Estimate, Operation.ViewEstimate,
        Operation.ManageEstimate, PortalModules.Estimates, ConflictMessage, db => db.Estimates, e => e.Status != EstimateStatus.Draft,
        e => new EstimateChanged(e.CustomerId, e.Id));

    private readonly DocumentLifecycle _lifecycle;
    private readonly AccessRules _access;
    private readonly PortalLinks _links;
    private readonly ILiveEventPublisher _live;

    public EstimateService(DocumentLifecycle lifecycle, AccessRules access, PortalLinks links, ILiveEventPublisher live)
    {
        _live = live;
        _lifecycle = lifecycle;
        _access = access;
        _links = links;
    }

    /// <summary>A page of estimates. Portal users get only their own customer's sent estimates, whatever the query says.</summary>
    public Task<Result<PagedList<EstimateSummary>>> ListAsync(Actor actor, EstimateListQuery query, CancellationToken ct) =>
        _lifecycle.ListAsync(actor, Kind, query, Listing(query), ct);

    /// <summary>The estimate list's filters, sorts and row shape for the query (the list and its export).</summary>
    internal static DocumentListing<Estimate, EstimateSummary> Listing(EstimateListQuery query) => new(
        (estimates, now) =>
        {
            if (query.Status is { } status) estimates = estimates.Where(EstimateStatusRule.ShowsOn(status, now.Today));
                if (query.AwaitingAnswer) estimates = estimates.Where(EstimateStatusRule.AwaitsAnswerOn(now.Today));
                if (query.ExpiresBy is { } by) estimates = estimates.Where(e => e.ExpiresOn != null && e.ExpiresOn <= by);
                var (fromUtc, toUtc) = DocumentRules.UtcRange(now.Company.TimeZone, query.From, query.To);
                if (fromUtc is { } from) estimates = estimates.Where(e => e.CreatedAtUtc >= from);
                if (toUtc is { } to) estimates = estimates.Where(e => e.CreatedAtUtc < to);
                return estimates;
            },
            (rows, descending) => DocumentLifecycle.Sort(rows, r => r.Document.CreatedAtUtc, descending),
            (rows, descending) => DocumentLifecycle.Sort(rows, r => r.Document.ExpiresOn, descending),
            now => r => new EstimateSummary(r.Document.Id, r.Document.Number, r.Document.CustomerId, r.CustomerName, r.Document.Title,
                EstimateStatusRule.Effective(r.Document.Status, r.Document.ExpiresOn, now.Today), r.Document.CreatedAtUtc,
                r.Document.SentAtUtc, r.Document.ExpiresOn, r.Document.Total));

    /// <summary>
    /// One estimate as the actor may see it, with what the actor may do to it. The first time a portal user (not staff,
    /// not a staff member viewing as the customer) opens a sent estimate, it becomes Viewed.
    /// </summary>
    public async Task<Result<EstimateDetails>> GetAsync(Actor actor, int estimateId, CancellationToken ct)
    {
        await using var db = await _lifecycle.OpenAsync(ct);
        var loaded = await LoadForViewAsync(db, actor, estimateId, ct);
        if (!loaded.Succeeded) return Result<EstimateDetails>.From(loaded);
        var (estimate, customerName, today) = loaded.Value;
        return ToDetails(estimate, customerName, actor, today);
    }

    /// <summary>Defaults for a new estimate: validity and tax rate from the company settings, one empty line.</summary>
    public async Task<EstimateInput> NewInputAsync(int? customerId, CancellationToken ct)
    {
        var now = await _lifecycle.NowAsync(ct);
        return new EstimateInput
        {
            CustomerId = customerId ?? 0,
            ExpiresOn = now.Today.AddDays(now.Company.EstimateValidDays),
            Lines = [new LineItemInput { TaxRatePercent = now.Company.DefaultTaxRatePercent }],
        };
    }

    /// <summary>A draft loaded for the editor.</summary>
    public Task<Result<EstimateInput>> GetInputAsync(Actor actor, int estimateId, CancellationToken ct) =>
        _lifecycle.GetDraftAsync(actor, Kind, estimateId, EstimateInput.From, ct);

    /// <summary>Creates a draft with the next EST- number. Returns the new estimate's id.</summary>
    public Task<Result<int>> CreateAsync(Actor actor, EstimateInput input, CancellationToken ct) =>
        _lifecycle.CreateDraftAsync(actor, Kind, input, _ => Validate(input), db => CheckLinksAsync(db, input, ct),
            (number, nowUtc) => new Estimate(number, input.CustomerId, nowUtc, input.ToDraft()), ct);

    /// <summary>Saves the editor's changes to a draft; a stale <see cref="DocumentInput.Version"/> is a conflict.</summary>
    public Task<Result> ReviseDraftAsync(Actor actor, int estimateId, EstimateInput input, CancellationToken ct) =>
        _lifecycle.ReviseDraftAsync<Estimate>(actor, Kind, estimateId, input, _ => Validate(input), db => CheckLinksAsync(db, input, ct),
            estimate => estimate.ReviseDraft(input.ToDraft()), ct);

    /// <summary>
    /// Sends a draft (it becomes visible in the portal) or sends a sent one again, and queues an e-mail with the portal
    /// link to each of the customer's portal users who can see estimates, in the same save.
    /// </summary>
    public Task<Result> SendAsync(Actor actor, int estimateId, CancellationToken ct) =>
        _lifecycle.SendAsync<Estimate>(actor, Kind, estimateId, (estimate, now) => estimate.MarkSent(now.Utc, now.Today), TemplateEvent.EstimateSent,
            (estimate, now, values) => values
                .Set(MergeTagCatalog.EstimateNumber, estimate.Number)
                .Set(MergeTagCatalog.EstimateTitle, estimate.Title)
                .Set(MergeTagCatalog.EstimateTotal, MoneyFormat.Format(estimate.Total, now.Company.Currency))
                .Set(MergeTagCatalog.EstimateExpiryDate, estimate.ExpiresOn is { } until ? until.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture) : null)
                .SetLink(MergeTagCatalog.EstimateLink, PortalPaths.Estimate(estimate.Id)), ct);

    /// <summary>The customer accepts: the typed full name is the signature, kept with the time, IP address and browser.</summary>
    public Task<Result> AcceptAsync(Actor actor, int estimateId, EstimateSignature signature, CancellationToken ct)
    {
        if (!actor.IsCustomer) return DenyStaffAnswerAsync(actor, estimateId, ct);
        var name = signature.SignedName.Trim();
        if (name.Length > 200) return Task.FromResult(Result.Invalid(nameof(EstimateSignature.SignedName), "The name is longer than 200 characters."));
        var ipAddress = Truncate(signature.IpAddress, 64);
        return _lifecycle.ChangeAsync<Estimate>(actor, Kind, estimateId, Operation.AcceptEstimate,
            (estimate, now) => estimate.Accept(new EstimateAcceptance(name, now.Utc, ipAddress, Truncate(signature.UserAgent, 512), actor.PortalUserId), now.Today),
            "accepted", estimate => $"{estimate.Number} signed by {name}", "Thank you. The estimate is accepted.",
            (db, estimate, now) => QueueAnswerToCompanyAsync(db, estimate, now, "accepted", $"Signed by {name}.", ct),
            ct, ipAddress);
    }

    /// <summary>The customer declines, with an optional reason.</summary>
    public Task<Result> DeclineAsync(Actor actor, int estimateId, string? reason, CancellationToken ct)
    {
        if (!actor.IsCustomer) return DenyStaffAnswerAsync(actor, estimateId, ct);
        reason = (reason ?? "").Trim();
        if (reason.Length > 2000) return Task.FromResult(Result.Invalid("Reason", "Please keep the reason under 2000 characters."));
        return _lifecycle.ChangeAsync<Estimate>(actor, Kind, estimateId, Operation.AcceptEstimate,
            (estimate, now) => estimate.Decline(reason, now.Utc, now.Today),
            "declined", estimate => estimate.Number, "The estimate is declined. Thank you for letting us know.",
            (db, estimate, now) => QueueAnswerToCompanyAsync(db, estimate, now, "declined", reason.Length > 0 ? $"Reason: {reason}" : "No reason given.", ct),
            ct);
    }

    private Task QueueAnswerToCompanyAsync(PortalDbContext db, Estimate estimate, CompanyNow now, string answer, string note, CancellationToken ct) =>
        _lifecycle.QueueToCompanyAsync(db, now.Company, estimate.CustomerId, TemplateEvent.StaffEstimateAnswered, values => values
            .Set(MergeTagCatalog.EstimateNumber, estimate.Number)
            .Set(MergeTagCatalog.EstimateTitle, estimate.Title)
            .Set(MergeTagCatalog.EstimateTotal, MoneyFormat.Format(estimate.Total, now.Company.Currency))
            .Set(MergeTagCatalog.EstimateAnswer, answer)
            .Set(MergeTagCatalog.EstimateAnswerNote, note), ct);

    /// <summary>
    /// Makes a job from an accepted estimate (JOB- number; title and work from the estimate; the customer's primary
    /// address) and marks the estimate converted, in one transaction. Returns the job's id.
    /// </summary>
    public async Task<Result<int>> ConvertToJobAsync(Actor actor, int estimateId, CancellationToken ct)
    {
        await using var db = await _lifecycle.OpenAsync(ct);
        var estimate = await db.Estimates.SingleOrDefaultAsync(e => e.Id == estimateId, ct);
        if (DocumentRules.Deny(_access, actor, Operation.ManageEstimate, estimate) is { } denied) return Result<int>.From(denied);
        if (!_access.Can(actor, Operation.ManageJob)) return Result<int>.From(Result.Forbidden());
        if (estimate!.MayConvertToJob() is { } refused) return Result<int>.From(refused);

        var address = await db.ServiceAddresses.AsNoTracking()
            .Where(a => a.CustomerId == estimate.CustomerId)
            .OrderByDescending(a => a.IsPrimary).ThenBy(a => a.Id)
            .FirstOrDefaultAsync(ct);
        var work = string.Join("\n", estimate.Lines.OrderBy(l => l.Position).Select(l => $"- {l.Quantity:0.##} x {l.Description}"));
        var description = $"From estimate {estimate.Number}, accepted by {estimate.Acceptance?.SignedName}.\n{work}";
        var now = await _lifecycle.NowAsync(ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Job, ct);
        var job = new Job(number, estimate.CustomerId, estimate.Title, description, address?.Address ?? Address.Empty,
            now.Utc, estimate.Id, estimate.ProjectId);
        db.Jobs.Add(job);
        var saved = await DocumentLifecycle.SaveAsync(db, Kind, ct);
        if (!saved.Succeeded) return Result<int>.From(saved);
        var converted = estimate.ConvertToJob(job.Id);
        if (!converted.Succeeded) return Result<int>.From(converted);
        _lifecycle.Audit(db, actor, Kind, estimate, "converted", $"{estimate.Number} -> {number}");
        saved = await DocumentLifecycle.SaveAsync(db, Kind, ct);
        if (!saved.Succeeded) return Result<int>.From(saved);
        await transaction.CommitAsync(ct);
        await _lifecycle.PublishAsync(Kind, estimate, ct);
        await JobLiveEvents.PublishAsync(_live, job, ct);
        return job.Id;
    }

    /// <summary>The estimate and its customer's name for a document or page; records the first view by a portal user.</summary>
    internal async Task<Result<(Estimate Estimate, string CustomerName, DateOnly Today)>> LoadForViewAsync(
        PortalDbContext db, Actor actor, int estimateId, CancellationToken ct)
    {
        var loaded = await _lifecycle.LoadForViewAsync<Estimate>(db, actor, Kind, estimateId, (estimate, now) => estimate.MarkViewed(now.Utc), ct);
        if (!loaded.Succeeded) return Result<(Estimate, string, DateOnly)>.From(loaded);
        return (loaded.Value.Document, loaded.Value.CustomerName, loaded.Value.Now.Today);
    }

    private EstimateDetails ToDetails(Estimate e, string customerName, Actor actor, DateOnly today) =>
        new(e.Id, e.Number, e.CustomerId, customerName, e.Title, e.Terms, actor.IsCustomer ? "" : e.InternalNotes,
            e.StatusOn(today), e.CreatedAtUtc, e.SentAtUtc, e.ViewedAtUtc, e.ExpiresOn,
            e.Lines.OrderBy(l => l.Position).Select(DocumentLine.From).ToList(), e.DiscountKind, e.DiscountValue, e.Totals,
            e.DepositRequired, e.DepositPaid, e.Acceptance, e.DeclinedAtUtc, e.DeclineReason, e.ConvertedJobId, e.ProjectId, e.Version,
            EstimateActions.For(_access, actor, e, today), _links.Estimate(e.Id));

    /// <summary>Staff reach an estimate they may see, but only the customer answers it.</summary>
    private async Task<Result> DenyStaffAnswerAsync(Actor actor, int estimateId, CancellationToken ct)
    {
        await using var db = await _lifecycle.OpenAsync(ct);
        var estimate = await db.Estimates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estimateId, ct);
        return DocumentRules.Deny(_access, actor, Operation.AcceptEstimate, estimate) ?? Result.Forbidden(OnlyTheCustomer);
    }

    private static Result? Validate(EstimateInput input)
    {
        var errors = DocumentLifecycle.ValidateContent(input, "estimate");
        if (input.DepositRequired < 0) errors[nameof(input.DepositRequired)] = "The deposit cannot be negative.";
        else if (errors.Count == 0 && input.DepositRequired > input.Totals.Total)
            errors[nameof(input.DepositRequired)] = "The deposit cannot be more than the estimate's total.";
        return errors.Count == 0 ? null : DocumentRules.Invalid(errors);
    }

    private static async Task<Result?> CheckLinksAsync(PortalDbContext db, EstimateInput input, CancellationToken ct)
    {
        if (await DocumentLifecycle.CheckCustomerAsync(db, input.CustomerId, ct) is { } noCustomer) return noCustomer;
        if (input.ProjectId is { } projectId && !await db.Projects.AnyAsync(p => p.Id == projectId && p.CustomerId == input.CustomerId, ct))
            return Result.Invalid(nameof(input.ProjectId), "That project does not belong to this customer.");
        return null;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
