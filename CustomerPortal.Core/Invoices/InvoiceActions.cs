using CustomerPortal.Core.Access;

namespace CustomerPortal.Core.Invoices;

/// <summary>
/// What an actor may do with one invoice now, from <see cref="AccessRules"/> and the invoice's lifecycle. Pages show a
/// button only when its flag is set; the service still checks again when the button is pressed.
/// </summary>
/// <param name="MayEdit">Change the draft's content.</param>
/// <param name="MaySend">Send it (a draft) or send it again (anything but void).</param>
/// <param name="MayVoid">Void it (not void yet, nothing paid on it).</param>
/// <param name="MayRecordPayment">Staff: record a payment against it (sent, something due).</param>
/// <param name="MayPay">The customer: pay it online (sent, something due, allowed to pay).</param>
public sealed record InvoiceActions(bool MayEdit, bool MaySend, bool MayVoid, bool MayRecordPayment, bool MayPay)
{
    public static readonly InvoiceActions None = new(false, false, false, false, false);

    public static InvoiceActions For(AccessRules access, Actor actor, Invoice invoice)
    {
        var manage = !actor.IsCustomer && access.Can(actor, Operation.ManageInvoice, invoice);
        var payable = invoice.Status is not (InvoiceStatus.Draft or InvoiceStatus.Void) && invoice.AmountDue > 0;
        return new InvoiceActions(
            MayEdit: manage && invoice.IsDraft,
            MaySend: manage && invoice.Status != InvoiceStatus.Void,
            MayVoid: manage && invoice.MayVoid() is null,
            MayRecordPayment: !actor.IsCustomer && access.Can(actor, Operation.RecordPayment, invoice) && payable,
            MayPay: actor.IsCustomer && access.Can(actor, Operation.PayInvoice, invoice) && payable);
    }
}
