using System.Globalization;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Insights;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;
using static CustomerPortal.Tests.Insights.InsightsData;

namespace CustomerPortal.Tests.Insights;

/// <summary>
/// The days a report keeps (<see cref="InsightsDay"/>): a report from kept days is the report counted afresh, and a later
/// save that changes what an ended day counted shows in the next report. Now is July 1, 06:00 in New York.
/// </summary>
public sealed class InsightsDaysTests : IAsyncLifetime
{
    private CoreServices _core = null!;
    private int _customerId;
    private int _portalUserId;

    private InsightsService Insights => _core.Get<InsightsService>();

    public async Task InitializeAsync()
    {
        _core = await CoreServices.StartAsync();
        await UseCompanyZoneAsync(_core);
        await using var db = await _core.DbAsync();
        var customer = await CustomerAsync(db, "Days");
        _customerId = customer.Id;
        _portalUserId = (await PortalUserAsync(db, customer.Id, Utc(5, 1, 12), registeredUtc: Utc(5, 2, 12))).Id;
        var late = await SentInvoiceAsync(db, _customerId, 300m, Utc(5, 20, 12), due: new(2026, 6, 5));
        await PaymentAsync(db, _customerId, 300m, Utc(6, 12, 15), late);
        var onTime = await SentInvoiceAsync(db, _customerId, 120m, Utc(6, 2, 12), due: new(2026, 6, 20));
        await PaymentAsync(db, _customerId, 120m, Utc(6, 9, 15), onTime, portalUserId: _portalUserId);
        await SentInvoiceAsync(db, _customerId, 80m, Utc(6, 3, 12), due: new(2026, 6, 10)); // overdue from June 11
        await SentEstimateAsync(db, _customerId, Utc(6, 4, 12));
        Review(db, _customerId, 4, Utc(6, 8, 12));
        SignIn(db, _customerId, _portalUserId, Utc(6, 8, 13));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Report_KeepsTheDaysThatHaveEnded_ButNotToday()
    {
        await ReportAsync(new InsightsPeriodChoice(InsightsPreset.Last7Days)); // June 25 to July 1, after June 18 to 24

        Assert.Equal(Enumerable.Range(18, 13).Select(day => new DateOnly(2026, 6, day)), await KeptDaysAsync());
    }

    [Fact]
    public async Task ReportFromKeptDays_IsTheReportCountedAfresh()
    {
        var counting = await ReportAsync(June);
        Assert.Equal(60, (await KeptDaysAsync()).Count);

        var fromKeptDays = await ReportAsync(June);
        var afresh = await AfreshAsync(June);

        Assert.Equal(Snapshot(counting), Snapshot(fromKeptDays));
        Assert.Equal(Snapshot(counting), Snapshot(afresh));
        Assert.Equal(420m, (decimal)fromKeptDays.Collected.Current.Value!);
        Assert.Equal(80, fromKeptDays.OverdueAtEnd.Current.Value);
    }

    public static TheoryData<string> LateChanges => new()
    {
        "estimate sent June 4 accepted today",
        "payment received June 12 refunded today",
        "check received June 20 entered today",
        "customer message of June 29 answered today",
        "customer message of June 29 answered today in Messages",
    };

    [Theory]
    [MemberData(nameof(LateChanges))]
    public async Task ALaterChangeToAnEndedDay_ShowsInTheNextReport_AsIfCountedAfresh(string change)
    {
        var thread = change.Contains("message") ? await WaitingSinceJune29Async() : null;
        var before = await ReportAsync(June);

        await MakeAsync(change, thread);
        var after = await ReportAsync(June);

        Assert.NotEqual(Snapshot(before), Snapshot(after));
        Assert.Equal(Snapshot(await AfreshAsync(June)), Snapshot(after));
    }

    [Fact]
    public async Task ACompanyTimeZoneChange_CountsTheDaysAgainInTheNewZone()
    {
        await using (var db = await _core.DbAsync())
            await PaymentAsync(db, _customerId, 50m, Utc(6, 1, 4, 30)); // 00:30 June 1 in New York, 21:30 May 31 in Los Angeles
        var newYork = await ReportAsync(June);

        await _core.UpdateCompanyAsync(c => c.ChangeCurrencyAndTimeZone("USD", "America/Los_Angeles"));
        var losAngeles = await ReportAsync(June);

        Assert.Equal(470m, (decimal)newYork.Collected.Current.Value!);
        Assert.Equal(420m, (decimal)losAngeles.Collected.Current.Value!);
        Assert.Equal(Snapshot(await AfreshAsync(June)), Snapshot(losAngeles));
    }

    [Fact]
    public async Task Keep_AfterASaveChangedAnEndedDaySinceTheRead_StoresNothing()
    {
        var days = _core.Get<InsightsDays>();
        var counted = await _core.Get<InsightsDayCounter>().CountAsync(await CompanyAsync(), new(2026, 6, 1), new(2026, 6, 30), Now.UtcDateTime, default);
        var seen = await ChangeCountAsync();

        await using (var db = await _core.DbAsync())
        {
            Review(db, _customerId, 2, Utc(6, 15, 12)); // a review dated in the past: June 15's count changes
            await db.SaveChangesAsync();
        }

        Assert.True(await ChangeCountAsync() > seen);
        Assert.False(await days.KeepAsync(counted, seen, default));
        Assert.Empty(await KeptDaysAsync());
        Assert.True(await days.KeepAsync(counted, await ChangeCountAsync(), default));
        Assert.Equal(30, (await KeptDaysAsync()).Count);
    }

    [Fact]
    public async Task SavesOfWhatJustHappened_MarkNothing()
    {
        var seen = await ChangeCountAsync();
        var now = Now.UtcDateTime;

        await using (var db = await _core.DbAsync())
        {
            var invoice = await SentInvoiceAsync(db, _customerId, 60m, now, due: new(2026, 7, 15));
            await PaymentAsync(db, _customerId, 60m, now, invoice);
            var thread = await ThreadAsync(db, _customerId, now);
            await PostAsync(db, thread, Customer(_portalUserId), now);
            SignIn(db, _customerId, _portalUserId, now);
            Review(db, _customerId, 5, now);
            await db.SaveChangesAsync();
        }

        Assert.Equal(seen, await ChangeCountAsync());
    }

    [Fact]
    public void Median_AndPercentile_AreThoseOfTheSortedValues()
    {
        var random = new Random(7);
        foreach (var count in new[] { 1, 2, 3, 10, 11, 1000, 1001 })
        {
            // Few distinct values, so many are equal to the middle one.
            var values = Enumerable.Range(0, count).Select(_ => (double)random.Next(0, 40)).ToArray();
            var sorted = values.Order().ToArray();
            var median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;

            Assert.Equal(median, InsightsStatistics.Median(values));
            Assert.Equal(sorted[(int)Math.Ceiling(0.9 * count) - 1], InsightsStatistics.Percentile(values, 90));
        }
    }

    private async Task<Core.Messaging.MessageThread> WaitingSinceJune29Async()
    {
        await using var db = await _core.DbAsync();
        var thread = await ThreadAsync(db, _customerId, Utc(6, 29, 14));
        await PostAsync(db, thread, Customer(_portalUserId), Utc(6, 29, 14));
        return thread;
    }

    private async Task MakeAsync(string change, Core.Messaging.MessageThread? thread)
    {
        var now = Now.UtcDateTime;
        await using var db = await _core.DbAsync();
        switch (change)
        {
            case "estimate sent June 4 accepted today":
                var estimate = await db.Estimates.SingleAsync(e => e.CustomerId == _customerId);
                Succeed(estimate.Accept(new EstimateAcceptance("Pat Portal", now, "127.0.0.1", "test", _portalUserId), new DateOnly(2026, 7, 1)));
                await db.SaveChangesAsync();
                break;
            case "payment received June 12 refunded today":
                var payment = await db.Payments.SingleAsync(p => p.CustomerId == _customerId && p.PaidByPortalUserId == null);
                var refund = await _core.Get<PaymentService>().RefundAsync(CoreServices.Admin, payment.Id, 100m, "Part of the work redone", "refund-1", default);
                Assert.True(refund.Succeeded, refund.Message);
                break;
            case "check received June 20 entered today":
                var open = await db.Invoices.SingleAsync(i => i.CustomerId == _customerId && i.PaidAtUtc == null);
                await PaymentAsync(db, _customerId, 80m, Utc(6, 20, 15), open);
                break;
            case "customer message of June 29 answered today":
                var staff = await StaffAsync(db, "Riley Reply");
                db.Attach(thread!);
                await PostAsync(db, thread!, Staff(staff), now);
                break;
            case "customer message of June 29 answered today in Messages":
                // MessagingService writes a post's thread without SaveChanges, so it tells Insights itself.
                var replier = (await StaffAsync(db, "Avery App")).ToActor();
                var posted = await _core.Get<Core.Messaging.MessagingService>().PostAsync(replier, new(thread!.Id, Guid.NewGuid(), "We can come Tuesday."), default);
                Assert.True(posted.Succeeded, posted.Message);
                break;
        }
    }

    private async Task<InsightsReport> ReportAsync(InsightsPeriodChoice choice)
    {
        var report = await Insights.GetAsync(CoreServices.Admin, choice, default);
        Assert.True(report.Succeeded, report.Message);
        return report.Value!;
    }

    private async Task<InsightsReport> AfreshAsync(InsightsPeriodChoice choice)
    {
        await using (var db = await _core.DbAsync())
            await db.InsightsDays.ExecuteDeleteAsync();
        return await ReportAsync(choice);
    }

    private async Task<List<DateOnly>> KeptDaysAsync()
    {
        await using var db = await _core.DbAsync();
        return await db.InsightsDays.OrderBy(d => d.Day).Select(d => d.Day).ToListAsync();
    }

    private async Task<long> ChangeCountAsync()
    {
        await using var db = await _core.DbAsync();
        return await db.InsightsRollup.Select(r => r.ChangeCount).SingleAsync();
    }

    private async Task<Core.Company.CompanySettings> CompanyAsync() =>
        await _core.Get<Core.Company.CompanySettingsService>().GetAsync(default);

    /// <summary>Every figure, series and list of a report as text, to compare two reports.</summary>
    private static string Snapshot(InsightsReport report) => string.Join("\n",
        report.Figures.Select(f => FormattableString.Invariant($"{f.Key}: {f.Current.Value} ({f.Current.NotDefinedReason}) / {f.Previous.Value} ({f.Previous.NotDefinedReason})"))
            .Concat([
                string.Join(",", report.OverduePerWeek.Values.Select(v => v.ToString(CultureInfo.InvariantCulture))),
                string.Join(",", report.CollectedPerWeek.Values.Select(v => v.ToString(CultureInfo.InvariantCulture))),
                string.Join(",", report.SignInsPerWeek.Values.Select(v => v.ToString(CultureInfo.InvariantCulture))),
                report.PaymentChannels.ToString(),
                string.Join(",", report.ReviewDistribution),
                string.Join(";", report.ResponseByStaff.Select(s => s.ToString())),
            ]));
}
