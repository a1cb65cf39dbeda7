using CustomerPortal.Core.Templates.MergeTags;

namespace CustomerPortal.Core.Templates;

/// <summary>The stored key of each event's templates (also the outbox's TemplateKey), and its name as staff see it.</summary>
public static class TemplateKeys
{
    public static string Of(TemplateEvent templateEvent) => templateEvent switch
    {
        TemplateEvent.PortalInvitation => "portal-invitation",
        TemplateEvent.RegistrationLink => "portal-registration-link",
        TemplateEvent.SignInLink => "portal-sign-in-link",
        TemplateEvent.PasswordReset => "portal-password-reset-link",
        TemplateEvent.EstimateSent => "estimate-sent",
        TemplateEvent.EstimateReminder => "estimate-reminder",
        TemplateEvent.InvoiceSent => "invoice-sent",
        TemplateEvent.InvoiceOverdue => "invoice-overdue",
        TemplateEvent.PaymentReceipt => "payment-receipt",
        TemplateEvent.NewMessage => "message-new",
        TemplateEvent.VisitScheduled => "visit-scheduled",
        TemplateEvent.JobCompleted => "job-completed",
        TemplateEvent.WorkRequestReceived => "request-received",
        TemplateEvent.ReviewRequest => "review-request",
        TemplateEvent.EmailChangeConfirmation => "portal-email-change-confirmation",
        TemplateEvent.EmailChangeNotice => "portal-email-change-notice",
        TemplateEvent.StaffNewMessage => "message-new-staff",
        TemplateEvent.StaffEstimateAnswered => "estimate-answered",
        _ => throw new ArgumentOutOfRangeException(nameof(templateEvent)),
    };

    public static string Title(TemplateEvent templateEvent) => templateEvent switch
    {
        TemplateEvent.PortalInvitation => "Portal invitation",
        TemplateEvent.RegistrationLink => "Registration link",
        TemplateEvent.SignInLink => "Sign-in link",
        TemplateEvent.PasswordReset => "Password reset",
        TemplateEvent.EstimateSent => "Estimate sent",
        TemplateEvent.EstimateReminder => "Estimate reminder",
        TemplateEvent.InvoiceSent => "Invoice sent",
        TemplateEvent.InvoiceOverdue => "Invoice overdue",
        TemplateEvent.PaymentReceipt => "Payment receipt",
        TemplateEvent.NewMessage => "New message",
        TemplateEvent.VisitScheduled => "Visit scheduled or moved",
        TemplateEvent.JobCompleted => "Job completed",
        TemplateEvent.WorkRequestReceived => "Work request received",
        TemplateEvent.ReviewRequest => "Review request",
        TemplateEvent.EmailChangeConfirmation => "Sign-in e-mail change: confirmation",
        TemplateEvent.EmailChangeNotice => "Sign-in e-mail change: notice to the old address",
        TemplateEvent.StaffNewMessage => "New message (to staff)",
        TemplateEvent.StaffEstimateAnswered => "Estimate answered (to staff)",
        _ => throw new ArgumentOutOfRangeException(nameof(templateEvent)),
    };
}
