using System.Net;
using Microsoft.AspNetCore.SignalR.Client;

namespace CustomerPortal.Tests.Support;

/// <summary>Hub clients signed in the way a non-browser app signs in: over HTTP with the app's form, then the cookie on the connection.</summary>
public static class HubSignIn
{
    /// <summary>Signs in with <paramref name="signIn"/> (e.g. SignIn.PortalAsync) and returns the cookies to connect with.</summary>
    public static async Task<CookieContainer> CookiesAsync(PortalAppFactory app, Func<HttpClient, Task<HttpResponseMessage>> signIn)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl + "/") };
        var response = await signIn(http);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode}.");
        return cookies;
    }

    /// <summary>A started connection to the hub at <paramref name="hubPath"/>, signed in with <paramref name="signIn"/>.</summary>
    public static async Task<HubConnection> ConnectAsync(PortalAppFactory app, string hubPath, Func<HttpClient, Task<HttpResponseMessage>> signIn)
    {
        var cookies = await CookiesAsync(app, signIn);
        var connection = new HubConnectionBuilder().WithUrl(app.BaseUrl + hubPath, o => o.Cookies = cookies).Build();
        await connection.StartAsync();
        return connection;
    }
}
