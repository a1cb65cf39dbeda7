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

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
