using System.Net;
using System.Text.RegularExpressions;

namespace CustomerPortal.Tests.Support;

/// <summary>Posts a server-rendered form the way a browser does: GET the page for its antiforgery token, then POST the fields.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string handler, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {path}.");
        var content = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = handler,
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(content));
    }

    /// <summary>The same as a multipart form with files (a form with an &lt;input type="file"&gt;).</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string path, string handler, IDictionary<string, string> fields,
        string fileField, IEnumerable<(string Name, string ContentType, byte[] Content)> files)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {path}.");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
            { new StringContent(handler), "_handler" },
        };
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        foreach (var (name, type, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            content.Add(file, fileField, name);
        }
        return await client.PostAsync(path, content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
