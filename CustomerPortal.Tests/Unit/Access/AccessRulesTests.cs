using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Tests.Unit.Access;

public sealed class AccessRulesTests
{
    private static readonly AccessRules Rules = new();

    private static readonly Actor Admin = Actor.Staff(1, "Ada Admin", StaffRole.Admin);
    private static readonly Actor Staff = Actor.Staff(2, "Sam Staff", StaffRole.Staff);

    private static Actor Customer(int customerId = 10, PortalModules modules = PortalModules.All, bool canPay = true,
        bool canAccept = true, bool canRequest = true, bool locked = false, int? viewingStaff = null) => new()
    {
        Kind = ActorKind.Customer,
        Name = "Pat",
        PortalUserId = 100,
        CustomerId = customerId,
        Modules = modules,
        CanPay = canPay,
        CanAcceptEstimates = canAccept,
        CanSubmitRequests = canRequest,
        IsLocked = locked,
        ViewingStaffUserId = viewingStaff,
    };

    private sealed record Record(int CustomerId, bool IsVisibleToCustomer = true) : ICustomerOwned;

    public static TheoryData<string, Actor, Operation, bool> Table() => new()
    {
        { "admin manages settings", Admin, Operation.ManageSettings, true },
        { "staff cannot manage settings", Staff, Operation.ManageSettings, false },
        { "staff cannot read the audit log", Staff, Operation.ViewAuditLog, false },
        { "staff edits customers", Staff, Operation.EditCustomer, true },
        { "staff views as customer", Staff, Operation.ViewAsCustomer, true },
        { "customer views jobs", Customer(), Operation.ViewJob, true },
        { "customer cannot edit customers", Customer(), Operation.EditCustomer, false },
        { "customer cannot manage estimates", Customer(), Operation.ManageEstimate, false },
        { "customer cannot record payments", Customer(), Operation.RecordPayment, false },
        { "customer cannot manage settings", Customer(), Operation.ManageSettings, false },
        { "customer with jobs hidden", Customer(modules: PortalModules.All & ~PortalModules.Jobs), Operation.ViewJob, false },
        { "customer with invoices hidden cannot pay", Customer(modules: PortalModules.All & ~PortalModules.Invoices), Operation.PayInvoice, false },
        { "customer without pay permission", Customer(canPay: false), Operation.PayInvoice, false },
        { "customer without pay permission cannot add credit", Customer(canPay: false), Operation.AddCredit, false },
        { "customer may accept estimates", Customer(), Operation.AcceptEstimate, true },
        { "customer without accept permission", Customer(canAccept: false), Operation.AcceptEstimate, false },
        { "customer without request permission", Customer(canRequest: false), Operation.SubmitRequest, false },
        { "locked customer cannot submit requests", Customer(locked: true), Operation.SubmitRequest, false },
        { "locked customer cannot send messages", Customer(locked: true), Operation.SendMessage, false },
        { "view-as may read", Customer(viewingStaff: 2), Operation.ViewInvoice, true },
        { "view-as cannot pay", Customer(viewingStaff: 2), Operation.PayInvoice, false },
        { "view-as cannot accept", Customer(viewingStaff: 2), Operation.AcceptEstimate, false },
        { "view-as cannot message", Customer(viewingStaff: 2), Operation.SendMessage, false },
        { "customer without a customer id", Customer() with { CustomerId = null }, Operation.ViewJob, false },
        { "system may do anything", Actor.System, Operation.ManageSettings, true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Can_Operation_MatchesTable(string because, Actor actor, Operation operation, bool expected) =>
        Assert.True(Rules.Can(actor, operation) == expected, because);

    [Theory]
    [InlineData(10, true, true)]
    [InlineData(11, true, false)]
    [InlineData(10, false, false)]
    public void Can_CustomerRecord_OnlyOwnAndVisible(int recordCustomerId, bool visible, bool expected) =>
        Assert.Equal(expected, Rules.Can(Customer(customerId: 10), Operation.ViewInvoice, new Record(recordCustomerId, visible)));

    [Fact]
    public void Can_StaffRecord_SeesOtherCustomersAndDrafts() =>
        Assert.True(Rules.Can(Staff, Operation.ViewInvoice, new Record(99, IsVisibleToCustomer: false)));

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void CanReachCustomer_Customer_OnlyTheirOwn(int customerId, bool expected) =>
        Assert.Equal(expected, Rules.CanReachCustomer(Customer(customerId: 10), Operation.ViewCustomer, customerId));

    [Fact]
    public void ForUser_NarrowsCustomerModulesByUserPermissions()
    {
        var modules = PortalModuleVisibility.ForUser(
            PortalModules.All, PortalModules.Jobs | PortalModules.Invoices | PortalModules.Payments, PortalModules.Invoices | PortalModules.Pictures);
        Assert.Equal(PortalModules.Invoices, modules);
    }

    [Fact]
    public void ForCustomer_WithoutOverride_UsesCompanyDefaults() =>
        Assert.Equal(PortalModules.Jobs, PortalModuleVisibility.ForCustomer(PortalModules.Jobs, null));
}
