namespace CustomerPortal.Core.Templates.MergeTags;

/// <summary>What a message template is sent for; each has its own e-mail and SMS template.</summary>
public enum TemplateEvent
{
    PortalInvitation,
    RegistrationLink,
    SignInLink,
    PasswordReset,
    EstimateSent,
    EstimateReminder,
    InvoiceSent,
    InvoiceOverdue,
    PaymentReceipt,
    NewMessage,
    VisitScheduled,
    JobCompleted,
    WorkRequestReceived,
    ReviewRequest,

    /// <summary>To the new address a portal user typed in My profile: open the link to make it the sign-in e-mail.</summary>
    EmailChangeConfirmation,

    /// <summary>To the old sign-in address: someone asked to change it (nothing changes until the new address confirms).</summary>
    EmailChangeNotice,

    /// <summary>To the business: a customer wrote in a thread.</summary>
    StaffNewMessage,

    /// <summary>To the business: a customer accepted or declined an estimate.</summary>
    StaffEstimateAnswered,
}

/// <summary>One field a template can use: its name, the group the "Insert field value" menu shows it in, what it is, and an example value for previews.</summary>
public sealed record MergeTagInfo(string Name, string Group, string Description, string Example);

/// <summary>
/// Every field the product fills, and which of them each event can fill. Customer, company and general portal links
/// exist for every message; the rest belong to the record the event is about.
/// </summary>
public static class MergeTagCatalog
{
    public const string CustomerName = "CUSTOMER_NAME";
    public const string CustomerFirstName = "CUSTOMER_FIRST_NAME";
    public const string CustomerLastName = "CUSTOMER_LAST_NAME";
    public const string ContactName = "CONTACT_NAME";
    public const string ContactFirstName = "CONTACT_FIRST_NAME";
    public const string CompanyName = "COMPANY_NAME";
    public const string CompanyPhone = "COMPANY_PHONE";
    public const string CompanyEmail = "COMPANY_EMAIL";
    public const string PortalLink = "CUSTOMER_PORTAL_LINK";
    public const string PasswordPortalLink = "CUSTOMER_PORTAL_PASSWORD_LINK";
    public const string RegistrationLink = "CUSTOMER_PORTAL_REGISTRATION_LINK";
    public const string AddCardLink = "CUSTOMER_PORTAL_ADD_CREDIT_CARD_LINK";
    public const string ReviewPage = "REVIEW_PAGE";
    public const string WorkRequestForm = "WORK_REQUEST_FORM";
    public const string SignInLink = "SIGN_IN_LINK";
    public const string PasswordResetLink = "PASSWORD_RESET_LINK";
    public const string LinkValidFor = "LINK_VALID_FOR";
    public const string EmailChangeLink = "EMAIL_CHANGE_LINK";
    public const string NewEmail = "NEW_EMAIL";
    public const string EstimateNumber = "ESTIMATE_NUMBER";
    public const string EstimateTotal = "ESTIMATE_TOTAL";
    public const string EstimateExpiryDate = "ESTIMATE_EXPIRY_DATE";
    public const string EstimateLink = "ESTIMATE_LINK";
    public const string EstimateTitle = "ESTIMATE_TITLE";
    public const string EstimateAnswer = "ESTIMATE_ANSWER";
    public const string EstimateAnswerNote = "ESTIMATE_ANSWER_NOTE";
    public const string InvoiceNumber = "INVOICE_NUMBER";
    public const string InvoiceAmountDue = "INVOICE_AMOUNT_DUE";
    public const string InvoiceDueDate = "INVOICE_DUE_DATE";
    public const string InvoiceLink = "INVOICE_LINK";
    public const string InvoiceTitle = "INVOICE_TITLE";
    public const string InvoicesLinks = "INVOICES_LINKS";
    public const string PaymentNumber = "PAYMENT_NUMBER";
    public const string PaymentAmount = "PAYMENT_AMOUNT";
    public const string PaymentDate = "PAYMENT_DATE";
    public const string ReceiptLink = "RECEIPT_LINK";
    public const string JobTitle = "JOB_TITLE";
    public const string JobNumber = "JOB_NUMBER";
    public const string JobLink = "JOB_LINK";
    public const string VisitDate = "VISIT_DATE";
    public const string VisitTimeWindow = "VISIT_TIME_WINDOW";
    public const string TechnicianName = "TECHNICIAN_NAME";
    public const string MessageExcerpt = "MESSAGE_EXCERPT";
    public const string MessageAuthor = "MESSAGE_AUTHOR";
    public const string ThreadLink = "THREAD_LINK";
    public const string ThreadTitle = "THREAD_TITLE";
    public const string StaffThreadLink = "STAFF_THREAD_LINK";
    public const string RequestNumber = "REQUEST_NUMBER";
    public const string RequestLink = "REQUEST_LINK";

