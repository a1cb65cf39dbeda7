using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;

namespace CustomerPortal.Web.Links;

public static class UnsubscribeEndpoints
{
    /// <summary>
    /// POST /unsubscribe/{token}: the confirm button of the unsubscribe page, and RFC 8058 one-click unsubscribe (a mail
    /// client posts <c>List-Unsubscribe=One-Click</c> with no cookies and no antiforgery token; the signed token is the
    /// only proof needed, as for the page). It runs before the page's own POST route (lower order), so both reach it.
    /// </summary>
    public static void MapUnsubscribeEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(DeepLinks.UnsubscribePath("{token}"), async (string token, HttpContext context, UnsubscribeService unsubscribes) =>
            {
                var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
                var oneClick = string.Equals(form?["List-Unsubscribe"].ToString(), "One-Click", StringComparison.OrdinalIgnoreCase);
                var confirmed = form?["confirm"].ToString() == "1";
                // Answers carry a body: a bare status would be re-executed as the not-found page, which a POST cannot open.
                if (!oneClick && !confirmed) return Results.Text("Post List-Unsubscribe=One-Click to unsubscribe.", statusCode: StatusCodes.Status400BadRequest);

                var ip = context.Connection.RemoteIpAddress?.ToString() ?? "";
                var result = await unsubscribes.UnsubscribeAsync(token, ip, context.RequestAborted);
                // The one-click answer is for a machine: no redirect, no page.
                if (oneClick) return result.Succeeded ? Results.Text("Unsubscribed.") : Results.Text(result.Message, statusCode: StatusCodes.Status404NotFound);
                return Results.LocalRedirect(DeepLinks.UnsubscribePath(token));
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithOrder(-1);
}
