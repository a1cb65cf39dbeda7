using CustomerPortal.Core.Templates.MergeTags;

namespace CustomerPortal.Core.Templates;

/// <summary>A template's text: the subject (e-mail only) and the body (HTML for e-mail, plain text for SMS).</summary>
public sealed record TemplateText(string Subject, string Body);

/// <summary>The templates the product ships with; staff may change each one and go back to these.</summary>
public static class TemplateDefaults
{
    private const string Signature = "<p>{{COMPANY_NAME}}<br>{{COMPANY_PHONE}}</p>";

    public static TemplateText Email(TemplateEvent templateEvent) => templateEvent switch
    {
        TemplateEvent.PortalInvitation => new("Your {{COMPANY_NAME}} customer portal", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>{{COMPANY_NAME}} has set up a customer portal for you: see your jobs, estimates and invoices, pay online and message us.</p>
            <p><a href="{{CUSTOMER_PORTAL_LINK}}">{{CUSTOMER_PORTAL_LINK}}</a></p>
            {{{Signature}}}
            """),
        TemplateEvent.RegistrationLink => new("Set up your {{COMPANY_NAME}} customer portal", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>{{COMPANY_NAME}} has set up a customer portal for you: see your jobs, estimates and invoices, and pay online.</p>
            <p>Open this link to choose your password:</p>
            <p><a href="{{CUSTOMER_PORTAL_REGISTRATION_LINK}}">{{CUSTOMER_PORTAL_REGISTRATION_LINK}}</a></p>
            <p>The link works once and expires in {{LINK_VALID_FOR}}.</p>
            {{{Signature}}}
            """),
        TemplateEvent.SignInLink => new("Your sign-in link for {{COMPANY_NAME}}", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>Open this link to sign in to your {{COMPANY_NAME}} customer portal:</p>
            <p><a href="{{SIGN_IN_LINK}}">{{SIGN_IN_LINK}}</a></p>
            <p>The link works once and expires in {{LINK_VALID_FOR}}. If you did not ask for it, you can ignore this e-mail.</p>
            {{{Signature}}}
            """),
        TemplateEvent.PasswordReset => new("Reset your {{COMPANY_NAME}} portal password", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>Open this link to choose a new password for your {{COMPANY_NAME}} customer portal:</p>
            <p><a href="{{PASSWORD_RESET_LINK}}">{{PASSWORD_RESET_LINK}}</a></p>
            <p>The link works once and expires in {{LINK_VALID_FOR}}. If you did not ask for it, you can ignore this e-mail; your password stays the same.</p>
            {{{Signature}}}
            """),
        TemplateEvent.EstimateSent => new("Estimate {{ESTIMATE_NUMBER}} from {{COMPANY_NAME}}", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>{{COMPANY_NAME}} has sent {{CUSTOMER_NAME}} estimate {{ESTIMATE_NUMBER}}: {{ESTIMATE_TITLE}} ({{ESTIMATE_TOTAL}}). It is valid until {{ESTIMATE_EXPIRY_DATE|further notice}}.</p>
            <p>Read it, download it and accept it in your portal:</p>
            <p><a href="{{ESTIMATE_LINK}}">{{ESTIMATE_LINK}}</a></p>
            {{{Signature}}}
            """),
        TemplateEvent.EstimateReminder => new("Reminder: estimate {{ESTIMATE_NUMBER}} from {{COMPANY_NAME}}", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>Estimate {{ESTIMATE_NUMBER}} ({{ESTIMATE_TITLE}}, {{ESTIMATE_TOTAL}}) is waiting for your answer. It is valid until {{ESTIMATE_EXPIRY_DATE|further notice}}.</p>
            <p><a href="{{ESTIMATE_LINK}}">{{ESTIMATE_LINK}}</a></p>
            {{{Signature}}}
            """),
        TemplateEvent.InvoiceSent => new("Invoice {{INVOICE_NUMBER}} from {{COMPANY_NAME}}", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>{{COMPANY_NAME}} has sent {{CUSTOMER_NAME}} invoice {{INVOICE_NUMBER}}: {{INVOICE_TITLE}}.<br>Amount due: {{INVOICE_AMOUNT_DUE}}, by {{INVOICE_DUE_DATE}}.</p>
            <p>See it, download it and pay it in your portal:</p>
            <p><a href="{{INVOICE_LINK}}">{{INVOICE_LINK}}</a></p>
            {{{Signature}}}
            """),
        TemplateEvent.InvoiceOverdue => new("Invoice {{INVOICE_NUMBER}} is overdue", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>Invoice {{INVOICE_NUMBER}} was due on {{INVOICE_DUE_DATE}}; {{INVOICE_AMOUNT_DUE}} is still open. You can pay it online:</p>
            <p><a href="{{INVOICE_LINK}}">{{INVOICE_LINK}}</a></p>
            <p>If you have already paid, thank you, and please ignore this e-mail.</p>
            {{{Signature}}}
            """),
        TemplateEvent.PaymentReceipt => new("Receipt {{PAYMENT_NUMBER}} from {{COMPANY_NAME}}", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>Thank you for your payment of {{PAYMENT_AMOUNT}} on {{PAYMENT_DATE}}.</p>
            <p>Your receipt: <a href="{{RECEIPT_LINK}}">{{RECEIPT_LINK}}</a></p>
            {{{Signature}}}
            """),
        TemplateEvent.NewMessage => new("New message from {{COMPANY_NAME}}: {{THREAD_TITLE}}", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>{{MESSAGE_AUTHOR}} of {{COMPANY_NAME}} wrote about {{THREAD_TITLE}}:</p>
            <blockquote>{{MESSAGE_EXCERPT}}</blockquote>
            <p>Read and answer it in your portal:</p>
            <p><a href="{{THREAD_LINK}}">{{THREAD_LINK}}</a></p>
            {{{Signature}}}
            """),
        TemplateEvent.VisitScheduled => new("Your visit on {{VISIT_DATE}}", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>We will come for {{JOB_TITLE}} on {{VISIT_DATE}}, arriving {{VISIT_TIME_WINDOW|during the day}}. {{TECHNICIAN_NAME|Our team}} will be there.</p>
            <p>Details in your portal: <a href="{{JOB_LINK}}">{{JOB_LINK}}</a></p>
            {{{Signature}}}
            """),
        TemplateEvent.JobCompleted => new("{{JOB_TITLE}} is done", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>We have finished {{JOB_TITLE}} ({{JOB_NUMBER}}). Photos and documents are in your portal:</p>
            <p><a href="{{JOB_LINK}}">{{JOB_LINK}}</a></p>
            {{{Signature}}}
            """),
        TemplateEvent.WorkRequestReceived => new("We received your request {{REQUEST_NUMBER}}", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>Thank you: we have your request {{REQUEST_NUMBER}} and will be in touch to arrange a time. This is a request, not a booked visit yet.</p>
            <p><a href="{{REQUEST_LINK}}">{{REQUEST_LINK}}</a></p>
            {{{Signature}}}
            """),
        TemplateEvent.ReviewRequest => new("How did we do?", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>Thank you for choosing {{COMPANY_NAME}} for {{JOB_TITLE}}. Would you tell us how it went? It takes a minute, and only we see it.</p>
            <p><a href="{{REVIEW_PAGE}}">{{REVIEW_PAGE}}</a></p>
            {{{Signature}}}
            """),
        TemplateEvent.EmailChangeConfirmation => new("Confirm your new {{COMPANY_NAME}} sign-in e-mail", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>You asked to sign in to your {{COMPANY_NAME}} customer portal with this address, {{NEW_EMAIL}}. Open this link to confirm it:</p>
            <p><a href="{{EMAIL_CHANGE_LINK}}">{{EMAIL_CHANGE_LINK}}</a></p>
            <p>The link expires in {{LINK_VALID_FOR}}. Until you open it, your sign-in e-mail stays the same. If you did not ask for this, you can ignore this e-mail.</p>
            {{{Signature}}}
            """),
        TemplateEvent.EmailChangeNotice => new("Your {{COMPANY_NAME}} sign-in e-mail is about to change", $$$"""
            <p>Hello {{CONTACT_NAME|there}},</p>
            <p>Someone signed in to your {{COMPANY_NAME}} customer portal asked to change its sign-in e-mail to {{NEW_EMAIL}}. Nothing changes until the link we sent to that address is opened.</p>
            <p>If this was not you, please call us at {{COMPANY_PHONE}} or reply to {{COMPANY_EMAIL}}, and change your password.</p>
            {{{Signature}}}
            """),
        TemplateEvent.StaffNewMessage => new("{{CUSTOMER_NAME}} wrote about {{THREAD_TITLE}}", """
            <p>{{MESSAGE_AUTHOR}} ({{CUSTOMER_NAME}}) wrote about {{THREAD_TITLE}}:</p>
            <blockquote>{{MESSAGE_EXCERPT}}</blockquote>
            <p>Answer in the inbox:</p>
            <p><a href="{{STAFF_THREAD_LINK}}">{{STAFF_THREAD_LINK}}</a></p>
            """),
        TemplateEvent.StaffEstimateAnswered => new("Estimate {{ESTIMATE_NUMBER}} {{ESTIMATE_ANSWER}}", """
            <p>{{CUSTOMER_NAME}} {{ESTIMATE_ANSWER}} estimate {{ESTIMATE_NUMBER}} ({{ESTIMATE_TITLE}}) for {{ESTIMATE_TOTAL}}.</p>
            <p>{{ESTIMATE_ANSWER_NOTE}}</p>
            """),
        _ => throw new ArgumentOutOfRangeException(nameof(templateEvent)),
    };

    public static string Sms(TemplateEvent templateEvent) => templateEvent switch
    {
        TemplateEvent.PortalInvitation => "{{COMPANY_NAME}}: your customer portal is ready: {{CUSTOMER_PORTAL_LINK}}",
        TemplateEvent.RegistrationLink => "{{COMPANY_NAME}}: choose your portal password here (expires in {{LINK_VALID_FOR}}): {{CUSTOMER_PORTAL_REGISTRATION_LINK}}",
        TemplateEvent.SignInLink => "{{COMPANY_NAME}}: your sign-in link (expires in {{LINK_VALID_FOR}}): {{SIGN_IN_LINK}}",
        TemplateEvent.PasswordReset => "{{COMPANY_NAME}}: reset your portal password (expires in {{LINK_VALID_FOR}}): {{PASSWORD_RESET_LINK}}",
        TemplateEvent.EstimateSent => "{{COMPANY_NAME}} sent you estimate {{ESTIMATE_NUMBER}} ({{ESTIMATE_TOTAL}}): {{ESTIMATE_LINK}}",
        TemplateEvent.EstimateReminder => "{{COMPANY_NAME}}: estimate {{ESTIMATE_NUMBER}} is waiting for your answer: {{ESTIMATE_LINK}}",
        TemplateEvent.InvoiceSent => "{{COMPANY_NAME}} sent you invoice {{INVOICE_NUMBER}}, {{INVOICE_AMOUNT_DUE}} due {{INVOICE_DUE_DATE}}: {{INVOICE_LINK}}",
        TemplateEvent.InvoiceOverdue => "{{COMPANY_NAME}}: invoice {{INVOICE_NUMBER}} ({{INVOICE_AMOUNT_DUE}}) is overdue. Pay online: {{INVOICE_LINK}}",
        TemplateEvent.PaymentReceipt => "{{COMPANY_NAME}}: thank you for your payment of {{PAYMENT_AMOUNT}}. Receipt: {{RECEIPT_LINK}}",
        TemplateEvent.NewMessage => "{{COMPANY_NAME}}: new message about {{THREAD_TITLE}}: {{THREAD_LINK}}",
        TemplateEvent.VisitScheduled => "{{COMPANY_NAME}}: we'll come on {{VISIT_DATE}}, {{VISIT_TIME_WINDOW|time to be confirmed}}, for {{JOB_TITLE}}. Details: {{JOB_LINK}}",
        TemplateEvent.JobCompleted => "{{COMPANY_NAME}}: {{JOB_TITLE}} is done. Photos and documents: {{JOB_LINK}}",
        TemplateEvent.WorkRequestReceived => "{{COMPANY_NAME}}: we received request {{REQUEST_NUMBER}} and will be in touch to arrange a time.",
        TemplateEvent.ReviewRequest => "{{COMPANY_NAME}}: how did we do? Tell us in a minute: {{REVIEW_PAGE}}",
        TemplateEvent.EmailChangeConfirmation => "{{COMPANY_NAME}}: confirm your new sign-in e-mail (expires in {{LINK_VALID_FOR}}): {{EMAIL_CHANGE_LINK}}",
        TemplateEvent.EmailChangeNotice => "{{COMPANY_NAME}}: someone asked to change your portal sign-in e-mail to {{NEW_EMAIL}}. Not you? Call {{COMPANY_PHONE}}.",
        TemplateEvent.StaffNewMessage => "{{CUSTOMER_NAME}} wrote about {{THREAD_TITLE}}: {{STAFF_THREAD_LINK}}",
        TemplateEvent.StaffEstimateAnswered => "{{CUSTOMER_NAME}} {{ESTIMATE_ANSWER}} estimate {{ESTIMATE_NUMBER}}.",
        _ => throw new ArgumentOutOfRangeException(nameof(templateEvent)),
    };
}
