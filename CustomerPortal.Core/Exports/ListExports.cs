using System.Globalization;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Projects;
using CustomerPortal.Core.Requests;
using CustomerPortal.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Exports;

/// <summary>
/// A CSV file ready to stream: its name, and the writer that reads the rows from the database while it writes them.
/// The access rule was asked when it was made, so a caller may send headers before calling <see cref="WriteToAsync"/>.
/// </summary>
public sealed record CsvExport(string FileName, Func<Stream, CancellationToken, Task> WriteToAsync)
{
    public const string ContentType = "text/csv; charset=utf-8";
}

/// <summary>
/// CSV exports of the staff lists. Each takes the query its list page uses and streams every row the list would show for
/// it (all pages, same filters, same order), read from the same query the list's service builds. Staff only, with the
/// operation the list itself needs; a portal user (or staff viewing as a customer) gets nothing.
/// </summary>
public sealed class ListExports(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    DocumentLifecycle documents,
    CustomerService customers,
    ReviewService reviews)
{
    public Task<Result<CsvExport>> CustomersAsync(Actor actor, CustomerListQuery query, CancellationToken ct) =>
        ExportAsync(actor, "customers", customers.MayList(actor),
            (db, _) => CustomerService.Listed(db, query).Select(c => new
            {
                c.Id, c.DisplayName, c.FirstName, c.LastName, c.CompanyName, c.Email, c.Phone, c.PortalEnabled, c.IsArchived, c.IsPendingReview,
                c.CreatedAtUtc, PortalUsers = db.PortalUsers.Count(p => p.CustomerId == c.Id),
            }),
            sheet => sheet
                .Number("Customer ID", c => c.Id)
                .Text("Name", c => c.DisplayName)
                .Text("First name", c => c.FirstName)
                .Text("Last name", c => c.LastName)
                .Text("Company", c => c.CompanyName)
                .Text("E-mail", c => c.Email)
                .Text("Phone", c => c.Phone)
                .YesNo("Portal on", c => c.PortalEnabled)
                .Number("Portal users", c => c.PortalUsers)
                .YesNo("Archived", c => c.IsArchived)
                .YesNo("Pending review", c => c.IsPendingReview)
                .Time("Created", c => c.CreatedAtUtc),
            ct);

    public Task<Result<CsvExport>> JobsAsync(Actor actor, JobListQuery query, CancellationToken ct) =>
        ExportAsync(actor, "jobs", access.Can(actor, Operation.ManageJob),
            (db, now) => JobService.Listed(db, query, now.Company, now.Utc),
            sheet => sheet
                .Text("Number", j => j.Number)
                .Text("Title", j => j.Title)
                .Text("Customer", j => j.CustomerName)
                .Text("Status", j => JobStatusText.Of(j.Status))
                .Time("Next visit", j => j.Next?.StartUtc)
                .Text("Technician", j => j.Next?.TechnicianName)
                .Time("Created", j => j.CreatedAtUtc)
                .Time("Completed", j => j.CompletedAtUtc),
            ct);

    public Task<Result<CsvExport>> ProjectsAsync(Actor actor, ProjectListQuery query, CancellationToken ct) =>
        ExportAsync(actor, "projects", access.Can(actor, Operation.ManageProject),
            (db, _) => ProjectService.Listed(db, query),
            sheet => sheet
                .Text("Number", p => p.Number)
                .Text("Name", p => p.Name)
                .Text("Customer", p => p.CustomerName)
                .Text("Status", p => ProjectStatusText.Of(p.Status))
                .Number("Complete (%)", p => p.CompletionPercent)
                .Date("Start date", p => p.StartDate)
                .Date("Target date", p => p.TargetDate)
                .Number("Jobs", p => p.JobCount),
            ct);

    public Task<Result<CsvExport>> EstimatesAsync(Actor actor, EstimateListQuery query, CancellationToken ct)
    {
        var listing = EstimateService.Listing(query);
        return ExportAsync(actor, "estimates", documents.DenyList(actor, EstimateService.Kind) is null,
            (db, now) => DocumentLifecycle.Listed(db, actor, EstimateService.Kind, query, listing, now).Select(listing.Shape(now)),
            sheet => sheet
                .Text("Number", e => e.Number)
                .Text("Customer", e => e.CustomerName)
                .Text("Title", e => e.Title)
                .Text("Status", e => DocumentText.Humanize(e.Status))
                .Time("Created", e => e.CreatedAtUtc)
                .Time("Sent", e => e.SentAtUtc)
                .Date("Expires", e => e.ExpiresOn)
                .Money("Total", e => e.Total),
            ct);
    }

    public Task<Result<CsvExport>> InvoicesAsync(Actor actor, InvoiceListQuery query, CancellationToken ct)
    {
        var listing = InvoiceService.Listing(query);
        return ExportAsync(actor, "invoices", documents.DenyList(actor, InvoiceService.Kind) is null,
            (db, now) => DocumentLifecycle.Listed(db, actor, InvoiceService.Kind, query, listing, now).Select(listing.Shape(now)),
            sheet => sheet
                .Text("Number", i => i.Number)
                .Text("Customer", i => i.CustomerName)
                .Text("Title", i => i.Title)
                .Text("Status", i => DocumentText.Humanize(i.Status))
                .Date("Invoice date", i => i.IssueDate)
                .Date("Due date", i => i.DueDate)
                .Time("Sent", i => i.SentAtUtc)
                .Money("Total", i => i.Total)
                .Money("Paid", i => i.AmountPaid)
                .Money("Due", i => i.AmountDue),
            ct);
    }

    public Task<Result<CsvExport>> PaymentsAsync(Actor actor, PaymentListQuery query, CancellationToken ct) =>
        ExportAsync(actor, "payments", access.Can(actor, Operation.RecordPayment),
            (db, now) => PaymentService.Listed(db, query, now.Company),
            sheet => sheet
                .Text("Number", p => p.Number)
                .Text("Customer", p => p.CustomerName)
                .Time("Received", p => p.ReceivedAtUtc)
                .Text("Method", p => PaymentText.Of(p.Method))
                .Text("Status", p => PaymentText.StatusOf(p.Status, p.RefundedAmount))
                .Money("Amount", p => p.Amount)
                .Money("Refunded", p => p.RefundedAmount)
                .Text("Reference", p => p.Reference)
                .YesNo("Needs review", p => p.NeedsReview),
            ct);

    public Task<Result<CsvExport>> RequestsAsync(Actor actor, RequestListQuery query, CancellationToken ct) =>
        ExportAsync(actor, "requests", access.Can(actor, Operation.ManageRequests),
            (db, _) => RequestDecisionService.Listed(db, query),
            sheet => sheet
                .Text("Number", r => r.Number)
                .Text("Title", r => r.Title)
                .Text("Category", r => r.Category)
                .Text("Customer", r => r.CustomerName)
                .Text("Source", r => RequestText.Of(r.Source))
                .Text("Status", r => RequestText.Of(r.Status))
                .Number("Photos", r => r.PhotoCount)
                .Date("Preferred date", r => r.PreferredDate)
                .Text("Preferred time", r => r.PreferredTimeWindow)
                .Time("Received", r => r.CreatedAtUtc),
            ct);

    public Task<Result<CsvExport>> ReviewsAsync(Actor actor, ReviewFilter filter, CancellationToken ct) =>
        ExportAsync(actor, "reviews", reviews.IsStaffAllowed(actor),
            (db, _) => ReviewService.Listed(db, filter),
            sheet => sheet
                // ReviewService.Listed leaves the times in UTC.
                .Time("Received", r => r.CreatedLocal)
                .Text("Customer", r => r.CustomerName)
                .Text("Job", r => r.JobNumber)
                .Number("Rating", r => r.Rating)
                .Text("Comment", r => r.Comment)
                .Text("Written by", r => r.AuthorName)
                .Time("Followed up", r => r.FollowedUpLocal)
                .Text("Followed up by", r => r.FollowedUpBy),
            ct);

    /// <summary>
    /// Refuses customers and anyone the list refuses; otherwise names the file after the list and the company's today
    /// (customers-2026-12-03.csv) and hands back a writer that opens its own database context for the stream's life.
    /// </summary>
    private async Task<Result<CsvExport>> ExportAsync<TRow>(Actor actor, string list, bool listAllowed,
        Func<PortalDbContext, CompanyNow, IQueryable<TRow>> rows, Action<CsvSheet<TRow>> columns, CancellationToken ct)
    {
        if (actor.IsCustomer || !listAllowed) return Result<CsvExport>.From(Result.Forbidden());
        var now = await documents.NowAsync(ct);
        var sheet = new CsvSheet<TRow>(now.Company);
        columns(sheet);
        return new CsvExport($"{list}-{now.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv", async (output, token) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(token);
            await sheet.WriteAsync(output, rows(db, now).AsAsyncEnumerable(), token);
        });
    }
}

public static class ExportsServiceCollectionExtensions
{
    /// <summary>CSV exports of the staff lists.</summary>
    public static IServiceCollection AddExports(this IServiceCollection services) => services.AddSingleton<ListExports>();
}
