using CustomerPortal.Core.Access;

namespace CustomerPortal.Core.Estimates;

/// <summary>
/// What an actor may do with one estimate now, from <see cref="AccessRules"/> and the estimate's lifecycle. Pages show a
/// button only when its flag is set; the service still checks again when the button is pressed.
/// </summary>
/// <param name="MayEdit">Change the draft's content.</param>
/// <param name="MaySend">Send it (a draft) or send it again (sent or viewed, not expired).</param>
/// <param name="MayConvert">Make a job from it (accepted, not converted yet).</param>
/// <param name="MayInvoice">Start an invoice from it (accepted).</param>
/// <param name="MayAccept">Accept it with a typed signature (the customer, while it awaits an answer).</param>
/// <param name="MayDecline">Decline it (the customer, while it awaits an answer).</param>
/// <param name="AnswerNotAllowed">It awaits the customer's answer, but this portal actor may not give it (no permission, view-as, locked).</param>
/// <param name="MayPayDeposit">The customer: pay the deposit by card (sent or accepted, deposit outstanding, allowed to pay).</param>
public sealed record EstimateActions(
    bool MayEdit, bool MaySend, bool MayConvert, bool MayInvoice, bool MayAccept, bool MayDecline, bool AnswerNotAllowed, bool MayPayDeposit = false)
{
    public static readonly EstimateActions None = new(false, false, false, false, false, false, false);

    public static EstimateActions For(AccessRules access, Actor actor, Estimate estimate, DateOnly today)
    {
        var status = estimate.StatusOn(today);
        var awaitsAnswer = status is EstimateStatus.Sent or EstimateStatus.Viewed;
        var manage = !actor.IsCustomer && access.Can(actor, Operation.ManageEstimate, estimate);
        var answer = actor.IsCustomer && access.Can(actor, Operation.AcceptEstimate, estimate) && awaitsAnswer;
        return new EstimateActions(
            MayEdit: manage && estimate.IsDraft,
            MaySend: manage && status is EstimateStatus.Draft or EstimateStatus.Sent or EstimateStatus.Viewed,
            MayConvert: manage && access.Can(actor, Operation.ManageJob) && estimate.MayConvertToJob() is null,
            MayInvoice: manage && access.Can(actor, Operation.ManageInvoice) && status == EstimateStatus.Accepted,
            MayAccept: answer,
            MayDecline: answer,
            AnswerNotAllowed: actor.IsCustomer && awaitsAnswer && !answer,
            MayPayDeposit: actor.IsCustomer && access.Can(actor, Operation.PayInvoice, estimate) && status != EstimateStatus.Expired
                           && Payments.PaymentPosting.TakesDeposit(estimate, estimate.CustomerId));
    }
}
