using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Documents.Pdf;
using CustomerPortal.Web.Access;
using Microsoft.Net.Http.Headers;

namespace CustomerPortal.Web.Documents;

/// <summary>
/// PDF downloads of estimates, invoices and receipts. They go through the same Core services (and so the same access
/// rule) as the pages: for a portal user, another customer's document, a draft or a hidden module is a plain 404.
/// </summary>
public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var (prefix, policy) in new[] { ("/portal", Policies.Portal), ("/staff", Policies.Staff) })
        {
            var group = endpoints.MapGroup(prefix).RequireAuthorization(policy);
            group.MapGet("/estimates/{id:int}/pdf", (int id, HttpContext context, DocumentPdfService pdfs, ActorResolver actors) =>
                ServeAsync(context, actors, (actor, ct) => pdfs.EstimatePdfAsync(actor, id, ct)));
            group.MapGet("/invoices/{id:int}/pdf", (int id, HttpContext context, DocumentPdfService pdfs, ActorResolver actors) =>
                ServeAsync(context, actors, (actor, ct) => pdfs.InvoicePdfAsync(actor, id, ct)));
            group.MapGet("/payments/{id:int}/receipt.pdf", (int id, HttpContext context, DocumentPdfService pdfs, ActorResolver actors) =>
                ServeAsync(context, actors, (actor, ct) => pdfs.ReceiptPdfAsync(actor, id, ct)));
        }
        return endpoints;
    }

    /// <summary>Inline (view and print in the browser) unless <c>?download=1</c> asks for an attachment.</summary>
    private static async Task<IResult> ServeAsync(HttpContext context, ActorResolver actors, Func<Actor, CancellationToken, Task<Result<PdfFile>>> render)
    {
        var ct = context.RequestAborted;
        var actor = await actors.ResolveAsync(context.User, ct);
        if (actor is null) return Results.NotFound();
        var result = await render(actor, ct);
        if (!result.Succeeded)
            return result.Kind == ResultKind.Forbidden && actor.IsStaff ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.NotFound();

        var file = result.Value!;
        var download = context.Request.Query["download"] == "1";
        var disposition = new ContentDispositionHeaderValue(download ? "attachment" : "inline");
        disposition.SetHttpFileName(file.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(file.Content, "application/pdf");
    }
}
