using CustomerPortal.Core.Access;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;

namespace CustomerPortal.Tests.Documents;

/// <summary>What each kind of actor may do to an estimate or invoice in each state: the table pages rely on.</summary>
public sealed class DocumentActionsTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly AccessRules Access = new();

    [Theory]
    [InlineData("staff", "draft", "edit,send")]
    [InlineData("staff", "sent", "send")]
    [InlineData("staff", "viewed", "send")]
    [InlineData("staff", "expired", "")]
    [InlineData("staff", "accepted", "convert,invoice")]
    [InlineData("staff", "converted", "invoice")]
    [InlineData("staff", "declined", "")]
    [InlineData("customer", "sent", "accept,decline")]
    [InlineData("customer", "viewed", "accept,decline")]
    [InlineData("customer", "expired", "")]
    [InlineData("customer", "accepted", "")]
    [InlineData("customer", "declined", "")]
    [InlineData("view-as", "sent", "not-allowed")]
    [InlineData("no-permission", "sent", "not-allowed")]
    [InlineData("no-permission", "accepted", "")]
    public void EstimateActions_ForActorAndState_AreTheTable(string actorKind, string state, string expected)
    {
        var estimate = EstimateIn(state);

        var can = EstimateActions.For(Access, ActorOf(actorKind), estimate, Today);

        var flags = new List<string>();
        if (can.MayEdit) flags.Add("edit");
        if (can.MaySend) flags.Add("send");
        if (can.MayConvert) flags.Add("convert");
        if (can.MayInvoice) flags.Add("invoice");
        if (can.MayAccept) flags.Add("accept");
        if (can.MayDecline) flags.Add("decline");
        if (can.AnswerNotAllowed) flags.Add("not-allowed");
        Assert.Equal(expected, string.Join(",", flags));
    }

    [Theory]
    [InlineData("staff", "draft", "edit,send,void")]
    [InlineData("staff", "sent", "send,void,record")]
    [InlineData("staff", "overdue", "send,void,record")]
    [InlineData("staff", "part-paid", "send,record")]
    [InlineData("staff", "paid", "send")]
    [InlineData("staff", "void", "")]
    [InlineData("customer", "sent", "pay")]
    [InlineData("customer", "overdue", "pay")]
    [InlineData("customer", "part-paid", "pay")]
    [InlineData("customer", "paid", "")]
    [InlineData("customer", "void", "")]
    [InlineData("view-as", "sent", "")]
    [InlineData("no-permission", "sent", "")]
    public void InvoiceActions_ForActorAndState_AreTheTable(string actorKind, string state, string expected)
    {
        var invoice = InvoiceIn(state);

        var can = InvoiceActions.For(Access, ActorOf(actorKind), invoice);

        var flags = new List<string>();
        if (can.MayEdit) flags.Add("edit");
        if (can.MaySend) flags.Add("send");
        if (can.MayVoid) flags.Add("void");
        if (can.MayRecordPayment) flags.Add("record");
        if (can.MayPay) flags.Add("pay");
        Assert.Equal(expected, string.Join(",", flags));
    }

    private static Actor ActorOf(string kind) => kind switch
    {
        "staff" => Actor.Staff(1, "Sam Staff", StaffRole.Staff),
        "customer" => TestActors.Customer(1),
        "view-as" => TestActors.Customer(1) with { ViewingStaffUserId = 1, PortalUserId = null },
        "no-permission" => TestActors.Customer(1) with { CanAcceptEstimates = false, CanPay = false },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Estimate EstimateIn(string state)
    {
        var estimate = TestDocuments.Estimate("EST-1", 1, "Boiler", Now.AddDays(-10), state == "expired" ? Today.AddDays(-1) : Today.AddDays(30),
            TestDocuments.Line("Boiler", 1, 2400m));
        if (state == "draft") return estimate;
        Assert.True(estimate.MarkSent(Now.AddDays(-10), Today.AddDays(-10)).Succeeded);
        if (state == "viewed") estimate.MarkViewed(Now);
        if (state is "accepted" or "converted") Assert.True(estimate.Accept(new EstimateAcceptance("Pat", Now, "::1", "UA", 1), Today).Succeeded);
        if (state == "converted") Assert.True(estimate.ConvertToJob(7).Succeeded);
        if (state == "declined") Assert.True(estimate.Decline("", Now, Today).Succeeded);
        return estimate;
    }

    private static Invoice InvoiceIn(string state)
    {
        var invoice = TestDocuments.Invoice("INV-1", 1, "Boiler", Today.AddDays(-30), state == "overdue" ? Today.AddDays(-1) : Today.AddDays(30),
            Now.AddDays(-30), TestDocuments.Line("Boiler", 1, 100m));
        if (state == "draft") return invoice;
        Assert.True(invoice.MarkSent(Now, Today).Succeeded);
        if (state == "part-paid") invoice.ApplyPayments(new InvoicePayments(40m, Now, false), Today);
        if (state == "paid") invoice.ApplyPayments(new InvoicePayments(100m, Now, false), Today);
        if (state == "void") Assert.True(invoice.Void("Billed twice", Now).Succeeded);
        return invoice;
    }
}
