using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Messaging;

namespace CustomerPortal.Tests.Access;

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
        { "staff record payments", Staff, Operation.RecordPayment, true },
        { "admin (owner, office manager) refunds payments", Admin, Operation.RefundPayment, true },
        { "staff (technicians) cannot refund payments", Staff, Operation.RefundPayment, false },
        { "customer cannot refund payments", Customer(), Operation.RefundPayment, false },
        { "customer cannot manage settings", Customer(), Operation.ManageSettings, false },
        { "admin sees insights", Admin, Operation.ViewInsights, true },
        { "staff cannot see insights", Staff, Operation.ViewInsights, false },
        { "customer cannot see insights", Customer(), Operation.ViewInsights, false },
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
        { "staff open the back office", Staff, Operation.OpenBackOffice, true },
        { "staff have no portal of their own", Staff, Operation.OpenPortal, false },
        { "customer cannot open the back office", Customer(), Operation.OpenBackOffice, false },
        { "customer opens the portal", Customer(), Operation.OpenPortal, true },
        { "locked customer still opens the portal (to be told)", Customer(locked: true), Operation.OpenPortal, true },
        { "customer of a closed portal still opens it (to be told)", Customer(modules: PortalModules.None), Operation.OpenPortal, true },
        { "view-as opens the portal", Customer(viewingStaff: 2), Operation.OpenPortal, true },
        { "view-as cannot open the back office", Customer(viewingStaff: 2), Operation.OpenBackOffice, false },
    };

    private static readonly Record SentDocument = new(10);
    private static readonly Record DraftDocument = new(10, IsVisibleToCustomer: false);

    private static Attachment File(AttachmentOwnerKind on, bool shared = true, bool picture = false, int customerId = 10)
    {
        var owner = on == AttachmentOwnerKind.Visit ? new AttachmentOwner(on, 7, JobId: 3) : new AttachmentOwner(on, 3);
        return new Attachment(customerId, owner, picture ? AttachmentKind.Picture : AttachmentKind.File, "f", "application/pdf", 1, "s", "", null, null,
            TestRecords.Created, "Sam") { VisibleToCustomer = shared };
    }

    private static AttachmentOnParent On(Attachment file, ICustomerOwned? parent, bool picturesOnJobs = true, bool documentsOnJobs = true) =>
        new(file, parent, picturesOnJobs, documentsOnJobs);

    /// <summary>An attachment is visible to a customer only while the record it hangs on is.</summary>
    public static TheoryData<string, Actor, Operation, AttachmentOnParent, bool> AttachmentTable() => new()
    {
        { "shared file on a sent invoice", Customer(), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Invoice), SentDocument), true },
        { "shared file on a draft invoice", Customer(), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Invoice), DraftDocument), false },
        { "shared picture on a draft invoice, even with Pictures", Customer(), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Invoice, picture: true), DraftDocument), false },
        { "shared file on a draft estimate", Customer(), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Estimate), DraftDocument), false },
        { "shared file on a sent estimate", Customer(), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Estimate), SentDocument), true },
        { "staff-only file on a sent invoice", Customer(), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Invoice, shared: false), SentDocument), false },
        { "file whose parent is gone", Customer(), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Invoice), null), false },
        { "file on another customer's record", Customer(), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Invoice, customerId: 11), new Record(11)), false },
        { "file claiming a parent of another customer", Customer(), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Invoice), new Record(11)), false },
        { "file on a job with Jobs hidden", Customer(modules: PortalModules.All & ~PortalModules.Jobs), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Job), SentDocument), false },
        { "picture on a job with Jobs hidden, through Pictures", Customer(modules: PortalModules.All & ~PortalModules.Jobs), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Job, picture: true), SentDocument), true },
        { "picture on a visit with Jobs and Pictures hidden", Customer(modules: PortalModules.All & ~PortalModules.Jobs & ~PortalModules.Pictures), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Visit, picture: true), SentDocument), false },
        { "file on a job when the company hides documents on jobs", Customer(), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Job), SentDocument, documentsOnJobs: false), false },
        { "file on an invoice with Invoices hidden", Customer(modules: PortalModules.All & ~PortalModules.Invoices), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Invoice), SentDocument), false },
        { "picture on a project is not reached through Pictures", Customer(modules: PortalModules.All & ~PortalModules.Projects), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Project, picture: true), SentDocument), false },
        { "view-as sees the customer's view: draft", Customer(viewingStaff: 2), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Invoice), DraftDocument), false },
        { "view-as sees the customer's view: sent", Customer(viewingStaff: 2), Operation.ViewAttachment, On(File(AttachmentOwnerKind.Invoice), SentDocument), true },
        { "staff see a staff-only file on a draft", Staff, Operation.ViewAttachment, On(File(AttachmentOwnerKind.Invoice, shared: false), DraftDocument), true },
        { "customer cannot manage a file", Customer(), Operation.ManageAttachment, On(File(AttachmentOwnerKind.Invoice), SentDocument), false },
    };

    [Theory]
    [MemberData(nameof(AttachmentTable))]
    public void Can_AttachmentOnParent_MatchesTable(string because, Actor actor, Operation operation, AttachmentOnParent resource, bool expected) =>
        Assert.True(Rules.Can(actor, operation, resource) == expected, because);

    private static MessageThread Thread(ThreadSubject about, int customerId = 10) => new(customerId, about, 3, TestRecords.Created);

    /// <summary>A message thread is visible to a customer only while what it is about is.</summary>
    public static TheoryData<string, Actor, Operation, ThreadOnSubject, bool> ThreadTable() => new()
    {
        { "thread on a sent invoice", Customer(), Operation.ViewMessages, new(Thread(ThreadSubject.Invoice), SentDocument), true },
        { "thread on a draft invoice", Customer(), Operation.ViewMessages, new(Thread(ThreadSubject.Invoice), DraftDocument), false },
        { "reply on a draft invoice", Customer(), Operation.SendMessage, new(Thread(ThreadSubject.Invoice), DraftDocument), false },
        { "thread on a draft estimate", Customer(), Operation.ViewMessages, new(Thread(ThreadSubject.Estimate), DraftDocument), false },
        { "thread on a job", Customer(), Operation.ViewMessages, new(Thread(ThreadSubject.Job), SentDocument), true },
        { "reply on a job", Customer(), Operation.SendMessage, new(Thread(ThreadSubject.Job), SentDocument), true },
        { "thread on a job with Jobs hidden", Customer(modules: PortalModules.All & ~PortalModules.Jobs), Operation.ViewMessages, new(Thread(ThreadSubject.Job), SentDocument), false },
        { "thread with Messages hidden", Customer(modules: PortalModules.All & ~PortalModules.Messages), Operation.ViewMessages, new(Thread(ThreadSubject.Job), SentDocument), false },
        { "thread whose subject is gone", Customer(), Operation.ViewMessages, new(Thread(ThreadSubject.Invoice), null), false },
        { "another customer's thread", Customer(), Operation.ViewMessages, new(Thread(ThreadSubject.Job, customerId: 11), new Record(11)), false },
        { "view-as reads a thread on a sent invoice", Customer(viewingStaff: 2), Operation.ViewMessages, new(Thread(ThreadSubject.Invoice), SentDocument), true },
        { "view-as cannot reply", Customer(viewingStaff: 2), Operation.SendMessage, new(Thread(ThreadSubject.Job), SentDocument), false },
        { "locked customer cannot reply", Customer(locked: true), Operation.SendMessage, new(Thread(ThreadSubject.Job), SentDocument), false },
        { "staff read a thread on a draft invoice", Staff, Operation.ViewMessages, new(Thread(ThreadSubject.Invoice, customerId: 99), DraftDocument), true },
        { "a thread is not for other operations", Staff, Operation.ManageInvoice, new(Thread(ThreadSubject.Invoice), SentDocument), false },
        { "their own general conversation", Customer(), Operation.SendMessage, new(General(), null), true },
        { "another customer's general conversation", Customer(), Operation.ViewMessages, new(General(customerId: 11), null), false },
        { "a general conversation with Messages hidden", Customer(modules: PortalModules.All & ~PortalModules.Messages), Operation.ViewMessages, new(General(), null), false },
    };

    private static MessageThread General(int customerId = 10) => new(customerId, ThreadSubject.General, null, TestRecords.Created, "Thermostats");

    [Fact]
    public void InternalNotes_AreReadAndWrittenByStaffOnly()
    {
        Assert.True(Rules.MaySeeMessage(Staff, isInternalNote: true));
        Assert.False(Rules.MaySeeMessage(Customer(), isInternalNote: true));
        Assert.False(Rules.MaySeeMessage(Customer(viewingStaff: 2), isInternalNote: true));
        Assert.True(Rules.MaySeeMessage(Customer(), isInternalNote: false));
        Assert.True(Rules.MayWriteInternalNote(Staff));
        Assert.False(Rules.MayWriteInternalNote(Customer()));
        Assert.False(Rules.MayWriteInternalNote(Customer(viewingStaff: 2)));
    }

    [Fact]
    public void TheInbox_IsForStaffOnly()
    {
        Assert.True(Rules.Can(Staff, Operation.ManageMessages));
        Assert.False(Rules.Can(Customer(), Operation.ManageMessages));
    }

    [Fact]
    public void MayReceive_AThreadEvent_OnlyWhenTheCustomersModulesCoverItsAudience()
    {
        ThreadTyping Typing(PortalModules? audience) => new(10, 4, new ParticipantRef("s:2", "Sam", true), audience);

        Assert.False(Rules.MayReceive(Customer(), Typing(null)));
        Assert.True(Rules.MayReceive(Staff, Typing(null)));
        Assert.True(Rules.MayReceive(Customer(), Typing(PortalModules.Messages | PortalModules.Jobs)));
        Assert.False(Rules.MayReceive(Customer(modules: PortalModules.All & ~PortalModules.Jobs), Typing(PortalModules.Messages | PortalModules.Jobs)));
        Assert.False(Rules.MayReceive(Customer(customerId: 11), Typing(PortalModules.Messages)));
        Assert.False(Rules.MayReceive(Customer(), new ThreadChanged(10, 4)));
    }

    [Fact]
    public void Can_AFileSentInAThread_FollowsTheThread()
    {
        var onJob = new ThreadOnSubject(Thread(ThreadSubject.Job), SentDocument);
        var onDraft = new ThreadOnSubject(Thread(ThreadSubject.Invoice), DraftDocument);
        Attachment Picture(bool shared) => File(AttachmentOwnerKind.Thread, shared, picture: true);

        Assert.True(Rules.Can(Customer(), Operation.ViewAttachment, On(Picture(shared: true), onJob)));
        Assert.False(Rules.Can(Customer(), Operation.ViewAttachment, On(Picture(shared: false), onJob)));
        Assert.False(Rules.Can(Customer(), Operation.ViewAttachment, On(Picture(shared: true), onDraft)));
        Assert.False(Rules.Can(Customer(modules: PortalModules.All & ~PortalModules.Messages), Operation.ViewAttachment, On(Picture(shared: true), onJob)));
        Assert.True(Rules.Can(Staff, Operation.ViewAttachment, On(Picture(shared: false), onDraft)));
    }

    [Theory]
    [MemberData(nameof(ThreadTable))]
    public void Can_ThreadOnSubject_MatchesTable(string because, Actor actor, Operation operation, ThreadOnSubject resource, bool expected) =>
        Assert.True(Rules.Can(actor, operation, resource) == expected, because);

    [Fact]
    public void Can_AttachmentOrThreadWithoutItsParent_IsRefusedToCustomers()
    {
        Assert.False(Rules.Can(Customer(), Operation.ViewAttachment, File(AttachmentOwnerKind.Invoice)));
        Assert.False(Rules.Can(Customer(), Operation.ViewMessages, Thread(ThreadSubject.Job)));
        Assert.True(Rules.Can(Staff, Operation.ViewAttachment, File(AttachmentOwnerKind.Invoice)));
    }

    [Fact]
    public void Can_AnyResource_DispatchesToTheRuleForItsType()
    {
        Assert.False(Rules.Can(Customer(), Operation.ViewAttachment, (object)On(File(AttachmentOwnerKind.Invoice), DraftDocument)));
        Assert.True(Rules.Can(Customer(), Operation.ViewAttachment, (object)On(File(AttachmentOwnerKind.Invoice), SentDocument)));
        Assert.False(Rules.Can(Customer(), Operation.ViewMessages, (object)new ThreadOnSubject(Thread(ThreadSubject.Invoice), DraftDocument)));
        Assert.False(Rules.Can(Customer(), Operation.ViewInvoice, (object)DraftDocument));
        Assert.True(Rules.Can(Customer(), Operation.ViewInvoice, (object?)null));
        Assert.False(Rules.Can(Staff, Operation.ViewInvoice, new object()));
    }

    [Theory]
    [InlineData(AttachmentOwnerKind.Invoice, false, false)]
    [InlineData(AttachmentOwnerKind.Invoice, true, true)]
    [InlineData(AttachmentOwnerKind.Project, true, true)]
    public void Can_AttachmentsOfARecord_FollowTheRecord(AttachmentOwnerKind kind, bool parentVisible, bool expected) =>
        Assert.Equal(expected, Rules.Can(Customer(), Operation.ViewAttachment, new AttachmentsOf(kind, new Record(10, parentVisible))));

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
