using System.Net.Mime;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;

namespace CustomerPortal.Web.Attachments;

/// <summary>
/// Serves stored files to staff and portal users alike. Every request is checked through the access authorization handler
/// (the attachment with its parent, so a file on a draft or a hidden record stays hidden) and then opened with
/// <see cref="AttachmentService.OpenAsync"/> for the same actor: anything the caller may not see, including another
/// customer's file, is a plain 404. Staff viewing as a customer are served what the customer would be.
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>The only types served inline; anything else (there should be nothing else) is sent as a download.</summary>
    private static readonly HashSet<string> InlineTypes =
        ["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf", "text/plain", "text/csv"];

    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/files/{id:int}", (int id, HttpContext context, AccessActors actors, IAuthorizationService authorization, AttachmentService attachments) =>
            ServeAsync(context, id, thumbnail: false, actors, authorization, attachments));
        endpoints.MapGet("/files/{id:int}/thumb", (int id, HttpContext context, AccessActors actors, IAuthorizationService authorization, AttachmentService attachments) =>
            ServeAsync(context, id, thumbnail: true, actors, authorization, attachments));
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(HttpContext context, int id, bool thumbnail, AccessActors actors,
        IAuthorizationService authorization, AttachmentService attachments)
    {
        var ct = context.RequestAborted;
        var actor = await actors.ForRequestAsync(context);
        if (actor is null) return Results.NotFound();
        var attachment = await attachments.FindForAccessAsync(id, ct);
        if (attachment is null || !(await authorization.AuthorizeAsync(context.User, attachment, new OperationRequirement(Operation.ViewAttachment))).Succeeded)
            return Results.NotFound();
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
