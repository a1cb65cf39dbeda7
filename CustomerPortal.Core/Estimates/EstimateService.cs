using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Estimates;

/// <summary>Estimates for staff (lists, drafts, send, convert to a job) and for portal users (view, accept, decline).</summary>
public sealed class EstimateService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    TimeProvider clock,
    CompanySettingsService companySettings,
    OutboxWriter outbox,
    AuditLog audit,
    PortalLinks links,
    ILiveEventPublisher live)
{
    public const string ConflictMessage = "Someone else changed this estimate while you were working on it. Reload it to see the latest version.";
    private const string EntityType = "Estimate";
    private const string OnlyTheCustomer = "Only the customer can answer an estimate, in their portal.";

    /// <summary>A page of estimates. Portal users get only their own customer's sent estimates, whatever the query says.</summary>
    public async Task<Result<PagedList<EstimateSummary>>> ListAsync(Actor actor, EstimateListQuery query, CancellationToken ct)
    {
        if (DocumentRules.DenyList(access, actor, Operation.ViewEstimate) is { } denied) return Result<PagedList<EstimateSummary>>.From(denied);
        var company = await companySettings.GetAsync(ct);
        var today = company.Today(clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var estimates = db.Estimates.AsNoTracking();
        if (actor.IsCustomer)
            estimates = estimates.Where(e => e.CustomerId == actor.CustomerId && e.Status != EstimateStatus.Draft);
        else if (query.CustomerId is { } customerId)
            estimates = estimates.Where(e => e.CustomerId == customerId);

        estimates = query.Status switch
        {
            null => estimates,
            EstimateStatus.Expired => estimates.Where(e => e.Status == EstimateStatus.Expired
                || ((e.Status == EstimateStatus.Sent || e.Status == EstimateStatus.Viewed) && e.ExpiresOn != null && e.ExpiresOn < today)),
            EstimateStatus.Sent or EstimateStatus.Viewed => estimates.Where(e => e.Status == query.Status && (e.ExpiresOn == null || e.ExpiresOn >= today)),
            _ => estimates.Where(e => e.Status == query.Status),
        };
        if (query.AwaitingAnswer)
            estimates = estimates.Where(e => (e.Status == EstimateStatus.Sent || e.Status == EstimateStatus.Viewed) && (e.ExpiresOn == null || e.ExpiresOn >= today));

        var (fromUtc, toUtc) = DocumentRules.UtcRange(company.TimeZone, query.From, query.To);
        if (fromUtc is { } from) estimates = estimates.Where(e => e.CreatedAtUtc >= from);
        if (toUtc is { } to) estimates = estimates.Where(e => e.CreatedAtUtc < to);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
#pragma warning disable CA1862 // EF Core translates ToLower().Contains to SQL on SQLite and PostgreSQL; the StringComparison overloads do not translate.
            estimates = estimates.Where(e => e.Number.ToLower().Contains(term) || e.Title.ToLower().Contains(term));
#pragma warning restore CA1862
        }

        var rows = from e in estimates
                   join c in db.Customers on e.CustomerId equals c.Id
                   select new { e.Id, e.Number, e.CustomerId, CustomerName = c.DisplayName, e.Title, e.Status, e.CreatedAtUtc, e.SentAtUtc, e.ExpiresOn, e.Total };
        var total = await rows.CountAsync(ct);
        rows = (query.Sort, query.Descending) switch
        {
            (DocumentSort.Number, false) => rows.OrderBy(r => r.Number.Length).ThenBy(r => r.Number),
            (DocumentSort.Number, true) => rows.OrderByDescending(r => r.Number.Length).ThenByDescending(r => r.Number),
            (DocumentSort.Customer, false) => rows.OrderBy(r => r.CustomerName).ThenByDescending(r => r.Id),
            (DocumentSort.Customer, true) => rows.OrderByDescending(r => r.CustomerName).ThenByDescending(r => r.Id),
            (DocumentSort.Total, false) => rows.OrderBy(r => r.Total).ThenByDescending(r => r.Id),
            (DocumentSort.Total, true) => rows.OrderByDescending(r => r.Total).ThenByDescending(r => r.Id),
            (DocumentSort.DueDate, false) => rows.OrderBy(r => r.ExpiresOn).ThenByDescending(r => r.Id),
            (DocumentSort.DueDate, true) => rows.OrderByDescending(r => r.ExpiresOn).ThenByDescending(r => r.Id),
            (_, false) => rows.OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id),
            _ => rows.OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = await rows.Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize).ToListAsync(ct);

        var items = page.Select(r => new EstimateSummary(r.Id, r.Number, r.CustomerId, r.CustomerName, r.Title,
            EffectiveStatus(r.Status, r.ExpiresOn, today), r.CreatedAtUtc, r.SentAtUtc, r.ExpiresOn, r.Total)).ToList();
        return new PagedList<EstimateSummary>(items, total);
    }

    /// <summary>
    /// One estimate as the actor may see it. The first time a portal user (not staff, not a staff member viewing as the
    /// customer) opens a sent estimate, it becomes Viewed.
    /// </summary>
    public async Task<Result<EstimateDetails>> GetAsync(Actor actor, int estimateId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await LoadForViewAsync(db, actor, estimateId, ct);
        if (!loaded.Succeeded) return Result<EstimateDetails>.From(loaded);
        var (estimate, customerName, today) = loaded.Value;
        return ToDetails(estimate, customerName, actor, today);
    }

    /// <summary>Defaults for a new estimate: validity and tax rate from the company settings, one empty line.</summary>
    public async Task<EstimateInput> NewInputAsync(int? customerId, CancellationToken ct)
    {
        var company = await companySettings.GetAsync(ct);
        var today = company.Today(clock.GetUtcNow().UtcDateTime);
        return new EstimateInput
        {
            CustomerId = customerId ?? 0,
            ExpiresOn = today.AddDays(company.EstimateValidDays),
            Lines = [new LineItemInput { TaxRatePercent = company.DefaultTaxRatePercent }],
        };
    }

    /// <summary>A draft loaded for the editor.</summary>
    public async Task<Result<EstimateInput>> GetInputAsync(Actor actor, int estimateId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var estimate = await db.Estimates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estimateId, ct);
        if (DocumentRules.Deny(access, actor, Operation.ManageEstimate, estimate) is { } denied) return Result<EstimateInput>.From(denied);
        if (estimate!.Status != EstimateStatus.Draft) return Result<EstimateInput>.From(Result.Conflict($"Only a draft can be edited; this estimate is {estimate.Status}."));
        return new EstimateInput
        {
            CustomerId = estimate.CustomerId,
            ProjectId = estimate.ProjectId,
            Title = estimate.Title,
            Terms = estimate.Terms,
            InternalNotes = estimate.InternalNotes,
            ExpiresOn = estimate.ExpiresOn,
            DiscountKind = estimate.DiscountKind,
            DiscountValue = estimate.DiscountValue,
            DepositRequired = estimate.DepositRequired,
            Lines = estimate.Lines.OrderBy(l => l.Position).Select(LineItemInput.From).ToList(),
            Version = estimate.Version,
        };
    }

    /// <summary>Creates a draft with the next EST- number. Returns the new estimate's id.</summary>
    public async Task<Result<int>> CreateAsync(Actor actor, EstimateInput input, CancellationToken ct)
    {
        if (!access.Can(actor, Operation.ManageEstimate)) return Result<int>.From(Result.Forbidden());
        if (Validate(input) is { } invalid) return Result<int>.From(invalid);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CheckLinksAsync(db, input, ct) is { } badLink) return Result<int>.From(badLink);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Estimate, ct);
        var estimate = new Estimate(number, input.CustomerId, input.Title.Trim(), clock.GetUtcNow().UtcDateTime, input.ExpiresOn);
        Apply(estimate, input);
        db.Estimates.Add(estimate);
        await db.SaveChangesAsync(ct);
        audit.Add(db, actor, "estimate.created", EntityType, estimate.Id.ToString(), estimate.CustomerId, number);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await live.PublishAsync(new EstimateChanged(estimate.CustomerId, estimate.Id), ct);
        return estimate.Id;
    }

    /// <summary>Saves the editor's changes to a draft; a stale <see cref="EstimateInput.Version"/> is a conflict.</summary>
    public async Task<Result> UpdateDraftAsync(Actor actor, int estimateId, EstimateInput input, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var estimate = await db.Estimates.SingleOrDefaultAsync(e => e.Id == estimateId, ct);
        if (DocumentRules.Deny(access, actor, Operation.ManageEstimate, estimate) is { } denied) return denied;
        if (estimate!.Status != EstimateStatus.Draft) return Result.Conflict($"Only a draft can be edited; this estimate is {estimate.Status}.");
        if (estimate.Version != input.Version) return Result.Conflict(ConflictMessage);
        input.CustomerId = estimate.CustomerId;
        if (Validate(input) is { } invalid) return invalid;
        if (await CheckLinksAsync(db, input, ct) is { } badLink) return badLink;

        Apply(estimate, input);
        // Line changes alone do not touch the estimate's row; marking it modified makes the save check and bump Version.
        db.Entry(estimate).State = EntityState.Modified;
        db.Entry(estimate).Property(e => e.Version).OriginalValue = input.Version;
        var saved = await SaveAsync(db, ct);
        if (saved.Succeeded) await live.PublishAsync(new EstimateChanged(estimate.CustomerId, estimate.Id), ct);
        return saved;
    }

    /// <summary>
    /// Sends a draft (it becomes visible in the portal) or sends a sent one again, and queues an e-mail with the portal
    /// link to each of the customer's portal users who can see estimates, in the same save.
    /// </summary>
    public async Task<Result> SendAsync(Actor actor, int estimateId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var estimate = await db.Estimates.SingleOrDefaultAsync(e => e.Id == estimateId, ct);
        if (DocumentRules.Deny(access, actor, Operation.ManageEstimate, estimate) is { } denied) return denied;
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = company.Today(now);
        if (estimate!.Status is not (EstimateStatus.Draft or EstimateStatus.Sent or EstimateStatus.Viewed))
            return Result.Conflict($"This estimate is {estimate.Status} and cannot be sent.");
        if (estimate.ExpiresOn is { } expires && expires < today)
            return Result.Invalid(nameof(Estimate.ExpiresOn), "The expiry date has passed. Choose a later date before sending.");
        if (estimate.Status == EstimateStatus.Draft && estimate.MarkSent(now) is { Succeeded: false } notSent) return notSent;

        var customerName = await CustomerNameAsync(db, estimate.CustomerId, ct);
        var url = links.Estimate(estimate.Id);
        var total = MoneyFormat.Format(estimate.Total, company.Currency);
        var queued = await DocumentNotifications.QueueAsync(db, outbox, company, estimate.CustomerId, PortalModules.Estimates, "estimate-sent",
            user => ($"Estimate {estimate.Number} from {company.Name}",
                $"""
                {DocumentNotifications.Greeting(user)}

                {company.Name} has sent {customerName} estimate {estimate.Number}: {estimate.Title} ({total}).
                {(estimate.ExpiresOn is { } until ? $"It is valid until {until:MMMM d, yyyy}." : "")}

                Read it, download it and accept it in your portal:
                {url}
                """), ct);
        audit.Add(db, actor, "estimate.sent", EntityType, estimate.Id.ToString(), estimate.CustomerId, $"{estimate.Number}; {queued} notified");
        var saved = await SaveAsync(db, ct);
        if (saved.Succeeded) await live.PublishAsync(new EstimateChanged(estimate.CustomerId, estimate.Id), ct);
        return saved.Succeeded ? Result.Success(DocumentNotifications.SentMessage(queued, "Estimate")) : saved;
    }

    /// <summary>The customer accepts: the typed full name is the signature, kept with the time, IP address and browser.</summary>
    public async Task<Result> AcceptAsync(Actor actor, int estimateId, EstimateSignature signature, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var estimate = await db.Estimates.SingleOrDefaultAsync(e => e.Id == estimateId, ct);
        if (DocumentRules.Deny(access, actor, Operation.AcceptEstimate, estimate) is { } denied) return denied;
        if (!actor.IsCustomer) return Result.Forbidden(OnlyTheCustomer);
        var name = signature.SignedName.Trim();
        if (name.Length > 200) return Result.Invalid(nameof(EstimateSignature.SignedName), "The name is longer than 200 characters.");
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var acceptance = new EstimateAcceptance(name, now, Truncate(signature.IpAddress, 64), Truncate(signature.UserAgent, 512), actor.PortalUserId);
        var accepted = estimate!.Accept(acceptance, company.Today(now));
        if (!accepted.Succeeded) return accepted;

        audit.Add(db, actor, "estimate.accepted", EntityType, estimate.Id.ToString(), estimate.CustomerId, $"{estimate.Number} signed by {name}", acceptance.IpAddress);
        QueueToCompany(db, company, $"Estimate {estimate.Number} accepted",
            $"{name} accepted estimate {estimate.Number} ({estimate.Title}) for {MoneyFormat.Format(estimate.Total, company.Currency)}.");
        var saved = await SaveAsync(db, ct);
        if (saved.Succeeded) await live.PublishAsync(new EstimateChanged(estimate.CustomerId, estimate.Id), ct);
        return saved.Succeeded ? Result.Success("Thank you. The estimate is accepted.") : saved;
    }

    /// <summary>The customer declines, with an optional reason.</summary>
    public async Task<Result> DeclineAsync(Actor actor, int estimateId, string? reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var estimate = await db.Estimates.SingleOrDefaultAsync(e => e.Id == estimateId, ct);
        if (DocumentRules.Deny(access, actor, Operation.AcceptEstimate, estimate) is { } denied) return denied;
        if (!actor.IsCustomer) return Result.Forbidden(OnlyTheCustomer);
        reason = (reason ?? "").Trim();
        if (reason.Length > 2000) return Result.Invalid("Reason", "Please keep the reason under 2000 characters.");
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var declined = estimate!.Decline(reason, now, company.Today(now));
        if (!declined.Succeeded) return declined;

        audit.Add(db, actor, "estimate.declined", EntityType, estimate.Id.ToString(), estimate.CustomerId, estimate.Number);
        QueueToCompany(db, company, $"Estimate {estimate.Number} declined",
            $"Estimate {estimate.Number} ({estimate.Title}) was declined.{(reason.Length > 0 ? $" Reason: {reason}" : "")}");
        var saved = await SaveAsync(db, ct);
        if (saved.Succeeded) await live.PublishAsync(new EstimateChanged(estimate.CustomerId, estimate.Id), ct);
        return saved.Succeeded ? Result.Success("The estimate is declined. Thank you for letting us know.") : saved;
    }

    /// <summary>
    /// Makes a job from an accepted estimate (JOB- number; title and work from the estimate; the customer's primary
    /// address) and marks the estimate converted, in one transaction. Returns the job's id.
    /// </summary>
    public async Task<Result<int>> ConvertToJobAsync(Actor actor, int estimateId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var estimate = await db.Estimates.SingleOrDefaultAsync(e => e.Id == estimateId, ct);
        if (DocumentRules.Deny(access, actor, Operation.ManageEstimate, estimate) is { } denied) return Result<int>.From(denied);
        if (!access.Can(actor, Operation.ManageJob)) return Result<int>.From(Result.Forbidden());
        if (estimate!.Status != EstimateStatus.Accepted) return Result<int>.From(Result.Conflict("Only an accepted estimate can become a job."));
        if (estimate.ConvertedJobId is not null) return Result<int>.From(Result.Conflict("This estimate has already been made into a job."));

        var address = await db.ServiceAddresses.AsNoTracking()
            .Where(a => a.CustomerId == estimate.CustomerId)
            .OrderByDescending(a => a.IsPrimary).ThenBy(a => a.Id)
            .FirstOrDefaultAsync(ct);
        var work = string.Join("\n", estimate.Lines.OrderBy(l => l.Position).Select(l => $"- {l.Quantity:0.##} x {l.Description}"));
        var description = $"From estimate {estimate.Number}, accepted by {estimate.Acceptance?.SignedName}.\n{work}";

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = await DocumentNumbers.NextAsync(db, DocumentPrefixes.Job, ct);
        var job = new Job(number, estimate.CustomerId, estimate.Title, description, address?.Address ?? Address.Empty,
            clock.GetUtcNow().UtcDateTime, estimate.Id, estimate.ProjectId);
        db.Jobs.Add(job);
        var saved = await SaveAsync(db, ct);
        if (!saved.Succeeded) return Result<int>.From(saved);
        var converted = estimate.MarkConverted(job.Id);
        if (!converted.Succeeded) return Result<int>.From(converted);
        audit.Add(db, actor, "estimate.converted", EntityType, estimate.Id.ToString(), estimate.CustomerId, $"{estimate.Number} -> {number}");
        saved = await SaveAsync(db, ct);
        if (!saved.Succeeded) return Result<int>.From(saved);
        await transaction.CommitAsync(ct);
        await live.PublishAsync(new EstimateChanged(estimate.CustomerId, estimate.Id), ct);
        await live.PublishAsync(new JobChanged(job.CustomerId, job.Id), ct);
        return job.Id;
    }

    /// <summary>The estimate and its customer's name for a document or page; records the first view by a portal user.</summary>
    internal async Task<Result<(Estimate Estimate, string CustomerName, DateOnly Today)>> LoadForViewAsync(
        PortalDbContext db, Actor actor, int estimateId, CancellationToken ct)
    {
        var estimate = await db.Estimates.SingleOrDefaultAsync(e => e.Id == estimateId, ct);
        if (DocumentRules.Deny(access, actor, Operation.ViewEstimate, estimate) is { } denied)
            return Result<(Estimate, string, DateOnly)>.From(denied);
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (actor.IsCustomer && !actor.IsViewAsCustomer && estimate!.Status == EstimateStatus.Sent)
        {
            estimate.MarkViewed(now);
            // Losing a race with another change only loses the "viewed" mark, which the next view sets again.
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { await db.Entry(estimate).ReloadAsync(ct); }
        }
        return (estimate!, await CustomerNameAsync(db, estimate!.CustomerId, ct), company.Today(now));
    }

    internal static EstimateStatus EffectiveStatus(EstimateStatus status, DateOnly? expiresOn, DateOnly today) =>
        status is EstimateStatus.Sent or EstimateStatus.Viewed && expiresOn is { } expires && today > expires ? EstimateStatus.Expired : status;

    private EstimateDetails ToDetails(Estimate e, string customerName, Actor actor, DateOnly today)
    {
        var mayRespond = actor.IsCustomer && access.Can(actor, Operation.AcceptEstimate, e);
        var status = EffectiveStatus(e.Status, e.ExpiresOn, today);
        return new EstimateDetails(e.Id, e.Number, e.CustomerId, customerName, e.Title, e.Terms,
            actor.IsCustomer ? "" : e.InternalNotes,
            status, e.CreatedAtUtc, e.SentAtUtc, e.ViewedAtUtc, e.ExpiresOn,
            e.Lines.OrderBy(l => l.Position).Select(DocumentLine.From).ToList(), e.DiscountKind, e.DiscountValue,
            new DocumentTotals(e.Subtotal, e.DiscountTotal, e.TaxTotal, e.Total),
            e.DepositRequired, e.DepositPaid, e.Acceptance, e.DeclinedAtUtc, e.DeclineReason, e.ConvertedJobId, e.ProjectId, e.Version,
            mayRespond && status is EstimateStatus.Sent or EstimateStatus.Viewed, mayRespond, links.Estimate(e.Id));
    }

    private static Result? Validate(EstimateInput input)
    {
        var errors = new Dictionary<string, string>();
        if (input.CustomerId <= 0) errors[nameof(input.CustomerId)] = "Choose a customer.";
        if (string.IsNullOrWhiteSpace(input.Title)) errors[nameof(input.Title)] = "Give the estimate a title.";
        else if (input.Title.Trim().Length > 200) errors[nameof(input.Title)] = "The title is longer than 200 characters.";
        if (input.Terms.Length > 8000) errors[nameof(input.Terms)] = "The terms are longer than 8000 characters.";
        if (input.InternalNotes.Length > 8000) errors[nameof(input.InternalNotes)] = "The notes are longer than 8000 characters.";
        DocumentRules.AddLineErrors(input.Lines, errors);
        DocumentRules.AddDiscountErrors(input.DiscountKind, input.DiscountValue, errors);
        if (input.DepositRequired < 0) errors[nameof(input.DepositRequired)] = "The deposit cannot be negative.";
        else if (errors.Count == 0 && input.DepositRequired > input.Totals.Total)
            errors[nameof(input.DepositRequired)] = "The deposit cannot be more than the estimate's total.";
        return errors.Count == 0 ? null : DocumentRules.Invalid(errors);
    }

    private static async Task<Result?> CheckLinksAsync(PortalDbContext db, EstimateInput input, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct))
            return Result.Invalid(nameof(input.CustomerId), "Choose a customer.");
        if (input.ProjectId is { } projectId && !await db.Projects.AnyAsync(p => p.Id == projectId && p.CustomerId == input.CustomerId, ct))
            return Result.Invalid(nameof(input.ProjectId), "That project does not belong to this customer.");
        return null;
    }

    private static void Apply(Estimate estimate, EstimateInput input)
    {
        estimate.Title = input.Title.Trim();
        estimate.Terms = input.Terms.Trim();
        estimate.InternalNotes = input.InternalNotes.Trim();
        estimate.ExpiresOn = input.ExpiresOn;
        estimate.ProjectId = input.ProjectId;
        estimate.DiscountKind = input.DiscountKind;
        estimate.DiscountValue = input.DiscountKind == DiscountKind.None ? 0 : input.DiscountValue;
        estimate.DepositRequired = input.DepositRequired;
        estimate.Lines.Clear();
        estimate.Lines.AddRange(DocumentRules.ToLineItems(input.Lines));
        estimate.Recalculate();
    }

    private void QueueToCompany(PortalDbContext db, CompanySettings company, string subject, string body)
    {
        if (!string.IsNullOrWhiteSpace(company.Email))
            outbox.EnqueueEmail(db, company.Email, company.Name, subject, body, "estimate-answered");
    }

    private static Task<string> CustomerNameAsync(PortalDbContext db, int customerId, CancellationToken ct) =>
        db.Customers.Where(c => c.Id == customerId).Select(c => c.DisplayName).SingleAsync(ct);

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

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