    private static readonly MergeTagInfo[] People =
    [
        new(CustomerName, "Customer", "The customer's name as staff see it (a person or a company).", "Jordan Lee"),
        new(CustomerFirstName, "Customer", "The customer's first name (empty for a company).", "Jordan"),
        new(CustomerLastName, "Customer", "The customer's last name.", "Lee"),
        new(ContactName, "Customer", "The full name of the person the message goes to.", "Jordan Lee"),
        new(ContactFirstName, "Customer", "The first name of the person the message goes to.", "Jordan"),
        new(CompanyName, "Company", "Your company's name.", "Northwind Plumbing"),
        new(CompanyPhone, "Company", "Your company's phone number.", "(555) 010-2030"),
        new(CompanyEmail, "Company", "Your company's e-mail address.", "office@example.com"),
    ];

    private static readonly MergeTagInfo[] Everyday =
    [
        .. People,
        new(PortalLink, "Portal links", "Opens the customer's portal, signed for this person.", "https://portal.example.com/l/…"),
        new(PasswordPortalLink, "Portal links", "The password-protected portal: asks the person to sign in with their password.", "https://portal.example.com/portal"),
        new(AddCardLink, "Portal links", "Opens the portal where the person adds a card on file.", "https://portal.example.com/l/…"),
        new(ReviewPage, "Portal links", "Opens the portal's Rate us page.", "https://portal.example.com/l/…"),
        new(WorkRequestForm, "Portal links", "Opens the work request form.", "https://portal.example.com/request"),
    ];

    private static readonly MergeTagInfo[] Registration =
    [
        new(RegistrationLink, "Sign-in", "Lets the person register: choose their password (works once).", "https://portal.example.com/portal/register/…"),
        new(LinkValidFor, "Sign-in", "How long the link works after it is sent.", "2 hours"),
    ];

    private static readonly MergeTagInfo[] SignIn =
    [
        new(SignInLink, "Sign-in", "A one-time link that signs the person in.", "https://portal.example.com/l/…"),
        new(LinkValidFor, "Sign-in", "How long the link works after it is sent.", "2 hours"),
    ];

    private static readonly MergeTagInfo[] Reset =
    [
        new(PasswordResetLink, "Sign-in", "A one-time link to choose a new password.", "https://portal.example.com/reset/…"),
        new(LinkValidFor, "Sign-in", "How long the link works after it is sent.", "2 hours"),
    ];

    private static readonly MergeTagInfo[] EmailChange =
    [
        new(NewEmail, "Sign-in", "The new sign-in e-mail address the person asked for.", "jordan.new@example.com"),
        new(EmailChangeLink, "Sign-in", "Confirms the new sign-in e-mail address (sent to that address only).", "https://portal.example.com/account/confirm-email/…"),
        new(LinkValidFor, "Sign-in", "How long the link works after it is sent.", "24 hours"),
    ];

    private static readonly MergeTagInfo[] Estimate =
    [
        new(EstimateNumber, "Estimate", "The estimate's number.", "EST-1042"),
        new(EstimateTotal, "Estimate", "The estimate's total, in the company currency.", "$1,250.00"),
        new(EstimateExpiryDate, "Estimate", "The last day the estimate can be accepted (empty when it does not expire).", "Dec 31, 2026"),
        new(EstimateTitle, "Estimate", "The estimate's title.", "Water heater replacement"),
        new(EstimateLink, "Estimate", "Opens this estimate in the portal, signed for this person.", "https://portal.example.com/l/…"),
    ];

