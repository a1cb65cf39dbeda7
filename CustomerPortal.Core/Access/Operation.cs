namespace CustomerPortal.Core.Access;

public enum Operation
{
    // Areas: the back office and the customer portal.
    OpenBackOffice,
    OpenPortal,

    // Customers and the portal set-up.
    ViewCustomer,
    EditCustomer,
    ManagePortalUsers,
    ViewAsCustomer,
    EditOwnProfile,

    // Company-wide.
    ManageSettings,
    ViewAuditLog,
    ManageTemplates,
    ViewOutbox,

    /// <summary>Sending a failed e-mail or SMS again (any staff member who may read the outbox).</summary>
    RetryOutboxMessage,

    // Work and documents.
    ViewJob,
    ManageJob,
    ViewProject,
    ManageProject,
    ViewEstimate,
    ManageEstimate,
    AcceptEstimate,
    ViewInvoice,
    ManageInvoice,
    PayInvoice,
    ViewPayment,
    RecordPayment,

    /// <summary>Giving money back from a payment (admins: owners and office managers; not every staff member).</summary>
    RefundPayment,
    AddCredit,
    ViewAttachment,
    ManageAttachment,
    ViewPictures,

    // Requests, reviews, messages.
    ViewRequest,
    SubmitRequest,
    ManageRequests,
    SubmitReview,
    ViewReviews,
    ViewMessages,
    SendMessage,

    /// <summary>The staff inbox: every thread, assigning, marking done.</summary>
    ManageMessages,

    /// <summary>The staff app bar's search across customers and documents (back office only).</summary>
    SearchBackOffice,

    /// <summary>The Insights page: the business's figures over a period (admins: owners and office managers).</summary>
    ViewInsights,
}
