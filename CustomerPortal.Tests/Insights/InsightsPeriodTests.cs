using CustomerPortal.Core.Common;
using CustomerPortal.Core.Insights;
using static CustomerPortal.Tests.Insights.InsightsData;

namespace CustomerPortal.Tests.Insights;

public sealed class InsightsPeriodTests : IAsyncLifetime
{
    private CoreServices _core = null!;
    private InsightsService Insights => _core.Get<InsightsService>();

    public async Task InitializeAsync()
    {
        _core = await CoreServices.StartAsync();
        await UseCompanyZoneAsync(_core);
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Theory]
    // Today is Wednesday 2026-08-19 in each row.
    [InlineData(InsightsPreset.Last7Days, "2026-08-13", "2026-08-19", "2026-08-06", "2026-08-12")]
    [InlineData(InsightsPreset.Last30Days, "2026-07-21", "2026-08-19", "2026-06-21", "2026-07-20")]
    [InlineData(InsightsPreset.ThisMonth, "2026-08-01", "2026-08-19", "2026-07-13", "2026-07-31")]
    [InlineData(InsightsPreset.LastMonth, "2026-07-01", "2026-07-31", "2026-05-31", "2026-06-30")]
    [InlineData(InsightsPreset.ThisQuarter, "2026-07-01", "2026-08-19", "2026-05-12", "2026-06-30")]
    [InlineData(InsightsPreset.ThisYear, "2026-01-01", "2026-08-19", "2025-05-15", "2025-12-31")]
    public void Resolve_Presets_AndThePreviousPeriodOfTheSameLength(InsightsPreset preset, string from, string to, string previousFrom, string previousTo)
    {
        var period = InsightsPeriod.Resolve(new InsightsPeriodChoice(preset), new DateOnly(2026, 8, 19)).Value!;

        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), (period.From, period.To));
        Assert.Equal((DateOnly.Parse(previousFrom), DateOnly.Parse(previousTo)), (period.Previous.From, period.Previous.To));
        Assert.Equal(period.Days, period.Previous.Days);
    }

    [Theory]
    [InlineData("2026-08-10", "2026-08-09")]
    [InlineData("2026-08-10", "2026-08-20")]
    [InlineData("2024-01-01", "2026-08-19")]
    public void Resolve_CustomBackwardsInTheFutureOrTooLong_IsInvalid(string from, string to)
    {
        var result = InsightsPeriod.Resolve(new InsightsPeriodChoice(InsightsPreset.Custom, DateOnly.Parse(from), DateOnly.Parse(to)), new DateOnly(2026, 8, 19));

        Assert.Equal(ResultKind.Invalid, result.Kind);
    }

    [Fact]
    public void Weeks_StartOnTheFirstDay_AndTheLastMayBeShort()
    {
        var weeks = new InsightsPeriod(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 16)).Weeks();

        Assert.Equal([(1, 7), (8, 14), (15, 16)], weeks.Select(w => (w.From.Day, w.To.Day)).ToList());
    }

    [Theory]
    [InlineData(new double[] { 3 }, 3, 3)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5, 4)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5.5, 9)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, 6, 10)]
    public void MedianAndP90_NearestRank(double[] values, double median, double p90)
    {
        Assert.Equal(median, InsightsStatistics.Median(values));
        Assert.Equal(p90, InsightsStatistics.Percentile(values, 90));
    }

    [Fact]
    public void Statistics_OfNothing_AreNotDefined()
    {
        Assert.Null(InsightsStatistics.Median([]));
        Assert.Null(InsightsStatistics.Percentile([], 90));
        Assert.Null(InsightsStatistics.Percent(0, 0));
    }

    [Fact]
    public async Task EmptyPeriod_FiguresOfNothing_AreNotDefinedWithAReason_CountsAreZero()
    {
        var report = (await Insights.GetAsync(CoreServices.Admin, June, default)).Value!;

        var notDefined = new[]
        {
            report.PaymentTime, report.PaymentTimePortal, report.PaymentTimeManual, report.PaidOnTime, report.QuoteConversion,
            report.QuoteAnswerDays, report.PortalAdoption, report.PortalPaymentShare, report.FirstResponseMedian, report.FirstResponseP90,
            report.ReviewAverage,
        };
        Assert.All(notDefined, f =>
        {
            Assert.Null(f.Current.Value);
            Assert.False(string.IsNullOrWhiteSpace(f.Current.NotDefinedReason));
            Assert.Null(f.Previous.Value);
            Assert.Null(f.Change);
        });
        Assert.Equal("No invoice was paid in full in this period.", report.PaymentTime.Current.NotDefinedReason);
        Assert.Equal("No estimate was sent in this period.", report.QuoteConversion.Current.NotDefinedReason);
        foreach (var zero in new[] { report.OverdueAtEnd, report.Collected, report.PortalSignIns, report.ReviewCount })
            Assert.Equal((0d, 0d), (zero.Current.Value, zero.Previous.Value));
        Assert.All(report.CollectedPerWeek.Values, v => Assert.Equal(0, v));
        Assert.Empty(report.ResponseByStaff);
    }

    [Fact]
    public async Task Boundaries_PaidAt2330LocalOnTheLastDayCounts_0030TheNextDayDoesNot()
    {
        await using (var db = await _core.DbAsync())
        {
            var customer = await CustomerAsync(db, "Boundary");
            var late = await SentInvoiceAsync(db, customer.Id, 100m, Utc(6, 20, 12), due: new(2026, 7, 31));
            await PaymentAsync(db, customer.Id, 100m, Utc(7, 1, 3, 30), late); // 23:30 on Jun 30 in New York
            var next = await SentInvoiceAsync(db, customer.Id, 100m, Utc(6, 20, 12), due: new(2026, 7, 31));
            await PaymentAsync(db, customer.Id, 100m, Utc(7, 1, 4, 30), next); // 00:30 on Jul 1
            var first = await SentInvoiceAsync(db, customer.Id, 100m, Utc(5, 20, 12), due: new(2026, 7, 31));
            await PaymentAsync(db, customer.Id, 100m, Utc(6, 1, 4, 0), first); // 00:00 on Jun 1: June
        }

        var report = (await Insights.GetAsync(CoreServices.Admin, June, default)).Value!;

        // Two paid in June: 10 d 15.5 h = 10.645833 and 11 d 16 h = 11.666667 days -> median 11.15625; both on time; 200 collected.
        Assert.Equal(11.15625, report.PaymentTime.Current.Value!.Value, 5);
        Assert.Equal(100, report.PaidOnTime.Current.Value);
        Assert.Equal(200, report.Collected.Current.Value);
        Assert.Equal(100, report.CollectedPerWeek.Values[^1]);
        Assert.Equal(100, report.CollectedPerWeek.Values[0]);
        Assert.Equal("No invoice was paid in full in this period.", report.PaymentTime.Previous.NotDefinedReason);
    }
}
