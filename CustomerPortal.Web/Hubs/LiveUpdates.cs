using CustomerPortal.Core.Live;
using CustomerPortal.Web.Access;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Web.Hubs;

/// <summary>
/// Live events for the components of one Blazor circuit. Subscribe in OnAfterRenderAsync(firstRender), re-render with
/// InvokeAsync(StateHasChanged) in the handler, and dispose the subscription in DisposeAsync. Handlers run outside the
/// renderer's context and should only reload through services. When the hub cannot be reached the page still works,
/// just without live updates.
/// </summary>
public interface ILiveUpdates
{
    /// <summary>Events about this customer (details, portal users, messages, jobs, projects) and company-wide ones. Staff and that customer's portal users.</summary>
    Task<IAsyncDisposable> SubscribeAsync(int customerId, Func<LiveEvent, Task> handler);

    /// <summary>Every event staff may see, for any customer. Staff only; for anyone else the subscription stays silent.</summary>
    Task<IAsyncDisposable> SubscribeStaffAsync(Func<LiveEvent, Task> handler);

    /// <summary>True while the circuit's hub connection is up, so a screen can show that it updates live.</summary>
    bool IsConnected { get; }
}

/// <summary>
/// The circuit's own connection to <see cref="LiveHub"/>, opened on the first subscription and shared by the circuit's
/// components. It authenticates with a <see cref="LiveTokens"/> token made from the circuit's authentication state,
/// asked afresh on every (re)connect, and joins the groups its subscriptions need (rejoined after a reconnect).
/// </summary>
public sealed class LiveUpdates(
    NavigationManager navigation,
    AuthenticationStateProvider authentication,
    CurrentActor currentActor,
    LiveTokens tokens,
    IOptions<LiveUpdatesOptions> options,
    ILogger<LiveUpdates> logger) : ILiveUpdates, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _subscriptionsLock = new();
    private readonly List<Subscription> _subscriptions = [];
    /// <summary>The groups the subscriptions need (customer id to number of subscriptions), joined on every new connection.</summary>
    private readonly Dictionary<int, int> _customerJoins = [];
    private HubConnection? _connection;
    private bool? _isStaff;
    private bool _wantStaff;
    private bool _disposed;

    public bool IsConnected => _connection?.State == HubConnectionState.Connected;

    public Task<IAsyncDisposable> SubscribeAsync(int customerId, Func<LiveEvent, Task> handler) =>
        AddAsync(new Subscription(this, customerId, handler));

    public Task<IAsyncDisposable> SubscribeStaffAsync(Func<LiveEvent, Task> handler) =>
        AddAsync(new Subscription(this, null, handler));

    private async Task<IAsyncDisposable> AddAsync(Subscription subscription)
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed) return NoSubscription.Instance;
            _isStaff ??= (await currentActor.GetAsync())?.IsStaff == true;
            if (subscription.CustomerId is null && _isStaff != true)
            {
                logger.LogWarning("A live-updates staff subscription was asked for by someone who is not staff; it stays silent.");
                return NoSubscription.Instance;
            }
            var connection = await ConnectAsync();
            if (connection is null) return NoSubscription.Instance;

            // Staff get every customer's events through the staff group, so they never join customer groups.
            if (_isStaff == true)
            {
                if (!_wantStaff && connection.State == HubConnectionState.Connected)
                    await connection.InvokeAsync(nameof(LiveHub.JoinStaff));
                _wantStaff = true;
            }
            else
            {
                var customerId = subscription.CustomerId!.Value;
                var count = _customerJoins.GetValueOrDefault(customerId);
                if (count == 0 && connection.State == HubConnectionState.Connected)
                    await connection.InvokeAsync(nameof(LiveHub.JoinCustomer), customerId);
                _customerJoins[customerId] = count + 1;
            }
            lock (_subscriptionsLock) _subscriptions.Add(subscription);
            return subscription;
        }
        catch (Exception ex) when (ex is HubException or HttpRequestException or InvalidOperationException or IOException)
        {
            logger.LogWarning(ex, "Live updates are not available for this screen.");
            return NoSubscription.Instance;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RemoveAsync(Subscription subscription)
    {
        lock (_subscriptionsLock)
        {
            if (!_subscriptions.Remove(subscription)) return;
        }
        if (_isStaff == true || subscription.CustomerId is not { } customerId) return;
        await _gate.WaitAsync();
        try
        {
            if (_disposed || !_customerJoins.TryGetValue(customerId, out var count)) return;
            if (count > 1)
            {
                _customerJoins[customerId] = count - 1;
                return;
            }
            _customerJoins.Remove(customerId);
            if (_connection?.State == HubConnectionState.Connected)
                await _connection.InvokeAsync(nameof(LiveHub.LeaveCustomer), customerId);
        }
        catch (Exception ex) when (ex is HubException or HttpRequestException or InvalidOperationException or IOException)
        {
            logger.LogDebug(ex, "Leaving a customer's live group failed; the connection ends with the circuit anyway.");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The circuit's connection, started (again) when needed; a new connection joins every group the subscriptions want.</summary>
    private async Task<HubConnection?> ConnectAsync()
    {
        if (_connection is { State: not HubConnectionState.Disconnected }) return _connection;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }

        var baseUrl = string.IsNullOrWhiteSpace(options.Value.HubBaseUrl) ? navigation.BaseUri : options.Value.HubBaseUrl;
        var hubUrl = new Uri(new Uri(baseUrl.TrimEnd('/') + "/"), LiveHub.Path.TrimStart('/'));
        var connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, http => http.AccessTokenProvider = IssueTokenAsync)
            .WithAutomaticReconnect()
            .Build();
        LiveEventContracts.ListenAll(connection, DispatchAsync);
        connection.Reconnected += _ => RejoinAsync();
        try
        {
            await connection.StartAsync();
            await JoinWantedGroupsAsync(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        _connection = connection;
        return connection;
    }

    private async Task<string?> IssueTokenAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return tokens.Issue(state.User);
    }

    private async Task JoinWantedGroupsAsync(HubConnection connection)
    {
        if (_wantStaff) await connection.InvokeAsync(nameof(LiveHub.JoinStaff));
        foreach (var customerId in _customerJoins.Keys.ToList())
            await connection.InvokeAsync(nameof(LiveHub.JoinCustomer), customerId);
    }

    /// <summary>Group membership belongs to a connection id, and a reconnect brings a new one.</summary>
    private async Task RejoinAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_connection is null || _disposed) return;
            await JoinWantedGroupsAsync(_connection);
        }
        catch (Exception ex) when (ex is HubException or HttpRequestException or InvalidOperationException or IOException)
        {
            logger.LogWarning(ex, "Rejoining live groups after a reconnect failed.");
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DispatchAsync(LiveEvent liveEvent)
    {
        Subscription[] subscriptions;
        lock (_subscriptionsLock) subscriptions = [.. _subscriptions];
        foreach (var subscription in subscriptions.Where(s => s.Wants(liveEvent)))
        {
            try
            {
                await subscription.Handler(liveEvent);
            }
            catch (Exception ex)
            {
                // One broken screen must not stop the others of the circuit from updating.
                logger.LogWarning(ex, "A live-updates handler failed for {Event}.", liveEvent);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            lock (_subscriptionsLock) _subscriptions.Clear();
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class Subscription(LiveUpdates owner, int? customerId, Func<LiveEvent, Task> handler) : IAsyncDisposable
    {
        private int _disposed;

        public int? CustomerId => customerId;
        public Func<LiveEvent, Task> Handler => handler;

        public bool Wants(LiveEvent liveEvent) =>
            customerId is null || liveEvent.CustomerId is null || liveEvent.CustomerId == customerId;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) await owner.RemoveAsync(this);
        }
    }

    private sealed class NoSubscription : IAsyncDisposable
    {
        public static readonly NoSubscription Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
