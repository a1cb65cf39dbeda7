using CustomerPortal.Core.Live;
using CustomerPortal.Web.Hubs;

namespace CustomerPortal.Tests.Unit.Hubs;

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

        var sent = await LiveEventContracts.TrySendAsync(client, new JobStatusChanged(4, 17, Core.Jobs.JobStatus.Completed));

        Assert.True(sent);
        Assert.Equal(new JobStatusChanged(4, 17, Core.Jobs.JobStatus.Completed), Assert.Single(client.Received));
    }

    [Theory]
    [InlineData(7, "customer:7")]
    [InlineData(12345, "customer:12345")]
    public void CustomerGroupName(int customerId, string expected) => Assert.Equal(expected, LiveGroups.Customer(customerId));

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
        public Task MessagePosted(MessagePosted liveEvent) => Record(liveEvent);
        public Task JobStatusChanged(JobStatusChanged liveEvent) => Record(liveEvent);
        public Task ProjectCompletionChanged(ProjectCompletionChanged liveEvent) => Record(liveEvent);
        public Task JobChanged(Core.Jobs.JobChanged liveEvent) => Record(liveEvent);
        public Task ProjectChanged(Core.Projects.ProjectChanged liveEvent) => Record(liveEvent);
    }
}
