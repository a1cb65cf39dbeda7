using System.Collections.Concurrent;
using System.Security.Claims;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.SignalR;

namespace CustomerPortal.Web.Hubs;

/// <summary>
/// Each messages-hub connection's actor and the threads it follows. The actor is resolved once per connection and again
/// whenever an event could change its rights (the bus's access watch: the person's portal user, customer, sign-in or
/// staff record, the company settings), so hub calls and deliveries cost no sign-in lookup and a lock, a lost permission
/// or ended sessions still take effect on the next call and stop delivery at once. A connection subscribes to the bus
/// once per customer whose threads it joined and gets the events of the threads it joined. A joined thread also counts
/// as "looking at it" for e-mail notifications.
/// </summary>
public sealed class MessagesHubConnections(LiveEventBus bus, IHubContext<MessagesHub, IMessagesClient> hub, IServiceScopeFactory scopes,
    ThreadPresence presence)
{
    private readonly LiveEventBus _bus = bus;
    private readonly IHubContext<MessagesHub, IMessagesClient> _hub = hub;
    private readonly ThreadPresence _presence = presence;
    private readonly ConcurrentDictionary<string, Connection> _connections = new();

    /// <summary>The caller's current actor (null: signed out, or no longer allowed in), resolved on the connection's first call.</summary>
    public async Task<Actor?> ActorAsync(HubCallerContext context)
    {
        if (_connections.TryGetValue(context.ConnectionId, out var known)) return await known.ActorAsync();
        var user = context.User ?? new ClaimsPrincipal();
        var actor = await ResolveAsync(user);
        if (actor is null) return null;
        var connection = new Connection(this, context.ConnectionId, user, actor);
        if (!_connections.TryAdd(context.ConnectionId, connection))
        {
            connection.Dispose();
            return _connections.TryGetValue(context.ConnectionId, out var other) ? await other.ActorAsync() : null;
        }
        // A connection that ended while its actor was resolved has had its disconnect handled already.
        if (context.ConnectionAborted.IsCancellationRequested) Disconnected(context.ConnectionId);
        return actor;
    }

    public async Task JoinAsync(HubCallerContext context, int customerId, int threadId)
    {
        if (!_connections.TryGetValue(context.ConnectionId, out var connection)) return;
        await connection.JoinAsync(customerId, threadId);
        if (context.ConnectionAborted.IsCancellationRequested) Disconnected(context.ConnectionId);
    }

    public void Leave(string connectionId, int threadId)
    {
        if (_connections.TryGetValue(connectionId, out var connection)) connection.Leave(threadId);
    }

    public void Disconnected(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var connection)) connection.Dispose();
    }

    private async Task<Actor?> ResolveAsync(ClaimsPrincipal user)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ActorResolver>().ResolveAsync(user, CancellationToken.None);
    }

    private sealed class Connection : IDisposable
    {
        private readonly MessagesHubConnections _owner;
        private readonly string _id;
        private readonly ClaimsPrincipal _user;
        private readonly string? _participantKey;
        private readonly Lock _gate = new();
        private readonly Dictionary<int, IDisposable> _threads = [];
        private readonly Dictionary<int, LiveSubscription> _customers = [];
        private readonly IDisposable _accessWatch;
        private Task<Actor?> _actor;
        private bool _disposed;

        public Connection(MessagesHubConnections owner, string id, ClaimsPrincipal user, Actor actor)
        {
            _owner = owner;
            _id = id;
            _user = user;
            _actor = Task.FromResult<Actor?>(actor);
            _participantKey = ParticipantRef.Of(actor)?.Key;
            _accessWatch = owner._bus.WatchAccess(actor, () =>
            {
                lock (_gate) _actor = owner.ResolveAsync(user);
                return Task.CompletedTask;
            });
        }

        public Task<Actor?> ActorAsync(CancellationToken _ = default)
        {
            lock (_gate) return _actor;
        }

        public async Task JoinAsync(int customerId, int threadId)
        {
            bool needsSubscription;
            lock (_gate)
            {
                if (_disposed) return;
                if (!_threads.ContainsKey(threadId))
                    _threads[threadId] = _participantKey is null ? new Nothing() : _owner._presence.Enter(threadId, _participantKey);
                needsSubscription = !_customers.ContainsKey(customerId);
            }
            if (!needsSubscription) return;
            var subscription = await _owner._bus.SubscribeAsync(new LiveSubscriber(ActorAsync, DeliverAsync, customerId));
            if (!subscription.IsActive) throw new HubException(LiveHub.Refused);
            lock (_gate)
            {
                if (_disposed || !_customers.TryAdd(customerId, subscription)) subscription.Dispose();
            }
        }

        public void Leave(int threadId)
        {
            lock (_gate)
            {
                if (_threads.Remove(threadId, out var visit)) visit.Dispose();
            }
        }

        private Task DeliverAsync(LiveEvent liveEvent)
        {
            var client = _owner._hub.Clients.Client(_id);
            return liveEvent switch
            {
                MessagePosted posted when Follows(posted.ThreadId) => client.MessageReceived(posted.Message),
                ThreadTyping typing when Follows(typing.ThreadId) && typing.Who.Key != _participantKey => client.Typing(typing),
                ThreadRead read when Follows(read.ThreadId) => client.Read(read),
                _ => Task.CompletedTask,
            };
        }

        private bool Follows(int threadId)
        {
            lock (_gate) return _threads.ContainsKey(threadId);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                foreach (var visit in _threads.Values) visit.Dispose();
                foreach (var subscription in _customers.Values) subscription.Dispose();
                _threads.Clear();
                _customers.Clear();
            }
            _accessWatch.Dispose();
        }
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose() { }
    }
}
