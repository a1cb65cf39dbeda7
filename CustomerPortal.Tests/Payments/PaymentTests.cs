using CustomerPortal.Core.Common;
using CustomerPortal.Core.Payments;

namespace CustomerPortal.Tests.Payments;

public sealed class PaymentTests
{
    private static Payment NewPayment(PaymentStatus status = PaymentStatus.Succeeded) =>
        new("PAY-1", 1, DateTime.UtcNow, PaymentMethod.Check, 100m, "Check 1", status, 1, null);

    [Theory]
    [InlineData(0, ResultKind.Invalid)]
    [InlineData(-5, ResultKind.Invalid)]
    [InlineData(100.01, ResultKind.Invalid)]
    [InlineData(100, ResultKind.Success)]
    [InlineData(40, ResultKind.Success)]
    public void AllocateToInvoice_MustFitWhatIsLeft(decimal amount, ResultKind expected)
    {
        var payment = NewPayment();

        Assert.Equal(expected, payment.AllocateToInvoice(7, amount).Kind);
        Assert.Equal(expected == ResultKind.Success ? 100m - amount : 100m, payment.UnallocatedAmount);
    }

    [Fact]
    public void Allocate_SecondPartBeyondRest_IsRefused()
    {
        var payment = NewPayment();
        payment.AllocateToInvoice(7, 60m);

        Assert.Equal(ResultKind.Invalid, payment.AllocateToDeposit(8, 40.01m).Kind);
        Assert.True(payment.AllocateToDeposit(8, 40m).Succeeded);
        Assert.Equal(0m, payment.UnallocatedAmount);
    }

    [Theory]
    [InlineData(PaymentStatus.Pending, ResultKind.Success)]
    [InlineData(PaymentStatus.Failed, ResultKind.Conflict)]
    [InlineData(PaymentStatus.Refunded, ResultKind.Conflict)]
    public void MarkSucceeded_OnlyFromPending(PaymentStatus from, ResultKind expected)
    {
        var payment = NewPayment(from);

        Assert.Equal(expected, payment.MarkSucceeded().Kind);
    }

    [Fact]
    public void Allocate_FailedPayment_IsRefused()
    {
        var payment = NewPayment(PaymentStatus.Pending);
        payment.MarkFailed();

        Assert.Equal(ResultKind.Conflict, payment.AllocateToInvoice(7, 10m).Kind);
    }

    [Fact]
    public void Record_TrimsAndSucceeds()
    {
        var payment = Payment.Record("PAY-2", 1, DateTime.UtcNow, PaymentMethod.Cash, 20m, " ref ", " left at desk ", 3);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal("ref", payment.Reference);
        Assert.Equal("left at desk", payment.Notes);
    }
}
