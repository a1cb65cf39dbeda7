using System.Net.Mime;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Web.Access;
using Microsoft.Net.Http.Headers;

namespace CustomerPortal.Web.Attachments;

/// <summary>
/// Serves stored files to staff and portal users alike. Every request goes through <see cref="AttachmentService.OpenAsync"/>
/// (the access rule): anything the caller may not see, including another customer's file, is a plain 404.
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>The only types served inline; anything else (there should be nothing else) is sent as a download.</summary>
    private static readonly HashSet<string> InlineTypes =
        ["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf", "text/plain", "text/csv"];

    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/files/{id:int}", (int id, HttpContext context, ActorResolver actors, AttachmentService attachments) =>
            ServeAsync(context, id, thumbnail: false, actors, attachments));
        endpoints.MapGet("/files/{id:int}/thumb", (int id, HttpContext context, ActorResolver actors, AttachmentService attachments) =>
            ServeAsync(context, id, thumbnail: true, actors, attachments));
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(HttpContext context, int id, bool thumbnail, ActorResolver actors, AttachmentService attachments)
    {
        var ct = context.RequestAborted;
        var actor = await actors.ResolveAsync(context.User, ct);
        if (actor is null) return Results.NotFound();
        var opened = await attachments.OpenAsync(actor, id, thumbnail, ct);
        if (!opened.Succeeded) return Results.NotFound();

        var file = opened.Value!;
        var download = !thumbnail && context.Request.Query["download"] == "1";
        var inline = !download && InlineTypes.Contains(file.ContentType);
        var contentType = inline ? file.ContentType : MediaTypeNames.Application.Octet;
        if (contentType.StartsWith("text/", StringComparison.Ordinal)) contentType += "; charset=utf-8";

        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.CacheControl] = "private, max-age=300";
        // A PDF needs the browser's viewer; everything else is shown with no scripts and no page around it.
        if (file.ContentType != MediaTypeNames.Application.Pdf) headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers[HeaderNames.ContentDisposition] = disposition.ToString();

        return Results.Stream(file.Content, contentType, enableRangeProcessing: true);
    }
}
