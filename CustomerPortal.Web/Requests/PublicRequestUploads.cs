using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Requests;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Web.Requests;

/// <summary>
/// The public request page posts its photos in one form, which may be larger than the server's default body limit
/// (30 MB): its posts may carry the largest photos allowed, so a visitor gets the page's own message, never a bare 413.
/// </summary>
public static class PublicRequestUploads
{
    public static IApplicationBuilder UsePublicRequestUploadLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Request.Path.Equals(PortalPaths.PublicRequestForm, StringComparison.OrdinalIgnoreCase)
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            var options = context.RequestServices.GetRequiredService<IOptions<AttachmentOptions>>().Value;
            limit.MaxRequestBodySize = ServiceRequest.MaxPhotos * options.LargestUpload + 1024 * 1024;
        }
        return next(context);
    });
}
