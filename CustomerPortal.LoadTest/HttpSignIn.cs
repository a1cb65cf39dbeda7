using System.Net;
using System.Text.RegularExpressions;

namespace CustomerPortal.LoadTest;

/// <summary>
/// Signs people in over HTTP the way a browser does (GET the page, POST its form with the antiforgery token) and keeps
/// the sign-in cookie for the hub connection: portal users through their single-use sign-in link, staff with a password.
/// </summary>
public sealed partial class HttpSignIn(Uri baseUri) : IDisposable
{
    private const string AuthCookie = "customerportal.auth";
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseUri };

    /// <param name="carried">A cookie sent with both requests, such as a load balancer's affinity cookie ("" for none).</param>
    public Task<string> PortalLinkAsync(string token, string carried = "") =>
        PostFormAsync($"portal/link/{token}", new() { ["_handler"] = "magic-link-continue" }, carried);

    public Task<string> StaffAsync(string email, string password, string carried = "") =>
        PostFormAsync("account/login", new() { ["_handler"] = "staff-login", ["Input.Email"] = email, ["Input.Password"] = password }, carried);

    private async Task<string> PostFormAsync(string path, Dictionary<string, string> fields, string carried)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, path);
        if (carried.Length > 0) get.Headers.Add("Cookie", carried);
        using var page = await _http.SendAsync(get);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {path} ({(int)page.StatusCode}).");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);

        using var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", string.Join("; ", CookiesOf(page).Append(carried).Where(c => c.Length > 0).Distinct()));
        using var answer = await _http.SendAsync(post);
        var auth = CookiesOf(answer).Where(c => c.StartsWith(AuthCookie, StringComparison.Ordinal)).ToList();
        if (auth.Count == 0) throw new InvalidOperationException($"Sign-in at {path} set no cookie ({(int)answer.StatusCode}).");
        return string.Join("; ", auth);
    }

    private static IEnumerable<string> CookiesOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public void Dispose() => _http.Dispose();
}
