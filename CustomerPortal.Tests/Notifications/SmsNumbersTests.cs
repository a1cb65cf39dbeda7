using CustomerPortal.Core.Notifications;

namespace CustomerPortal.Tests.Notifications;

public sealed class SmsNumbersTests
{
    [Theory]
    [InlineData("(212) 555-0187", "US", "+12125550187")]
    [InlineData("212.555.0187", "US", "+12125550187")]
    [InlineData("+44 7400 123456", "US", "+447400123456")]
    [InlineData("07400 123456", "GB", "+447400123456")]
    public void ANumberTypedAnyWay_BecomesE164(string typed, string region, string expected) =>
        Assert.Equal(expected, SmsNumbers.ToE164(typed, region));

    [Theory]
    [InlineData("")]
    [InlineData("555-0100")]
    [InlineData("call me")]
    [InlineData("020 7946 0018")] // a London landline: no texts
    public void ANumberATextCannotReach_IsNone(string typed) =>
        Assert.Null(SmsNumbers.ToE164(typed, typed.StartsWith("020") ? "GB" : "US"));
}
