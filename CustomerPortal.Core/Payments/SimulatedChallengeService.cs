using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Payments;

/// <summary>What the simulated bank page shows about the payment it asks to confirm.</summary>
public sealed record SimulatedChallenge(int PaymentId, string Number, decimal Amount, string Currency);

/// <summary>
/// The simulated processor's 3-D Secure page: only the customer who owns the payment behind an intent may see or answer
/// it, and only while the simulated processor is the one in use. The answer is recorded like any other processor news.
/// </summary>
public sealed class SimulatedChallengeService(
    IDbContextFactory<PortalDbContext> dbFactory, IPaymentProcessor processor, SimulatedPaymentProcessor simulated, CardPaymentService cards)
{
    public async Task<Result<SimulatedChallenge>> GetAsync(Actor actor, string intentId, CancellationToken ct)
    {
        if (!await MayAnswerAsync(actor, intentId, ct)) return Result<SimulatedChallenge>.From(Result.NotFound("No such payment is waiting for you."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Payments.AsNoTracking().Where(p => p.ProcessorPaymentId == intentId)
            .Select(p => new SimulatedChallenge(p.Id, p.Number, p.Amount, p.Currency)).SingleAsync(ct);
    }

    /// <summary>Passes or fails the bank's step for the actor's own payment, then records what the processor now says.</summary>
    public async Task<Result<CardPaymentOutcome>> CompleteAsync(Actor actor, string intentId, bool approve, CancellationToken ct)
    {
        if (!await MayAnswerAsync(actor, intentId, ct)) return Result<CardPaymentOutcome>.From(Result.NotFound("No such payment is waiting for you."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var paymentId = await db.Payments.Where(p => p.ProcessorPaymentId == intentId).Select(p => p.Id).SingleAsync(ct);
        var answered = simulated.CompleteChallenge(intentId, approve);
        // Answered twice (a second tab, the back button): the processor's current word still decides.
        if (!answered.Succeeded && answered.Kind != ResultKind.Conflict) return Result<CardPaymentOutcome>.From(answered);
        return await cards.ConfirmFromProcessorAsync(paymentId, ct);
    }

    private Task<bool> MayAnswerAsync(Actor actor, string intentId, CancellationToken ct) =>
        processor.Name == simulated.Name && !string.IsNullOrEmpty(intentId)
            ? cards.IsOwnCardPaymentAsync(actor, p => p.ProcessorPaymentId == intentId, ct)
            : Task.FromResult(false);
}
