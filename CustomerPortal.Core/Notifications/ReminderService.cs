using System.Globalization;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Notifications;

/// <summary>What one reminder check sent.</summary>
public sealed record RemindersSent(int EstimateReminders, int OverdueNotices, int ReviewRequests);

/// <summary>
/// The messages the product sends by itself, on time: a reminder about an estimate still waiting for its answer, notices
/// while an invoice is overdue, and a review request some hours after a job is completed. Each record is claimed with
/// one conditional UPDATE in the transaction that queues its messages, so two instances checking at once send it once,
/// and a crash before the commit leaves it to the next check.
/// </summary>
public sealed class ReminderService(
    IDbContextFactory<PortalDbContext> dbFactory, CompanySettingsService companySettings, CustomerNotifications notifications,
    IOptions<NotificationOptions> options, TimeProvider clock, ILogger<ReminderService> logger)
{
    /// <summary>Records older than this past their moment are not reminded about (an installation that just turned reminders on).</summary>
    private static readonly TimeSpan Window = TimeSpan.FromDays(14);

    private const int Batch = 200;

    public async Task<RemindersSent> RunAsync(CancellationToken ct)
    {
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = company.Today(now);
        return new RemindersSent(
            await RemindAboutEstimatesAsync(company, now, today, ct),
            await NoticeOverdueInvoicesAsync(company, now, today, ct),
            await RequestReviewsAsync(company, now, ct));
    }

    private async Task<int> RemindAboutEstimatesAsync(CompanySettings company, DateTime now, DateOnly today, CancellationToken ct)
    {
        var days = options.Value.EstimateReminderAfterDays;
        if (days == 0) return 0;
        var sentBefore = now.AddDays(-days);
        var sentAfter = sentBefore - Window;
        var due = (IQueryable<Estimate> estimates) => estimates.Where(e =>
            (e.Status == EstimateStatus.Sent || e.Status == EstimateStatus.Viewed) && e.ReminderSentAtUtc == null
            && e.SentAtUtc <= sentBefore && e.SentAtUtc > sentAfter && (e.ExpiresOn == null || e.ExpiresOn >= today));
        return await EachAsync(db => due(db.Estimates).OrderBy(e => e.Id).Select(e => e.Id).Take(Batch).ToListAsync(ct),
            async (db, id) =>
            {
                if (await due(db.Estimates.Where(e => e.Id == id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ReminderSentAtUtc, now), ct) != 1) return false;
                var estimate = await db.Estimates.AsNoTracking().SingleAsync(e => e.Id == id, ct);
                await notifications.QueueAsync(db, company, estimate.CustomerId, PortalModules.Estimates, TemplateEvent.EstimateReminder,
                    values => values
                        .Set(MergeTagCatalog.EstimateNumber, estimate.Number)
                        .Set(MergeTagCatalog.EstimateTitle, estimate.Title)
                        .Set(MergeTagCatalog.EstimateTotal, MoneyFormat.Format(estimate.Total, company.Currency))
                        .Set(MergeTagCatalog.EstimateExpiryDate, estimate.ExpiresOn is { } until ? until.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture) : null)
                        .SetLink(MergeTagCatalog.EstimateLink, PortalPaths.Estimate(estimate.Id)), ct);
                return true;
            }, ct);
    }

    private async Task<int> NoticeOverdueInvoicesAsync(CompanySettings company, DateTime now, DateOnly today, CancellationToken ct)
    {
        if (!options.Value.InvoiceOverdueReminders) return 0;
        var repeat = options.Value.InvoiceOverdueRepeatDays;
        var remindedBefore = repeat == 0 ? DateTime.MinValue : now.AddDays(-repeat);
        var due = (IQueryable<Invoice> invoices) => invoices.Where(i =>
            i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void && i.Status != InvoiceStatus.Paid && i.AmountDue > 0
            && i.DueDate < today && (i.ReminderSentAtUtc == null || (repeat > 0 && i.ReminderSentAtUtc <= remindedBefore)));
        return await EachAsync(db => due(db.Invoices).OrderBy(i => i.Id).Select(i => i.Id).Take(Batch).ToListAsync(ct),
            async (db, id) =>
            {
                if (await due(db.Invoices.Where(i => i.Id == id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.ReminderSentAtUtc, now), ct) != 1) return false;
                var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == id, ct);
                await notifications.QueueAsync(db, company, invoice.CustomerId, PortalModules.Invoices, TemplateEvent.InvoiceOverdue,
                    values => values
                        .Set(MergeTagCatalog.InvoiceNumber, invoice.Number)
                        .Set(MergeTagCatalog.InvoiceTitle, invoice.Title)
                        .Set(MergeTagCatalog.InvoiceAmountDue, MoneyFormat.Format(invoice.AmountDue, company.Currency))
                        .Set(MergeTagCatalog.InvoiceDueDate, invoice.DueDate.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture))
                        .SetLink(MergeTagCatalog.InvoiceLink, PortalPaths.Invoice(invoice.Id))
                        .SetLink(MergeTagCatalog.InvoicesLinks, PortalPaths.Invoices), ct);
                return true;
            }, ct);
    }

    private async Task<int> RequestReviewsAsync(CompanySettings company, DateTime now, CancellationToken ct)
    {
        var hours = options.Value.ReviewRequestAfterHours;
        if (hours == 0) return 0;
        var completedBefore = now.AddHours(-hours);
        var completedAfter = completedBefore - Window;
        var due = (IQueryable<Job> jobs) => jobs.Where(j => j.Status == JobStatus.Completed && j.ReviewRequestedAtUtc == null
            && j.CompletedAtUtc <= completedBefore && j.CompletedAtUtc > completedAfter);
        return await EachAsync(db => due(db.Jobs).OrderBy(j => j.Id).Select(j => j.Id).Take(Batch).ToListAsync(ct),
            async (db, id) =>
            {
                if (await due(db.Jobs.Where(j => j.Id == id)).ExecuteUpdateAsync(s => s.SetProperty(j => j.ReviewRequestedAtUtc, now), ct) != 1) return false;
                var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == id, ct);
                await notifications.QueueAsync(db, company, job.CustomerId, PortalModules.Reviews, TemplateEvent.ReviewRequest,
                    values => values.Set(MergeTagCatalog.JobNumber, job.Number).Set(MergeTagCatalog.JobTitle, job.Title)
                        .SetLink(MergeTagCatalog.JobLink, PortalPaths.Job(job.Id))
                        .SetLink(MergeTagCatalog.ReviewPage, PortalPaths.RateUsForJob(job.Id)), ct);
                return true;
            }, ct);
    }

    /// <summary>
    /// Runs <paramref name="remind"/> for each due record in its own transaction; one failing record does not stop the rest.
    /// <paramref name="remind"/> first claims the record with a conditional update and returns false when it was not due any more.
    /// </summary>
    private async Task<int> EachAsync(Func<PortalDbContext, Task<List<int>>> findDue, Func<PortalDbContext, int, Task<bool>> remind, CancellationToken ct)
    {
        List<int> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct)) ids = await findDue(db);
        var sent = 0;
        foreach (var id in ids)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                // Another instance's check may have claimed the record first: only a claim of this one counts.
                if (!await remind(db, id)) continue;
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                sent++;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
            {
                logger.LogError(e, "A reminder for record {Id} could not be queued; the next check tries again.", id);
            }
        }
        return sent;
    }
}
