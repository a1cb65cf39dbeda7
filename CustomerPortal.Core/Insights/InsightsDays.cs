using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Insights;

/// <summary>
/// The <see cref="InsightsDay"/>s of a range: those kept are read, the others counted from the records
/// (<see cref="InsightsDayCounter"/>), and of those the days that ended more than <see cref="KeptAfter"/> ago are kept
/// for the next report. Today is always counted afresh.
/// </summary>
public sealed class InsightsDays(IDbContextFactory<PortalDbContext> dbFactory, InsightsDayCounter counter, WriteGate writeGate)
{
    /// <summary>How long after its end a day is kept; longer than <see cref="InsightsChangeMarker.Recent"/>.</summary>
    internal static readonly TimeSpan KeptAfter = TimeSpan.FromHours(2);

    public async Task<IReadOnlyList<InsightsDay>> GetAsync(CompanySettings company, DateOnly first, DateOnly last, DateTime nowUtc,
        CancellationToken ct)
    {
        long changesSeen;
        Dictionary<DateOnly, InsightsDay> kept;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            changesSeen = await db.InsightsRollup.Select(r => r.ChangeCount).SingleAsync(ct);
            kept = await db.InsightsDays.AsNoTracking()
                .Where(d => d.Day >= first && d.Day <= last && d.TimeZoneId == company.TimeZoneId)
                .ToDictionaryAsync(d => d.Day, ct);
        }

        var counted = new List<InsightsDay>();
        foreach (var (from, to) in Gaps(first, last, kept))
            counted.AddRange(await counter.CountAsync(company, from, to, nowUtc, ct));
        var toKeep = counted.Where(d => company.StartOfDayUtc(d.Day.AddDays(1)) + KeptAfter <= nowUtc).ToList();
        if (toKeep.Count > 0) await KeepAsync(toKeep, changesSeen, ct);
        return [.. kept.Values.Concat(counted).OrderBy(d => d.Day)];
    }

    /// <summary>
    /// Stores counted days unless a save has changed counts since they were read (the change count moved): they may miss
    /// it, and are counted again next time. Returns whether they were stored.
    /// </summary>
    internal async Task<bool> KeepAsync(IReadOnlyList<InsightsDay> days, long changesSeen, CancellationToken ct)
    {
        using var _ = await writeGate.EnterAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // Holds the row until the commit, so a marking save waits for this one and then removes what it stored.
            var unchanged = await db.InsightsRollup.Where(r => r.ChangeCount == changesSeen)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ChangeCount, r => r.ChangeCount), ct);
            if (unchanged == 0) return false;
            var keys = days.Select(d => d.Day).ToList();
            await db.InsightsDays.Where(d => keys.Contains(d.Day)).ExecuteDeleteAsync(ct);
            db.InsightsDays.AddRange(days);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another report stored the same days at the same time.
            return false;
        }
    }

    private static IEnumerable<(DateOnly From, DateOnly To)> Gaps(DateOnly first, DateOnly last, IReadOnlyDictionary<DateOnly, InsightsDay> kept)
    {
        DateOnly? start = null;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!kept.ContainsKey(day)) start ??= day;
            else if (start is { } from)
            {
                yield return (from, day.AddDays(-1));
                start = null;
            }
        }
        if (start is { } open) yield return (open, last);
    }
}
