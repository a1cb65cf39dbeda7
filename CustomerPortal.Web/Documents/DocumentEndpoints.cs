using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Documents.Pdf;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;

namespace CustomerPortal.Web.Documents;

/// <summary>
/// PDF downloads of estimates, invoices and receipts. They go through the same Core services (and so the same access
/// rule, asked through the access authorization handler with the page's actor) as the pages: for a portal user or staff
/// viewing as the customer, another customer's document, a draft or a hidden module is a plain 404.
/// </summary>
public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var (prefix, policy) in new[] { ("/portal", Policies.Portal), ("/staff", Policies.Staff) })
        {
            var group = endpoints.MapGroup(prefix).RequireAuthorization(policy);
            group.MapGet("/estimates/{id:int}/pdf", (int id, HttpContext context, DocumentPdfService pdfs) =>
                ServeAsync<Estimate>(context, id, Operation.ViewEstimate, (actor, ct) => pdfs.EstimatePdfAsync(actor, id, ct)));
            group.MapGet("/invoices/{id:int}/pdf", (int id, HttpContext context, DocumentPdfService pdfs) =>
                ServeAsync<Invoice>(context, id, Operation.ViewInvoice, (actor, ct) => pdfs.InvoicePdfAsync(actor, id, ct)));
            group.MapGet("/payments/{id:int}/receipt.pdf", (int id, HttpContext context, DocumentPdfService pdfs) =>
                ServeAsync<Payment>(context, id, Operation.ViewPayment, (actor, ct) => pdfs.ReceiptPdfAsync(actor, id, ct)));
        }
        endpoints.MapGet("/portal/statement.pdf", (HttpContext context, StatementService statements, DocumentPdfService pdfs) =>
            ServeStatementAsync(context, null, statements, pdfs)).RequireAuthorization(Policies.Portal);
        endpoints.MapGet("/staff/customers/{id:int}/statement.pdf", (int id, HttpContext context, StatementService statements, DocumentPdfService pdfs) =>
            ServeStatementAsync(context, id, statements, pdfs)).RequireAuthorization(Policies.Staff);
        return endpoints;
    }

    /// <summary>
    /// A customer's account statement as a PDF, for <c>?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c> (the last 90 days when left
    /// out). In the portal it is always the signed-in customer's own; the statement service asks the access rule.
    /// </summary>
    private static async Task<IResult> ServeStatementAsync(HttpContext context, int? staffCustomerId, StatementService statements, DocumentPdfService pdfs)
    {
        var ct = context.RequestAborted;
        var actor = await context.RequestServices.GetRequiredService<AccessActors>().ForRequestAsync(context);
        if (actor is null || (staffCustomerId ?? actor.CustomerId) is not { } customerId) return Results.NotFound();
        var (from, to) = await statements.DefaultRangeAsync(ct);
        if (!TryDate(context.Request.Query["from"], ref from) || !TryDate(context.Request.Query["to"], ref to)) return Results.BadRequest();
        var result = await pdfs.StatementPdfAsync(actor, customerId, from, to, ct);
        if (!result.Succeeded)
            return result.Kind switch
            {
                ResultKind.Invalid => Results.BadRequest(),
                ResultKind.Forbidden when actor.IsStaff => Results.StatusCode(StatusCodes.Status403Forbidden),
                _ => Results.NotFound(),
            };
        return File(context, result.Value!);
    }

    private static bool TryDate(string? value, ref DateOnly date)
    {
        if (string.IsNullOrEmpty(value)) return true;
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
            return false;
        date = parsed;
        return true;
    }

    /// <summary>
    /// Checks the record through the access handler with the request's actor (under /portal the customer's, so staff
    /// viewing as a customer get exactly the customer's documents), then renders it for that same actor. Inline (view and
    /// print in the browser) unless <c>?download=1</c> asks for an attachment.
    /// </summary>
    private static async Task<IResult> ServeAsync<T>(HttpContext context, int id, Operation operation,
        Func<Actor, CancellationToken, Task<Result<PdfFile>>> render) where T : class, ICustomerOwned
    {
        var ct = context.RequestAborted;
        var services = context.RequestServices;
        var actor = await services.GetRequiredService<AccessActors>().ForRequestAsync(context);
        if (actor is null) return Results.NotFound();
        var record = await services.GetRequiredService<AccessResources>().FindAsync<T>(id, ct);
        if (record is null) return Results.NotFound();
        var allowed = await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, record, new OperationRequirement(operation));
        if (!allowed.Succeeded) return actor.IsStaff ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.NotFound();

        var result = await render(actor, ct);
        if (!result.Succeeded)
            return result.Kind == ResultKind.Forbidden && actor.IsStaff ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.NotFound();

        return File(context, result.Value!);
    }

    private static IResult File(HttpContext context, PdfFile file)
    {
        var download = context.Request.Query["download"] == "1";
        var disposition = new ContentDispositionHeaderValue(download ? "attachment" : "inline");
        disposition.SetHttpFileName(file.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(file.Content, "application/pdf");
    }
}
