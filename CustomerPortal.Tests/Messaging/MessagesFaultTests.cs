using System.Net;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Web.Hubs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace CustomerPortal.Tests.Messaging;

/// <summary>
/// 1,000 messages over 20 hub connections on four job threads while about one send in twenty loses its connection
/// mid-flight and about one in twenty drops somebody else's: each client does what a real one must (send again with
/// the same client id; after a reconnect, join again from the last message id it has). Nothing may be lost, doubled
/// or reordered.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync.")]
public sealed class MessagesFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Threads = 4, PortalUsersPerThread = 4, MessagesInAll = 1000;
    private const double DropChance = 0.05;
    private readonly FastSendingApp _app = new();

    public Task InitializeAsync()
    {
        _ = _app.BaseUrl;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ThousandMessages_WhileConnectionsDropAtRandom_AreAllDeliveredOnceInStoreOrder()
    {
        var participants = new List<Participant>();
        var threadIds = new List<int>();
        var staffActors = new List<Actor>();
        for (var t = 0; t < Threads; t++)
        {
            var customer = await TestAccounts.CreateCustomerAsync(_app, $"Fault{t}");
            var staff = await TestAccounts.CreateStaffAsync(_app);
            int jobId;
            await using (var db = await _app.CreateDbContextAsync()) jobId = (await TestRecords.JobAsync(db, customer.Id)).Id;
            var thread = (await _app.Get<MessagingService>().GetThreadForSubjectAsync(staff.ToActor(), ThreadSubject.Job, jobId, default)).Value!.Summary.Id;
            threadIds.Add(thread);
            staffActors.Add(staff.ToActor());
            participants.Add(await Participant.StartAsync(_app, thread, client => SignIn.StaffAsync(client, staff.Email)));
            for (var u = 0; u < PortalUsersPerThread; u++)
            {
                var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
                participants.Add(await Participant.StartAsync(_app, thread, client => SignIn.PortalAsync(client, user.Email)));
            }
        }

        try
        {
            await SendAndCheckAsync(participants, threadIds, staffActors);
        }
        finally
        {
            foreach (var participant in participants) await participant.DisposeAsync();
        }
    }

    private async Task SendAndCheckAsync(List<Participant> participants, List<int> threadIds, List<Actor> staffActors)
    {
        var random = new Random(20261203);
        var plan = Enumerable.Range(0, MessagesInAll).Select(_ => (Sender: random.Next(participants.Count), DropSelf: random.NextDouble() < DropChance,
            DropOther: random.NextDouble() < DropChance ? random.Next(participants.Count) : -1)).ToList();
        await Task.WhenAll(participants.Select((p, i) => Task.Run(async () =>
        {
            foreach (var step in plan.Where(s => s.Sender == i))
            {
                await p.SendAsync($"Message {Guid.NewGuid():N}", step.DropSelf);
                if (step.DropOther >= 0) await participants[step.DropOther].DropAsync();
            }
        })));

        var messaging = _app.Get<MessagingService>();
        var stored = new Dictionary<int, List<ThreadMessage>>();
        for (var t = 0; t < Threads; t++)
            stored[threadIds[t]] = [.. (await messaging.MessagesAfterAsync(staffActors[t], threadIds[t], 0, default)).Value!];
        await Task.WhenAll(participants.Select(p => p.WaitForAllAsync(stored[p.ThreadId].Select(m => m.Id).ToHashSet())));

        var sent = participants.Sum(p => p.Sent.Count);
        var delivered = participants.Sum(p => p.SeenIds.Count(id => stored[p.ThreadId].Any(m => m.Id == id)));
        var owed = participants.Sum(p => stored[p.ThreadId].Count);
        output.WriteLine($"sent {sent}, stored {stored.Values.Sum(s => s.Count)}, delivered/owed {delivered}/{owed} = {(double)delivered / owed:0.000}, " +
            $"connections dropped {participants.Sum(p => p.Drops)}, sends retried {participants.Sum(p => p.Retries)}, " +
            $"live duplicates {participants.Sum(p => p.LiveDuplicates)}, live out of order {participants.Sum(p => p.LiveOutOfOrder)}");

        Assert.Equal(MessagesInAll, sent);
        Assert.True(participants.Sum(p => p.Drops) >= 50, "The plan should drop about a hundred connections.");
        foreach (var (thread, messages) in stored)
        {
            var sentHere = participants.Where(p => p.ThreadId == thread).SelectMany(p => p.Sent).ToList();
            Assert.Equal(sentHere.Select(s => s.ClientMessageId).Order(), messages.Select(m => m.ClientMessageId).Order());
        }
        Assert.Equal(owed, delivered);
        Assert.All(participants, p => Assert.Equal(stored[p.ThreadId].Select(m => m.Id).Order(), p.SeenIds.Order()));
        Assert.All(participants, p => Assert.Equal(0, p.LiveDuplicates));
        Assert.All(participants, p => Assert.Equal(0, p.LiveOutOfOrder));
        // Each client sends one message at a time, so its own messages must be stored in the order it sent them.
        Assert.All(participants, p => Assert.Equal(p.Sent.Select(s => s.Id).Order(), p.Sent.Select(s => s.Id)));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The test app with the per-person send limit lifted: 20 people send 1,000 messages in seconds.</summary>
    private sealed class FastSendingApp : PortalAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Messaging:SendsPerMinute", "100000");
        }
    }

    /// <summary>One person on one thread with a client that recovers the way the hub asks: resend with the same id, rejoin from the last id.</summary>
    private sealed class Participant : IAsyncDisposable
    {
        private readonly string _hubUrl;
        private readonly CookieContainer _cookies;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Lock _lock = new();
        private readonly Dictionary<long, ThreadMessage> _seen = [];
        private HubConnection _connection = null!;
        private int _lifetime;
        private long _lastLiveId;
        private HashSet<long> _liveIds = [];

        private Participant(string hubUrl, CookieContainer cookies, int threadId)
        {
            _hubUrl = hubUrl;
            _cookies = cookies;
            ThreadId = threadId;
        }

        public int ThreadId { get; }
        public List<ThreadMessage> Sent { get; } = [];
        public int Drops { get; private set; }
        public int Retries { get; private set; }
        public int LiveDuplicates { get; private set; }
        public int LiveOutOfOrder { get; private set; }

        public List<long> SeenIds
        {
            get { lock (_lock) return [.. _seen.Keys]; }
        }

        public static async Task<Participant> StartAsync(PortalAppFactory app, int threadId, Func<HttpClient, Task<HttpResponseMessage>> signIn)
        {
            var cookies = new CookieContainer();
            using (var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies })
            using (var http = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl + "/") })
                Assert.Equal(HttpStatusCode.Redirect, (await signIn(http)).StatusCode);
            var participant = new Participant(app.BaseUrl + MessagesHub.Path, cookies, threadId);
            await participant.ConnectAsync();
            return participant;
        }

        public async Task SendAsync(string body, bool dropMidFlight)
        {
            var clientId = Guid.NewGuid();
            await _gate.WaitAsync();
            try
            {
                for (var attempt = 0; ; attempt++)
                {
                    var send = _connection.InvokeAsync<ThreadMessage>(nameof(MessagesHub.Send), new SendMessageRequest(ThreadId, clientId, body));
                    if (dropMidFlight && attempt == 0) await ReconnectAsync();
                    try
                    {
                        Sent.Add(await send.WaitAsync(ThreadHubClient.Patience));
                        return;
                    }
                    catch (Exception) when (attempt < 5)
                    {
                        // Sent or not, the hub answers the same client id with the one stored message.
                        Retries++;
                        if (_connection.State != HubConnectionState.Connected) await ReconnectAsync();
                    }
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task DropAsync()
        {
            await _gate.WaitAsync();
            try
            {
                await ReconnectAsync();
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task WaitForAllAsync(HashSet<long> ids)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (!ids.IsSubsetOf(SeenIds) && !limit.IsCancellationRequested) await Task.Delay(50);
        }

        private async Task ReconnectAsync()
        {
            Drops++;
            await _connection.DisposeAsync();
            await ConnectAsync();
        }

        private async Task ConnectAsync()
        {
            int lifetime;
            lock (_lock)
            {
                lifetime = ++_lifetime;
                _lastLiveId = 0;
                _liveIds = [];
            }
            _connection = new HubConnectionBuilder().WithUrl(_hubUrl, o => o.Cookies = _cookies).Build();
            _connection.On<ThreadMessage>(nameof(IMessagesClient.MessageReceived), m => Pushed(m, lifetime));
            await _connection.StartAsync();
            long after;
            lock (_lock) after = _seen.Count == 0 ? 0 : _seen.Keys.Max();
            var snapshot = await _connection.InvokeAsync<ThreadSnapshot>(nameof(MessagesHub.JoinThread), ThreadId, after);
            lock (_lock)
                foreach (var message in snapshot.Messages) _seen[message.Id] = message;
        }

        private void Pushed(ThreadMessage message, int lifetime)
        {
            lock (_lock)
            {
                if (lifetime != _lifetime) return;
                if (!_liveIds.Add(message.Id)) LiveDuplicates++;
                else if (message.Id < _lastLiveId) LiveOutOfOrder++;
                _lastLiveId = Math.Max(_lastLiveId, message.Id);
                _seen[message.Id] = message;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _connection.DisposeAsync();
            _gate.Dispose();
        }
    }
}
