using System.Text.RegularExpressions;

namespace CustomerPortal.Tests.Support;

/// <summary>Signs in over HTTP the way a browser does: GET the form, POST it with its antiforgery token.</summary>
public static partial class SignIn
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string path, string formName, string email, string password)
    {
        var form = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(form);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {path}.");
        var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token.Groups[1].Value,
            ["_handler"] = formName,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(path, content);
    }

    public static Task<HttpResponseMessage> StaffAsync(HttpClient client, string email, string password = TestAccounts.Password) =>
        PostLoginAsync(client, "account/login", "staff-login", email, password);

    public static Task<HttpResponseMessage> PortalAsync(HttpClient client, string email, string password = TestAccounts.Password) =>
        PostLoginAsync(client, "portal/login", "portal-login", email, password);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
