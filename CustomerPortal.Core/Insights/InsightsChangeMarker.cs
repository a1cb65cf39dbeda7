using System.Runtime.CompilerServices;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerPortal.Core.Insights;

/// <summary>
/// Removes the kept <see cref="InsightsDay"/>s a save changes the counts of, whichever service made it: a refund of an
/// old payment (that payment's day), an estimate answered weeks after it was sent (the day it was sent), a staff reply to
/// a wait that began on an earlier day, a payment entered with an earlier date or an invoice's due date moved (every day
/// from then on: what was overdue at each day's end changed). Most saves only touch today, which is never kept, and cost
/// nothing here. Runs in the save's transaction when it has one; it adds one to <see cref="InsightsRollup.ChangeCount"/>
/// before removing, so a report that read the records before this save cannot store days counted without it.
/// The marked days are UTC dates widened by a day either side: the company's time zone is not known here, and removing
/// a day too many only means counting it again.
/// </summary>
public sealed class InsightsChangeMarker(TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>
    /// Times this close to now fall on a day that is not kept yet (<see cref="InsightsDays.KeptAfter"/> is longer), so a
    /// save of something that just happened marks nothing.
    /// </summary>
    internal static readonly TimeSpan Recent = TimeSpan.FromHours(1);

    private static readonly string[] PaymentFacts = ["Status", "Amount", "Method", "PaidByPortalUserId"];

    private readonly ConditionalWeakTable<DbContext, Marks> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } marks) ApplyAsync(eventData.Context!, marks, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } marks) await ApplyAsync(eventData.Context!, marks, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// For changes written without SaveChanges (<see cref="Data.DirectWrites"/>): removes the kept days that the context's
    /// tracked changes touch, as their save would. Call it in the writes' transaction, before they are accepted.
    /// </summary>
    public async Task MarkAsync(DbContext context, CancellationToken ct)
    {
        Collect(context);
        if (Take(context) is { } marks) await ApplyAsync(context, marks, ct);
    }

    private Marks? Take(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var marks)) return null;
        _pending.Remove(context);
        return marks;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        _pending.Remove(context);
        var marks = new Marks(clock.GetUtcNow().UtcDateTime - Recent);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var added = entry.State != EntityState.Modified;
            switch (entry.Entity)
            {
                case Invoice invoice:
                    // What was overdue at each day's end from the earliest time that changed; a new total from when it was sent.
                    foreach (var at in Changed<DateTime?>(entry, "SentAtUtc", "PaidAtUtc", "VoidedAtUtc")) marks.From(at);
                    foreach (var due in Changed<DateOnly>(entry, "DueDate")) marks.From(due.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
                    if (added || entry.Property("Total").IsModified || entry.Property("PaidThroughPortal").IsModified)
                    {
                        marks.From(invoice.SentAtUtc);
                        marks.From(invoice.PaidAtUtc);
                    }
                    break;
                case Payment payment:
                    foreach (var at in Changed<DateTime>(entry, "ReceivedAtUtc")) marks.From(at);
                    if (added || PaymentFacts.Any(p => entry.Property(p).IsModified))
                        marks.From(payment.ReceivedAtUtc);
                    break;
                case PaymentAllocation allocation:
                    marks.From(PaymentOf(context, p => p.Allocations.Contains(allocation)));
                    break;
                case PaymentRefund refund:
                    marks.Day(PaymentOf(context, p => p.Refunds.Contains(refund)));
                    break;
                case Estimate estimate:
                    foreach (var at in Changed<DateTime?>(entry, "SentAtUtc")) marks.Day(at);
                    if (entry.Property("DeclinedAtUtc").IsModified) marks.Day(estimate.SentAtUtc);
                    break;
                case EstimateAcceptance acceptance:
                    marks.Day(context.ChangeTracker.Entries<Estimate>().Select(e => e.Entity).FirstOrDefault(e => e.Acceptance == acceptance)?.SentAtUtc
                        ?? DateTime.MinValue);
                    break;
                case Message:
                    foreach (var at in Changed<DateTime?>(entry, "AnsweredWaitSinceUtc")) marks.Day(at);
                    break;
                case MessageThread:
                    foreach (var at in Changed<DateTime?>(entry, "WaitingSinceUtc")) marks.Day(at);
                    break;
                case Review review:
                    if (added || entry.Property("Rating").IsModified || entry.Property("CreatedAtUtc").IsModified)
                        foreach (var at in Changed<DateTime>(entry, "CreatedAtUtc").Append(review.CreatedAtUtc)) marks.Day(at);
                    break;
                case AuditEvent audit when audit.Action == AuditActions.SignedIn:
                    marks.Day(audit.AtUtc);
                    break;
            }
        }
        if (marks.Any) _pending.AddOrUpdate(context, marks);
    }

    private static async Task ApplyAsync(DbContext context, Marks marks, CancellationToken ct)
    {
        // The count first: a report that stores between these two statements fails its check instead of storing stale days.
        await context.Set<InsightsRollup>().ExecuteUpdateAsync(s => s.SetProperty(r => r.ChangeCount, r => r.ChangeCount + 1), ct);
        var days = marks.Days.ToList();
        var from = marks.FromDay ?? DateOnly.MaxValue;
        await context.Set<InsightsDay>().Where(d => days.Contains(d.Day) || d.Day >= from).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// When the payment an allocation or refund belongs to was received (they are only made through their payment, so it
    /// is tracked); if it is not, the beginning of time, so every kept day is removed.
    /// </summary>
    private static DateTime PaymentOf(DbContext context, Func<Payment, bool> owns) =>
        context.ChangeTracker.Entries<Payment>().Select(e => e.Entity).FirstOrDefault(owns)?.ReceivedAtUtc ?? DateTime.MinValue;

    /// <summary>A property's value now and, when the save changes it, before: both days' counts change.</summary>
    private static IEnumerable<T> Changed<T>(EntityEntry entry, params string[] properties)
    {
        foreach (var name in properties)
        {
            var property = entry.Property(name);
            if (entry.State != EntityState.Modified) yield return (T)property.CurrentValue!;
            else if (property.IsModified)
            {
                yield return (T)property.CurrentValue!;
                yield return (T)property.OriginalValue!;
            }
        }
    }

    private sealed class Marks(DateTime recentSinceUtc)
    {
        private readonly HashSet<DateOnly> _days = [];

        public IEnumerable<DateOnly> Days => _days;
        public DateOnly? FromDay { get; private set; }
        public bool Any => _days.Count > 0 || FromDay is not null;

        public void Day(DateTime? atUtc)
        {
            if (atUtc is not { } at || at >= recentSinceUtc) return;
            if (at == DateTime.MinValue) { FromDay = DateOnly.MinValue; return; }
            var day = DateOnly.FromDateTime(at);
            _days.UnionWith([day.AddDays(-1), day, day.AddDays(1)]);
        }

        public void From(DateTime? atUtc)
        {
            if (atUtc is not { } at || at >= recentSinceUtc) return;
            var day = at == DateTime.MinValue ? DateOnly.MinValue : DateOnly.FromDateTime(at).AddDays(-1);
            if (FromDay is null || day < FromDay) FromDay = day;
        }
    }
}