    private static readonly MergeTagInfo[] EstimateAnswered =
    [
        new(EstimateAnswer, "Estimate", "What the customer answered: accepted or declined.", "accepted"),
        new(EstimateAnswerNote, "Estimate", "Who signed, or the reason the customer gave for declining.", "Signed by Jordan Lee."),
    ];

    private static readonly MergeTagInfo[] Invoice =
    [
        new(InvoiceNumber, "Invoice", "The invoice's number.", "INV-2051"),
        new(InvoiceAmountDue, "Invoice", "What is still due on the invoice.", "$480.00"),
        new(InvoiceDueDate, "Invoice", "The invoice's due date.", "Jan 2, 2027"),
        new(InvoiceTitle, "Invoice", "The invoice's title.", "Water heater replacement"),
        new(InvoiceLink, "Invoice", "Opens this invoice in the portal, signed for this person.", "https://portal.example.com/l/…"),
        new(InvoicesLinks, "Invoice", "Opens the customer's invoices in the portal, signed for this person.", "https://portal.example.com/l/…"),
    ];

    private static readonly MergeTagInfo[] Payment =
    [
        new(PaymentNumber, "Payment", "The payment's number.", "PAY-3307"),
        new(PaymentAmount, "Payment", "The amount paid.", "$480.00"),
        new(PaymentDate, "Payment", "The day the payment was received.", "Dec 3, 2026"),
        new(ReceiptLink, "Payment", "Opens the receipt in the portal, signed for this person.", "https://portal.example.com/l/…"),
    ];

    private static readonly MergeTagInfo[] Job =
    [
        new(JobNumber, "Job", "The job's number.", "JOB-0877"),
        new(JobTitle, "Job", "The job's title.", "Replace water heater"),
        new(JobLink, "Job", "Opens this job in the portal (visits, progress, pictures), signed for this person.", "https://portal.example.com/l/…"),
    ];

    private static readonly MergeTagInfo[] Visit =
    [
        new(VisitDate, "Visit", "The visit's day.", "Tue, Dec 8, 2026"),
        new(VisitTimeWindow, "Visit", "The visit's arrival window.", "9:00 AM – 11:00 AM"),
        new(TechnicianName, "Visit", "Who is coming (names of the technicians).", "Sam Ortiz"),
    ];

    private static readonly MergeTagInfo[] Message =
    [
        new(MessageAuthor, "Message", "Who wrote the message.", "Sam Ortiz"),
        new(MessageExcerpt, "Message", "The start of the message, as plain text.", "We'll arrive around 10 tomorrow…"),
        new(ThreadTitle, "Message", "What the conversation is about (a job, estimate or invoice, or its topic).", "Invoice INV-2051"),
        new(ThreadLink, "Message", "Opens the conversation in the portal, signed for this person.", "https://portal.example.com/l/…"),
    ];

    private static readonly MergeTagInfo[] StaffMessage =
    [
        new(MessageAuthor, "Message", "Who wrote the message.", "Jordan Lee"),
        new(MessageExcerpt, "Message", "The start of the message, as plain text.", "Could you come a bit earlier?"),
        new(ThreadTitle, "Message", "What the conversation is about (a job, estimate or invoice, or its topic).", "Invoice INV-2051"),
        new(StaffThreadLink, "Message", "Opens the conversation in the staff inbox.", "https://portal.example.com/staff/messages/12"),
    ];

    private static readonly MergeTagInfo[] Request =
    [
        new(RequestNumber, "Work request", "The work request's number.", "REQ-0112"),
        new(RequestLink, "Work request", "Opens the work request in the portal, signed for this person.", "https://portal.example.com/l/…"),
    ];

