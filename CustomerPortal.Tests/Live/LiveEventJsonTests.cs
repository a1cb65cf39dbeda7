using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Projects;

namespace CustomerPortal.Tests.Live;

public sealed class LiveEventJsonTests
{
    public static TheoryData<LiveEvent> Events() =>
    [
        new CustomerChanged(3), new PortalUsersChanged(3, null), new PortalUsersChanged(3, 9), new MessagePosted(3, 4, 5L),
        new EstimateChanged(3, 11), new InvoiceChanged(3, 12), new PaymentRecorded(3, 13), new CompanySettingsChanged(),
        new JobChanged(3, 14), new ProjectChanged(3, 15),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Serialize_ThenDeserialize_GivesTheSameEventAndSource(LiveEvent liveEvent)
    {
        var json = LiveEventJson.Serialize(new RelayedLiveEvent("instance-a", liveEvent));

        Assert.Equal(new RelayedLiveEvent("instance-a", liveEvent), LiveEventJson.Deserialize(json));
    }

    [Fact]
    public void EveryEventType_IsInTheRoundTripTable()
    {
        Assert.Equal(LiveEventJson.EventTypes.Select(t => t.Name), ((IEnumerable<object[]>)Events()).Select(row => row[0].GetType().Name).Distinct().Order());
    }

    [Fact]
    public void Deserialize_OfAnUnknownEventType_IsNull()
    {
        Assert.Null(LiveEventJson.Deserialize("""{"source":"b","event":{"$type":"SomethingNew","id":1}}"""));
    }
}
