using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Exports;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Projects;
using CustomerPortal.Core.Requests;
using CustomerPortal.Core.Reviews;
using CustomerPortal.Web.Access;

namespace CustomerPortal.Web.Staff.Exports;

/// <summary>
/// <c>GET /staff/export/{list}.csv?…</c>: the CSV export of a staff list with the filters and sort in the query string
/// (<see cref="ListQueryString"/>), and the links the list pages put on their Export CSV button. Under the staff policy;
/// Core's <see cref="ListExports"/> asks the access rule with the list's own operation and refuses portal users.
/// </summary>
public static class StaffExports
{
    private delegate Task<Result<CsvExport>> Export<in TQuery>(ListExports exports, Actor actor, TQuery query, CancellationToken ct);

    /// <summary>Each list's name in the address, with the call that reads its query and exports it (null: unreadable query).</summary>
    private static readonly Dictionary<string, Func<ListExports, Actor, IQueryCollection, CancellationToken, Task<Result<CsvExport>>?>> Lists = new(StringComparer.Ordinal);
    private static readonly Dictionary<Type, string> Names = [];

    static StaffExports()
    {
        Add<CustomerListQuery>("customers", (e, a, q, ct) => e.CustomersAsync(a, q, ct));
        Add<JobListQuery>("jobs", (e, a, q, ct) => e.JobsAsync(a, q, ct));
        Add<ProjectListQuery>("projects", (e, a, q, ct) => e.ProjectsAsync(a, q, ct));
        Add<EstimateListQuery>("estimates", (e, a, q, ct) => e.EstimatesAsync(a, q, ct));
        Add<InvoiceListQuery>("invoices", (e, a, q, ct) => e.InvoicesAsync(a, q, ct));
        Add<PaymentListQuery>("payments", (e, a, q, ct) => e.PaymentsAsync(a, q, ct));
        Add<RequestListQuery>("requests", (e, a, q, ct) => e.RequestsAsync(a, q, ct));
        Add<ReviewFilter>("reviews", (e, a, q, ct) => e.ReviewsAsync(a, q, ct));
    }

    /// <summary>The export address of a list with this query's filters and sort: <c>/staff/export/invoices.csv?status=Overdue</c>.</summary>
    public static string Href<TQuery>(TQuery query) where TQuery : class =>
        $"/staff/export/{Names[typeof(TQuery)]}.csv{ListQueryString.Format(query)}";

    public static IEndpointRouteBuilder MapStaffExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/staff/export/{list}.csv", ServeAsync).RequireAuthorization(Policies.Staff);
        return endpoints;
    }

    private static void Add<TQuery>(string name, Export<TQuery> export) where TQuery : class
    {
        Names[typeof(TQuery)] = name;
        Lists[name] = (exports, actor, parameters, ct) =>
            ListQueryString.TryParse<TQuery>(parameters, out var query) ? export(exports, actor, query, ct) : null;
    }

    private static async Task<IResult> ServeAsync(string list, HttpContext context, AccessActors actors, ListExports exports)
    {
        var ct = context.RequestAborted;
        if (!Lists.TryGetValue(list, out var export)) return Results.NotFound();
        var actor = await actors.ForRequestAsync(context);
        if (actor is null) return Results.StatusCode(StatusCodes.Status403Forbidden);
        if (export(exports, actor, context.Request.Query, ct) is not { } started) return Results.BadRequest();
        var result = await started;
        if (!result.Succeeded) return Results.StatusCode(StatusCodes.Status403Forbidden);

        var file = result.Value!;
        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(body => file.WriteToAsync(body, ct), CsvExport.ContentType, file.FileName);
    }
}
