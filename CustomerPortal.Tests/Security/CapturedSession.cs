using System.Net;
using CustomerPortal.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CustomerPortal.Tests.Security;

/// <summary>
/// A signed-in browser and a copy of its cookies taken at one moment, the way an attacker would keep a stolen cookie:
/// the copy is replayed later, after the session should have ended.
/// </summary>
public sealed class CapturedSession : IDisposable
{
    private readonly PortalAppFactory _app;
    private readonly CookieContainer _cookies = new();

    private CapturedSession(PortalAppFactory app)
    {
        _app = app;
        Browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = _cookies }) { BaseAddress = new Uri(app.BaseUrl + "/") };
    }

    /// <summary>The signed-in client itself (it signs out, changes its password...).</summary>
    public HttpClient Browser { get; }

    public static async Task<CapturedSession> PortalAsync(PortalAppFactory app, string email, string password = TestAccounts.Password)
    {
        var session = new CapturedSession(app);
        var response = await SignIn.PortalAsync(session.Browser, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public static async Task<CapturedSession> StaffAsync(PortalAppFactory app, string email)
    {
        var session = new CapturedSession(app);
        var response = await SignIn.StaffAsync(session.Browser, email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    /// <summary>A copy of the cookies as they are now.</summary>
    public CookieContainer Capture()
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in _cookies.GetAllCookies()) copy.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        return copy;
    }

    public HttpClient Replay(CookieContainer captured) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = captured }) { BaseAddress = new Uri(_app.BaseUrl + "/") };

    /// <summary>Does the hub let this cookie connect and join the customer's group (with today's hub method names)?</summary>
    public async Task<bool> HubAcceptsAsync(CookieContainer captured, int customerId)
    {
        var connection = new HubConnectionBuilder().WithUrl(_app.BaseUrl + LiveHub.Path, o => o.Cookies = captured).Build();
        await using (connection)
        {
            try
            {
                await connection.StartAsync();
                await connection.InvokeAsync(nameof(LiveHub.JoinCustomer), customerId);
                return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or HubException)
            {
                return false;
            }
        }
    }

    public void Dispose() => Browser.Dispose();
}
