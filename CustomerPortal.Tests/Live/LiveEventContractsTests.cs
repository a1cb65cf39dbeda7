using CustomerPortal.Core.Live;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Web.Hubs;

namespace CustomerPortal.Tests.Live;

public sealed class LiveEventContractsTests
{
    [Fact]
    public void EveryLiveEventRecord_HasAClientMethodOfTheSameName()
    {
        var eventTypes = typeof(LiveEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(LiveEvent)) && !t.IsAbstract).ToList();
        var clientMethods = typeof(ILiveClient).GetMethods().Select(m => (m.Name, Parameter: m.GetParameters().Single().ParameterType)).ToList();

        Assert.Equal(eventTypes.OrderBy(t => t.Name), LiveEventContracts.Routes.Select(r => r.EventType).OrderBy(t => t.Name));
        Assert.All(LiveEventContracts.Routes, route =>
        {
            Assert.Equal(route.EventType.Name, route.Method);
            Assert.Contains((route.Method, route.EventType), clientMethods);
        });
    }

    [Fact]
    public async Task SendAsync_CallsTheMethodOfTheEventsType()
    {
        var client = new RecordingClient();

        var sent = await LiveEventContracts.TrySendAsync(client, new InvoiceChanged(4, 17));

        Assert.True(sent);
        Assert.Equal(new InvoiceChanged(4, 17), Assert.Single(client.Received));
    }

    private sealed class RecordingClient : ILiveClient
    {
        public List<LiveEvent> Received { get; } = [];

        private Task Record(LiveEvent e)
        {
            Received.Add(e);
            return Task.CompletedTask;
        }

        public Task CustomerChanged(CustomerChanged liveEvent) => Record(liveEvent);
        public Task PortalUsersChanged(PortalUsersChanged liveEvent) => Record(liveEvent);
        public Task CompanySettingsChanged(CompanySettingsChanged liveEvent) => Record(liveEvent);
        public Task SignInChanged(SignInChanged liveEvent) => Record(liveEvent);
        public Task MessagePosted(MessagePosted liveEvent) => Record(liveEvent);
        public Task ThreadTyping(ThreadTyping liveEvent) => Record(liveEvent);
        public Task ThreadRead(ThreadRead liveEvent) => Record(liveEvent);
        public Task ThreadChanged(ThreadChanged liveEvent) => Record(liveEvent);
        public Task JobChanged(Core.Jobs.JobChanged liveEvent) => Record(liveEvent);
        public Task ProjectChanged(Core.Projects.ProjectChanged liveEvent) => Record(liveEvent);
        public Task EstimateChanged(EstimateChanged liveEvent) => Record(liveEvent);
        public Task InvoiceChanged(InvoiceChanged liveEvent) => Record(liveEvent);
        public Task PaymentRecorded(PaymentRecorded liveEvent) => Record(liveEvent);
        public Task OutboxMessageChanged(Core.Outbox.OutboxMessageChanged liveEvent) => Record(liveEvent);
        public Task ServiceRequestChanged(Core.Requests.ServiceRequestChanged liveEvent) => Record(liveEvent);
        public Task ReviewChanged(Core.Reviews.ReviewChanged liveEvent) => Record(liveEvent);
    }
}
