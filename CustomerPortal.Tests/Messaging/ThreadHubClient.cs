using System.Net;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace CustomerPortal.Tests.Messaging;

/// <summary>
/// A signed-in client of the messages hub, as a non-browser app would be: the real SignalR client over Kestrel with
/// the app's sign-in cookie, keeping every message it is pushed. <see cref="ReconnectAsync"/> opens a new connection
/// with the same sign-in.
/// </summary>
internal sealed class ThreadHubClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = BusyMachineWaits.Patience;

    private readonly string _hubUrl;
    private readonly CookieContainer _cookies;
    private readonly List<ThreadMessage> _received = [];
    private readonly List<ThreadTyping> _typing = [];

    private ThreadHubClient(string hubUrl, CookieContainer cookies)
    {
        _hubUrl = hubUrl;
        _cookies = cookies;
        Connection = Build();
    }

    public HubConnection Connection { get; private set; }

    public static Task<ThreadHubClient> PortalAsync(PortalAppFactory app, string email) => ConnectAsync(app, client => SignIn.PortalAsync(client, email));

    public static Task<ThreadHubClient> StaffAsync(PortalAppFactory app, string email) => ConnectAsync(app, client => SignIn.StaffAsync(client, email));

    private static async Task<ThreadHubClient> ConnectAsync(PortalAppFactory app, Func<HttpClient, Task<HttpResponseMessage>> signIn)
    {
        var client = new ThreadHubClient(app.BaseUrl + MessagesHub.Path, await HubSignIn.CookiesAsync(app, signIn));
        await client.Connection.StartAsync();
        return client;
    }

    private HubConnection Build()
    {
        var connection = new HubConnectionBuilder().WithUrl(_hubUrl, o => o.Cookies = _cookies).Build();
        connection.On<ThreadMessage>(nameof(IMessagesClient.MessageReceived), m =>
        {
            lock (_received) _received.Add(m);
        });
        connection.On<ThreadTyping>(nameof(IMessagesClient.Typing), t =>
        {
            lock (_typing) _typing.Add(t);
        });
        return connection;
    }

    /// <summary>Every message pushed to this client so far, over all its connections, in arrival order.</summary>
    public List<ThreadMessage> Received
    {
        get { lock (_received) return [.. _received]; }
    }

    public List<ThreadTyping> Typings
    {
        get { lock (_typing) return [.. _typing]; }
    }

    public Task<ThreadSnapshot> JoinAsync(int threadId, long afterMessageId = 0) =>
        Connection.InvokeAsync<ThreadSnapshot>(nameof(MessagesHub.JoinThread), threadId, afterMessageId);

    public Task<ThreadMessage> SendAsync(int threadId, string body, Guid? clientMessageId = null, bool internalNote = false) =>
        Connection.InvokeAsync<ThreadMessage>(nameof(MessagesHub.Send),
            new SendMessageRequest(threadId, clientMessageId ?? Guid.NewGuid(), body, internalNote));

    public Task TypingAsync(int threadId) => Connection.InvokeAsync(nameof(MessagesHub.Typing), threadId);

    public Task<IReadOnlyList<ThreadMessage>> MessagesAfterAsync(int threadId, long afterMessageId) =>
        Connection.InvokeAsync<IReadOnlyList<ThreadMessage>>(nameof(MessagesHub.MessagesAfter), threadId, afterMessageId);

    /// <summary>Waits until a pushed message matches; fails after <see cref="Patience"/>.</summary>
    public async Task<ThreadMessage> WaitForAsync(Func<ThreadMessage, bool> match)
    {
        using var limit = new CancellationTokenSource(Patience);
        while (true)
        {
            var found = Received.FirstOrDefault(match);
            if (found is not null) return found;
            if (limit.IsCancellationRequested) throw new TimeoutException("The message did not arrive in time.");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> pushed messages match.</summary>
    public async Task<List<ThreadMessage>> WaitForCountAsync(int count, Func<ThreadMessage, bool> match)
    {
        using var limit = new CancellationTokenSource(Patience);
        while (true)
        {
            var found = Received.Where(match).ToList();
            if (found.Count >= count) return found;
            if (limit.IsCancellationRequested) throw new TimeoutException($"{found.Count} of {count} messages arrived in time.");
            await Task.Delay(20);
        }
    }

    public Task DisconnectAsync() => Connection.StopAsync();

    /// <summary>A new connection with the same sign-in (the old one must be stopped).</summary>
    public async Task ReconnectAsync()
    {
        await Connection.DisposeAsync();
        Connection = Build();
        await Connection.StartAsync();
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
