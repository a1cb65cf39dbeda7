using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;

namespace CustomerPortal.Tests.Payments;

public sealed class AllocationPlanTests
{
    private static readonly OpenItems Items = new(
        [
            new OpenInvoice(2, "INV-1002", "", new DateOnly(2026, 3, 1), 100m, 100m, InvoiceStatus.Sent, false),
            new OpenInvoice(1, "INV-1001", "", new DateOnly(2026, 2, 1), 80m, 50m, InvoiceStatus.PartiallyPaid, true),
        ],
        [new OpenDeposit(7, "EST-1007", "", 40m, 10m)],
        0m, new DateOnly(2026, 3, 10));

    [Theory]
    [InlineData(30, "1:30")]
    [InlineData(120, "1:50 2:70")]
    [InlineData(160, "1:50 2:100 E7:10")]
    [InlineData(500, "1:50 2:100 E7:30")]
    [InlineData(0, "")]
    public void OldestFirst_FillsOldestDueFirstThenDeposits(decimal amount, string expected)
    {
        var plan = AllocationPlan.OldestFirst(amount, Items);

        var text = string.Join(" ", plan.Select(a => a.InvoiceId is { } id ? $"{id}:{a.Amount:0.##}" : $"E{a.EstimateId}:{a.Amount:0.##}"));
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Unallocated_IsAmountLessAllocations()
    {
        Assert.Equal(20m, AllocationPlan.Unallocated(100m, [AllocationInput.ToInvoice(1, 50m), AllocationInput.ToInvoice(2, 30m)]));
        Assert.Equal(-10m, AllocationPlan.Unallocated(40m, [AllocationInput.ToInvoice(1, 50m)]));
    }
}