    private static readonly IReadOnlyDictionary<TemplateEvent, MergeTagInfo[]> ByEvent = new Dictionary<TemplateEvent, MergeTagInfo[]>
    {
        [TemplateEvent.PortalInvitation] = Everyday,
        [TemplateEvent.RegistrationLink] = [.. Everyday, .. Registration],
        [TemplateEvent.SignInLink] = [.. Everyday, .. SignIn],
        [TemplateEvent.PasswordReset] = [.. Everyday, .. Reset],
        [TemplateEvent.EstimateSent] = [.. Everyday, .. Estimate],
        [TemplateEvent.EstimateReminder] = [.. Everyday, .. Estimate],
        [TemplateEvent.InvoiceSent] = [.. Everyday, .. Invoice],
        [TemplateEvent.InvoiceOverdue] = [.. Everyday, .. Invoice],
        [TemplateEvent.PaymentReceipt] = [.. Everyday, .. Payment],
        [TemplateEvent.NewMessage] = [.. Everyday, .. Message],
        [TemplateEvent.VisitScheduled] = [.. Everyday, .. Job, .. Visit],
        [TemplateEvent.JobCompleted] = [.. Everyday, .. Job],
        [TemplateEvent.WorkRequestReceived] = [.. Everyday, .. Request],
        [TemplateEvent.ReviewRequest] = [.. Everyday, .. Job],
        [TemplateEvent.EmailChangeConfirmation] = [.. Everyday, .. EmailChange],
        [TemplateEvent.EmailChangeNotice] = [.. Everyday, .. EmailChange.Where(t => t.Name != EmailChangeLink)],
        [TemplateEvent.StaffNewMessage] = [.. People, .. StaffMessage],
        [TemplateEvent.StaffEstimateAnswered] = [.. People, .. Estimate.Where(t => t.Name != EstimateLink), .. EstimateAnswered],
    };

    private static readonly IReadOnlyDictionary<TemplateEvent, IReadOnlySet<string>> NamesByEvent =
        ByEvent.ToDictionary(e => e.Key, e => (IReadOnlySet<string>)e.Value.Select(t => t.Name).ToHashSet(StringComparer.Ordinal));

    /// <summary>Whether messages of this event go to the business rather than to a customer.</summary>
    public static bool IsToStaff(TemplateEvent templateEvent) => templateEvent is TemplateEvent.StaffNewMessage or TemplateEvent.StaffEstimateAnswered;

    /// <summary>Every field the product knows, each once.</summary>
    public static IReadOnlyList<MergeTagInfo> All { get; } = ByEvent.Values.SelectMany(t => t).DistinctBy(t => t.Name).ToArray();

    /// <summary>The fields a template for <paramref name="templateEvent"/> can use, in menu order.</summary>
    public static IReadOnlyList<MergeTagInfo> For(TemplateEvent templateEvent) => ByEvent[templateEvent];

    public static IReadOnlySet<string> NamesFor(TemplateEvent templateEvent) => NamesByEvent[templateEvent];

    /// <summary>Parses a template for an event: an unknown field, or one this event cannot fill, is reported with its position.</summary>
    public static MergeTemplateParse Parse(string source, TemplateEvent templateEvent) =>
        MergeTemplate.Parse(source, NamesFor(templateEvent), WhyNot);

    /// <summary>Example values for every field, for a preview when no real record is at hand.</summary>
    public static MergeValues Examples()
    {
        var values = new MergeValues();
        foreach (var tag in All) values.Set(tag.Name, tag.Example);
        return values;
    }

    private static string WhyNot(string name)
    {
        if (All.Any(t => t.Name == name))
            return $"{{{{{name}}}}} has no value in this message: it is not about that kind of record. Use the Insert field value menu.";
        var closest = All.Select(t => (t.Name, Distance: EditDistance(name, t.Name))).MinBy(t => t.Distance);
        return closest.Distance <= 3
            ? $"{{{{{name}}}}} is not a field. Did you mean {{{{{closest.Name}}}}}?"
            : $"{{{{{name}}}}} is not a field. Use the Insert field value menu to see the fields of this message.";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
