using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Projects;

namespace CustomerPortal.Tests.Live;

public sealed class LiveEventJsonTests
{
    public static TheoryData<LiveEvent> Events() =>
    [
        new CustomerChanged(3), new PortalUsersChanged(3, null), new PortalUsersChanged(3, 9),
        new MessagePosted(3, Message, PortalModules.Messages | PortalModules.Jobs), new MessagePosted(3, Message with { IsInternalNote = true }, null),
        new ThreadTyping(3, 4, new ParticipantRef("p:7", "Olivia", false), PortalModules.Messages),
        new ThreadRead(3, 4, new ReadPosition(new ParticipantRef("s:2", "Dana", true), 5L, new DateTime(2026, 12, 1, 9, 30, 0)), null),
        new ThreadChanged(3, 4),
        new EstimateChanged(3, 11), new InvoiceChanged(3, 12), new PaymentRecorded(3, 13), new CompanySettingsChanged(),
        new SignInChanged("5b0c1d2e-account"),
        new JobChanged(3, 14), new ProjectChanged(3, 15), new Core.Outbox.OutboxMessageChanged(16),
        new Core.Requests.ServiceRequestChanged(3, 17), new Core.Reviews.ReviewChanged(3, 18),
    ];

    private static readonly ThreadMessage Message = new(5L, 4, Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        new DateTime(2026, 12, 1, 14, 30, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 9, 30, 0), MessageAuthorKind.Customer, "Olivia",
        null, 7, "Is 10 am fine?\nThanks", false,
        [new AttachmentView(9, AttachmentKind.Picture, PictureTag.None, true, "leak.jpg", "image/jpeg", 1200, 640, 480, "", new DateTime(2026, 12, 1, 9, 29, 0), "Olivia", AttachmentOwnerKind.Thread, null)]);

    [Theory]
    [MemberData(nameof(Events))]
    public void Serialize_ThenDeserialize_GivesTheSameEventAndSource(LiveEvent liveEvent)
    {
        var json = LiveEventJson.Serialize(new RelayedLiveEvent("instance-a", liveEvent));
        var read = LiveEventJson.Deserialize(json);

        // Compared as JSON again: a message's attachment list is a list, which record equality compares by reference.
        Assert.NotNull(read);
        Assert.Equal("instance-a", read.Source);
        Assert.IsType(liveEvent.GetType(), read.Event);
        Assert.Equal(json, LiveEventJson.Serialize(read));
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
