using CustomerPortal.Core.Payments;

namespace CustomerPortal.Tests.Payments;

/// <summary>Random payments, allocations and refunds on the entity: the money rules hold after every step.</summary>
public sealed class PaymentPropertyTests
{
    [Fact]
    public void AllocateAndRefund_RandomSequences_NeverAllocateOrRefundMoreThanThePayment()
    {
        var random = new Random(1203);
        for (var iteration = 0; iteration < 2_000; iteration++)
        {
            var amount = random.Next(1, 100_000) / 100m;
            var payment = new Payment("PAY-1", 1, DateTime.UtcNow, PaymentMethod.Check, amount, "", PaymentStatus.Succeeded, 1, null);
            var credit = 0m;
            for (var step = 0; step < 12; step++)
            {
                var part = random.Next(1, 60_000) / 100m;
                if (random.Next(3) > 0)
                {
                    var fits = part <= payment.UnallocatedAmount;
                    Assert.Equal(fits, payment.AllocateToInvoice(random.Next(1, 5), part).Succeeded);
                }
                else
                {
                    // The customer may have spent some of the credit; what they hold is all that can be taken back.
                    credit = random.Next(0, (int)(payment.UnallocatedAmount * 100) + 1) / 100m;
                    var before = (payment.AllocatedAmount, payment.RefundedAmount);
                    var refund = payment.Refund(part, credit, "", DateTime.UtcNow, 1, null);
                    if (refund.Succeeded)
                    {
                        Assert.Equal(part, refund.Value!.Lines.Sum(l => l.Amount));
                        Assert.Equal(before.AllocatedAmount - refund.Value.Lines.Where(l => !l.IsCredit).Sum(l => l.Amount), payment.AllocatedAmount);
                        Assert.True(refund.Value.Lines.Where(l => l.IsCredit).Sum(l => l.Amount) <= credit);
                    }
                    else
                    {
                        Assert.Equal(before, (payment.AllocatedAmount, payment.RefundedAmount));
                    }
                }
                var context = $"iteration {iteration}, step {step}";
                Assert.True(payment.AllocatedAmount <= payment.NetAmount, context);
                Assert.True(payment.RefundedAmount <= payment.Amount, context);
                Assert.True(payment.Allocations.All(a => a.Amount > 0), context);
                Assert.Equal(payment.NetAmount == 0, payment.Status == PaymentStatus.Refunded);
            }
        }
    }
}
