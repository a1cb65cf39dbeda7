using CustomerPortal.Core.Common;
using CustomerPortal.Core.Payments;

namespace CustomerPortal.Tests.Payments;

public sealed class SimulatedPaymentProcessorTests
{
    private readonly SimulatedPaymentProcessor _processor = new(new TestClock(CoreServices.StartTime));
    private static readonly Dictionary<string, string> NoMetadata = [];

    [Theory]
    [InlineData("4111 1111 1111 1111", 12, 2030, "CardNumber")]
    [InlineData("not a card", 12, 2030, "CardNumber")]
    [InlineData(SimulatedPaymentProcessor.SuccessCard, 2, 2026, "Expiry")]
    [InlineData(SimulatedPaymentProcessor.SuccessCard, 13, 2030, "Expiry")]
    public void CreatePaymentMethod_UnknownOrExpiredCard_IsRefused(string number, int month, int year, string field)
    {
        var result = _processor.CreatePaymentMethod(number, month, year);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.True(result.Errors.ContainsKey(field));
    }

    [Fact]
    public async Task ConfirmIntent_KeepsOnlyBrandLastFourAndExpiry()
    {
        var intent = (await _processor.CreateIntentAsync(new CreateIntentRequest(1000, "usd", null, NoMetadata, "k1"), default)).Value!;
        var card = _processor.CreatePaymentMethod("4242 4242 4242 4242", 3, 2026).Value!;

        var confirmed = (await _processor.ConfirmIntentAsync(intent.Id, card, default)).Value!;

        Assert.Equal(ProcessorIntentStatus.Succeeded, confirmed.Status);
        Assert.Equal(new CardDetails("Visa", "4242", 3, 2026), confirmed.Card);
        Assert.DoesNotContain("424242", card);
        Assert.DoesNotContain("424242", confirmed.ToString());
    }

    [Fact]
    public async Task CreateIntent_SameKey_SameIntent_OtherParametersRefused()
    {
        var first = await _processor.CreateIntentAsync(new CreateIntentRequest(1000, "usd", null, NoMetadata, "k1"), default);
        var again = await _processor.CreateIntentAsync(new CreateIntentRequest(1000, "usd", null, NoMetadata, "k1"), default);
        var changed = await _processor.CreateIntentAsync(new CreateIntentRequest(2000, "usd", null, NoMetadata, "k1"), default);

        Assert.Equal(first.Value!.Id, again.Value!.Id);
        Assert.Equal(ResultKind.Conflict, changed.Kind);
        Assert.Equal(1, _processor.IntentCount);
        await Assert.ThrowsAsync<ArgumentException>(() => _processor.CreateIntentAsync(new CreateIntentRequest(1000, "usd", null, NoMetadata, " "), default));
    }

    [Fact]
    public async Task Refund_NeverMoreThanWasPaid_AndOncePerKey()
    {
        var intent = (await _processor.CreateIntentAsync(new CreateIntentRequest(1000, "usd", null, NoMetadata, "k1"), default)).Value!;
        var before = await _processor.RefundAsync(intent.Id, 100, "r0", default);
        await _processor.ConfirmIntentAsync(intent.Id, _processor.CreatePaymentMethod(SimulatedPaymentProcessor.SuccessCard, 1, 2030).Value!, default);

        var first = await _processor.RefundAsync(intent.Id, 600, "r1", default);
        var repeated = await _processor.RefundAsync(intent.Id, 600, "r1", default);
        var tooMuch = await _processor.RefundAsync(intent.Id, 401, "r2", default);
        var rest = await _processor.RefundAsync(intent.Id, 400, "r3", default);

        Assert.Equal(ResultKind.Conflict, before.Kind);
        Assert.Equal(first.Value!.Id, repeated.Value!.Id);
        Assert.Equal(ResultKind.Invalid, tooMuch.Kind);
        Assert.True(rest.Succeeded);
    }

    [Fact]
    public async Task Confirm_DeclinedCard_CanBeRetriedWithAnotherCardOnTheSameIntent()
    {
        var intent = (await _processor.CreateIntentAsync(new CreateIntentRequest(1000, "usd", null, NoMetadata, "k1"), default)).Value!;

        var declined = (await _processor.ConfirmIntentAsync(intent.Id, _processor.CreatePaymentMethod(SimulatedPaymentProcessor.DeclinedCard, 1, 2030).Value!, default)).Value!;
        var succeeded = (await _processor.ConfirmIntentAsync(intent.Id, _processor.CreatePaymentMethod(SimulatedPaymentProcessor.SuccessCard, 1, 2030).Value!, default)).Value!;
        var twice = await _processor.ConfirmIntentAsync(intent.Id, _processor.CreatePaymentMethod(SimulatedPaymentProcessor.SuccessCard, 1, 2030).Value!, default);

        Assert.Equal((ProcessorIntentStatus.RequiresPaymentMethod, SimulatedPaymentProcessor.DeclineMessage), (declined.Status, declined.FailureMessage));
        Assert.Equal(ProcessorIntentStatus.Succeeded, succeeded.Status);
        Assert.Equal(ResultKind.Conflict, twice.Kind);
    }
}
