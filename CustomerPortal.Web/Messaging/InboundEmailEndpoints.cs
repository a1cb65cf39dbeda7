using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CustomerPortal.Core.Messaging.Inbound;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CustomerPortal.Web.Messaging;

/// <summary>
/// SendGrid Inbound Parse posts each e-mail to the reply domain here (multipart/form-data, not the raw MIME option). The
/// secret from the parse URL (<c>?key=</c>, or the basic-auth password) is required: 401 without it. The form's text
/// fields are read in the character sets SendGrid names (<c>charsets</c>); attachments are not kept. Everything else
/// (which thread, whose reply, whether to store it) is <see cref="InboundReplies"/>' decision.
/// </summary>
public static class InboundEmailEndpoints
{
    public const string Path = "/webhooks/inbound-email";

    /// <summary>A whole e-mail with attachments, as SendGrid accepts up to 30 MB; the attachments are read past, not kept.</summary>
    public const long MaxRequestBytes = 32L * 1024 * 1024;

    /// <summary>All text fields together (headers, bodies, addresses): a long thread quoted in HTML stays well within it.</summary>
    public const int MaxFieldBytes = 4 * 1024 * 1024;

    static InboundEmailEndpoints() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IEndpointRouteBuilder MapInboundEmailWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, IOptions<InboundEmailOptions> options, InboundReplies replies,
        ILogger<InboundReplies> log)
    {
        // A machine reads these answers: no re-executed "not found" page.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
        if (!options.Value.Enabled) return Results.NotFound();
        if (!HasSecret(context.Request, options.Value.WebhookSecret))
        {
            log.LogWarning("Refused an inbound e-mail post without the webhook secret from {Address}", context.Connection.RemoteIpAddress);
            return Results.Unauthorized();
        }

        if (context.Request.ContentLength > MaxRequestBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxRequestBytes;
        var boundary = Boundary(context.Request.ContentType);
        if (boundary is null) return Results.BadRequest();

        Dictionary<string, byte[]>? fields;
        try
        {
            fields = await ReadFieldsAsync(context.Request.Body, boundary, context.RequestAborted);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            log.LogWarning("Refused an unreadable inbound e-mail post: {Reason}", e.Message);
            return Results.BadRequest();
        }
        if (fields is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

        var form = Decode(fields);
        var mail = new InboundEmail(form.GetValueOrDefault("from"), [.. EnvelopeRecipients(form.GetValueOrDefault("envelope")),
                form.GetValueOrDefault("to") ?? "", form.GetValueOrDefault("cc") ?? ""],
            form.GetValueOrDefault("headers"), form.GetValueOrDefault("text"), form.GetValueOrDefault("html"), form.GetValueOrDefault("SPF"));
        var outcome = await replies.ReceiveAsync(mail, context.RequestAborted);
        // SendGrid delivers again, for up to three days, whatever is not answered 2xx. A refused e-mail (forged or expired
        // address, someone else's, an auto-reply) would be refused every time, so it is answered 200 like a stored one and
        // only logged; only what may succeed later asks for another delivery.
        return outcome == InboundOutcome.RetryLater ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Ok();
    }

    private static bool HasSecret(HttpRequest request, string secret)
    {
        var given = request.Query["key"].ToString();
        if (given.Length == 0 && System.Net.Http.Headers.AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var auth)
            && string.Equals(auth.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && auth.Parameter is { } parameter)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                given = pair[(pair.IndexOf(':') + 1)..];
            }
            catch (FormatException) { given = ""; }
        }
        // Hashed first so that the comparison takes as long whatever the lengths.
        return given.Length > 0 && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(secret.Trim())));
    }

    private static string? Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return null;
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        return string.IsNullOrEmpty(boundary) || boundary.Length > 200 ? null : boundary;
    }

    /// <summary>The form's text fields as bytes (decoded later, in their own character sets); null when they are too long.</summary>
    private static async Task<Dictionary<string, byte[]>?> ReadFieldsAsync(Stream body, string boundary, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, body);
        var fields = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition()) continue;
            // Attachments are dropped: the section is read past by the next ReadNextSectionAsync.
            if (disposition.IsFileDisposition()) continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await section.Body.ReadAsync(chunk, ct)) > 0)
            {
                total += read;
                if (total > MaxFieldBytes) return null;
                buffer.Write(chunk, 0, read);
            }
            fields.TryAdd(name, buffer.ToArray());
        }
        return fields;
    }

    /// <summary>Each field in the character set <c>charsets</c> gives for it (UTF-8 when it names none or one unknown).</summary>
    private static Dictionary<string, string> Decode(Dictionary<string, byte[]> fields)
    {
        var charsets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fields.TryGetValue("charsets", out var raw))
        {
            try
            {
                using var json = JsonDocument.Parse(raw);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                    foreach (var property in json.RootElement.EnumerateObject())
                        if (property.Value.ValueKind == JsonValueKind.String) charsets[property.Name] = property.Value.GetString()!;
            }
            catch (JsonException) { /* every field as UTF-8 */ }
        }
        return fields.ToDictionary(f => f.Key, f => EncodingFor(charsets.GetValueOrDefault(f.Key)).GetString(f.Value), StringComparer.Ordinal);
    }

    private static Encoding EncodingFor(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset)) return Encoding.UTF8;
        try { return Encoding.GetEncoding(charset.Trim()); }
        catch (ArgumentException) { return Encoding.UTF8; }
    }

    /// <summary>The SMTP envelope's recipients: <c>{"to":["reply+…@…"],"from":"…"}</c>.</summary>
    private static IEnumerable<string> EnvelopeRecipients(string? envelope)
    {
        if (string.IsNullOrWhiteSpace(envelope)) return [];
        try
        {
            using var json = JsonDocument.Parse(envelope);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("to", out var to)) return [];
            return to.ValueKind switch
            {
                JsonValueKind.Array => to.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList(),
                JsonValueKind.String => [to.GetString()!],
                _ => [],
            };
        }
        catch (JsonException) { return []; }
    }
}
