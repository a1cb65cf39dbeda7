using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;

namespace CustomerPortal.Tests.Invoices;

public sealed class InvoiceAmountDueTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Fact]
    public void ApplyPayments_RandomInvoicesAndAllocations_AmountDueIsTotalLessAllocatedAndNeverNegative()
    {
        var random = new Random(4242);
        for (var iteration = 0; iteration < 500; iteration++)
        {
            var invoices = Enumerable.Range(0, random.Next(1, 6)).Select(i => RandomSentInvoice(random, i)).ToList();
            var allocated = invoices.ToDictionary(i => i, _ => 0m);

            for (var p = 0; p < random.Next(0, 8); p++)
            {
                // A payment is shared oldest invoice first, never more than an invoice still owes; any rest is credit.
                var payment = new Payment($"PAY-{p}", 1, Now, PaymentMethod.Check, random.Next(1, 300_000) / 100m, "", PaymentStatus.Succeeded, 1, null);
                foreach (var invoice in invoices)
                {
                    var part = Math.Min(payment.UnallocatedAmount, invoice.AmountDue);
                    if (random.Next(4) == 0) part = Math.Min(part, random.Next(1, 10_000) / 100m);
                    if (part <= 0) continue;
                    Assert.True(payment.AllocateToInvoice(iteration, part).Succeeded);
                    allocated[invoice] += part;
                    invoice.ApplyPayments(new InvoicePayments(allocated[invoice], Now, false), Today);
                }
                Assert.True(payment.UnallocatedAmount >= 0);
            }

            foreach (var invoice in invoices)
            {
                var context = $"iteration {iteration}, {invoice.Number}";
                Assert.True(invoice.AmountDue == invoice.Total - allocated[invoice], context);
                Assert.True(invoice.AmountDue >= 0, context);
                Assert.True(invoice.AmountPaid == allocated[invoice], context);
                Assert.True((invoice.Status == InvoiceStatus.Paid) == (invoice.AmountDue == 0), context);
            }
        }
    }

    [Fact]
    public void ApplyPayments_MoreThanTheTotal_LeavesNothingDueRatherThanANegativeAmount()
    {
        var invoice = SentInvoice(100m, dueDate: Today.AddDays(10));

        invoice.ApplyPayments(new InvoicePayments(120m, Now, false), Today);

        Assert.Equal(0m, invoice.AmountDue);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
    }

    [Theory]
    [InlineData(0, 10, "Sent")]
    [InlineData(40, 10, "PartiallyPaid")]
    [InlineData(40, -1, "Overdue")]
    [InlineData(0, -1, "Overdue")]
    [InlineData(0, 0, "Sent")]
    [InlineData(100, -30, "Paid")]
    public void RefreshStatus_FollowsPaymentsAndDueDate(int paid, int dueInDays, string expected)
    {
        var invoice = SentInvoice(100m, dueDate: Today.AddDays(dueInDays));

        invoice.ApplyPayments(new InvoicePayments(paid, Now, false), Today);

        Assert.Equal(Enum.Parse<InvoiceStatus>(expected), invoice.Status);
    }

    [Fact]
    public void RefreshStatus_InvoiceWithNothingToPay_IsPaidNotOverdue()
    {
        var invoice = NewInvoice(Today.AddDays(-5), "INV-1", TestDocuments.Line("Warranty visit", 1, 0m));

        invoice.MarkSent(Now, Today);

        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
    }

    [Fact]
    public void MarkViewed_ThenTimePasses_ShowsViewedUntilOverdue()
    {
        var invoice = SentInvoice(50m, dueDate: Today);

        invoice.MarkViewed(Now, Today);
        Assert.Equal(InvoiceStatus.Viewed, invoice.Status);

        invoice.RefreshStatus(Today.AddDays(1));
        Assert.Equal(InvoiceStatus.Overdue, invoice.Status);
    }

    [Fact]
    public void Void_KeepsTheInvoiceWithNothingDueAndCannotBeSentAgain()
    {
        var invoice = SentInvoice(80m, dueDate: Today.AddDays(-3));

        var voided = invoice.Void("  Billed twice  ", Now);

        Assert.True(voided.Succeeded);
        Assert.Equal(InvoiceStatus.Void, invoice.Status);
        Assert.Equal("Billed twice", invoice.VoidReason);
        Assert.Equal(0m, invoice.AmountDue);
        invoice.RefreshStatus(Today.AddDays(100));
        Assert.Equal(InvoiceStatus.Void, invoice.Status);
        Assert.Equal(Core.Common.ResultKind.Conflict, invoice.MarkSent(Now, Today).Kind);
        Assert.Equal(Core.Common.ResultKind.Conflict, invoice.Void("again", Now).Kind);
    }

    [Fact]
    public void Void_WithPayments_IsRefused()
    {
        var invoice = SentInvoice(80m, dueDate: Today);
        invoice.ApplyPayments(new InvoicePayments(10m, Now, false), Today);

        Assert.Equal(Core.Common.ResultKind.Conflict, invoice.Void("mistake", Now).Kind);
        Assert.Equal(InvoiceStatus.PartiallyPaid, invoice.Status);
    }

    [Fact]
    public void MarkSent_WithoutLines_IsRefusedAndStaysDraft()
    {
        var invoice = NewInvoice(Today.AddDays(30));

        Assert.Equal(Core.Common.ResultKind.Invalid, invoice.MarkSent(Now, Today).Kind);
        Assert.Equal(InvoiceStatus.Draft, invoice.Status);
        Assert.False(invoice.IsVisibleToCustomer);
    }

    [Fact]
    public void PaidInFull_RecordsWhenTheNewestPaymentWasReceivedAndWhetherThePortalUserMadeIt()
    {
        var invoice = SentInvoice(100m, dueDate: Today.AddDays(10));
        var check = new AllocatedPayment(40m, Now.AddDays(-3), ThroughPortal: false);
        var card = new AllocatedPayment(60m, Now.AddDays(-1), ThroughPortal: true);

        invoice.ApplyPayments(InvoicePayments.Of([check]), Today);
        Assert.Null(invoice.PaidAtUtc);
        Assert.False(invoice.PaidThroughPortal);

        invoice.ApplyPayments(InvoicePayments.Of([card, check]), Today);
        Assert.Equal(Now.AddDays(-1), invoice.PaidAtUtc);
        Assert.True(invoice.PaidThroughPortal);

        // A refund of the card payment leaves money due again: no longer settled.
        invoice.ApplyPayments(InvoicePayments.Of([check]), Today);
        Assert.Null(invoice.PaidAtUtc);
        Assert.False(invoice.PaidThroughPortal);
    }

    [Fact]
    public void SettledByCardAndCreditAtTheSameMoment_CountsAsPaidThroughThePortal()
    {
        var invoice = SentInvoice(100m, dueDate: Today.AddDays(10));

        invoice.ApplyPayments(InvoicePayments.Of([new AllocatedPayment(70m, Now, true), new AllocatedPayment(30m, Now, false)]), Today);

        Assert.Equal(Now, invoice.PaidAtUtc);
        Assert.True(invoice.PaidThroughPortal);
    }

    private static Invoice RandomSentInvoice(Random random, int index)
    {
        var lines = Enumerable.Range(0, random.Next(1, 12))
            .Select(i => TestDocuments.Line($"Line {i}", random.Next(1, 20) / 2m, random.Next(0, 100_000) / 100m, random.Next(0, 3) * 7.5m)).ToArray();
        var discountKind = (DiscountKind)random.Next(3);
        var discountValue = discountKind == DiscountKind.Percent ? random.Next(0, 101) : random.Next(0, 50_000) / 100m;
        var dueDate = Today.AddDays(random.Next(-20, 20));
        var content = TestDocuments.Content("Work", lines) with { DiscountKind = discountKind, DiscountValue = discountValue };
        var invoice = new Invoice($"INV-{index}", 1, Now.AddDays(-30), new InvoiceDraft(content, Today.AddDays(-30), dueDate));
        Assert.True(invoice.MarkSent(Now, Today).Succeeded);
        return invoice;
    }

    private static Invoice SentInvoice(decimal amount, DateOnly dueDate)
    {
        var invoice = NewInvoice(dueDate, "INV-1", TestDocuments.Line("Service", 1, amount));
        Assert.True(invoice.MarkSent(Now, Today).Succeeded);
        return invoice;
    }

    private static Invoice NewInvoice(DateOnly dueDate, string number = "INV-1", params LineItemInput[] lines) =>
        TestDocuments.Invoice(number, 1, "Work", Today.AddDays(-30), dueDate, Now.AddDays(-30), lines);
}
