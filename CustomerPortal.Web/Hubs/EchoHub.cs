using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CustomerPortal.Web.Hubs;

/// <summary>
/// The load tool's baseline (CustomerPortal.LoadTest): a bare hub that sends back what came, signed in and hosted like
/// the app's own hubs, so the tool can print the messaging hub's figures as ratios to it. Mapped only when the setting
/// <c>LoadTest:EchoHub</c> is true.
/// </summary>
[Authorize(AuthenticationSchemes = LiveHubAuthentication.Scheme)]
public sealed class EchoHub : Hub
{
    public const string Path = "/hubs/echo";
    public const string Setting = "LoadTest:EchoHub";

    public Task Echo(Guid clientMessageId, string body) => Clients.Caller.SendAsync("Echoed", clientMessageId, body);
}

public static class EchoHubEndpoints
{
    public static void MapEchoHubWhenLoadTesting(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(EchoHub.Setting)) app.MapHub<EchoHub>(EchoHub.Path);
    }
}
