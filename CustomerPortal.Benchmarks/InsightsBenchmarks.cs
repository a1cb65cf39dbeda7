using BenchmarkDotNet.Attributes;
using CustomerPortal.Core.Insights;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Benchmarks;

/// <summary>
/// The whole Insights page's data (every figure, the previous period and the weekly series) on the scale database
/// (50,000 customers, 500,000 invoices over three years), through InsightsService as the page calls it. Goal: under
/// 100 ms median each. The first two run on the days kept by the reports before them (the warm-up keeps them); the
/// others measure the counting a report does when days are not kept yet or were changed.
/// Run: nice -n 19 dotnet run -c Release --project CustomerPortal.Benchmarks -- --filter '*InsightsBenchmarks*'
/// </summary>
[Config(typeof(PerQueryConfig))]
public class InsightsBenchmarks
{
    private ScaleDatabase _data = null!;
    private InsightsService _insights = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _data = await ScaleDatabase.OpenAsync();
        _insights = _data.Get<InsightsService>();
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _data.DisposeAsync();

    [Benchmark(Description = "Insights: last 30 days and the 30 before")]
    public Task<InsightsReport> Last30Days() => ReportAsync(InsightsPreset.Last30Days);

    [Benchmark(Description = "Insights: this year (Jan 1 to Nov 30) and the 334 days before")]
    public Task<InsightsReport> ThisYear() => ReportAsync(InsightsPreset.ThisYear);

    [IterationSetup(Targets = [nameof(Last30DaysAfterAChangeToYesterday)])]
    public void ForgetYesterday() => Forget(d => d.Day >= new DateOnly(2026, 11, 28));

    /// <summary>A save that changed yesterday (a reply to a customer who wrote then) removes it and the days beside it.</summary>
    [Benchmark(Description = "Insights: last 30 days, after a save changed yesterday (3 days counted again)")]
    public Task<InsightsReport> Last30DaysAfterAChangeToYesterday() => ReportAsync(InsightsPreset.Last30Days);

    [IterationSetup(Targets = [nameof(Last30DaysFirstReport), nameof(ThisYearFirstReport)])]
    public void ForgetEveryDay() => Forget(_ => true);

    [Benchmark(Description = "Insights: last 30 days, first report (no day kept yet)")]
    public Task<InsightsReport> Last30DaysFirstReport() => ReportAsync(InsightsPreset.Last30Days);

    [Benchmark(Description = "Insights: this year, first report (no day kept yet)")]
    public Task<InsightsReport> ThisYearFirstReport() => ReportAsync(InsightsPreset.ThisYear);

    private void Forget(System.Linq.Expressions.Expression<Func<InsightsDay, bool>> which)
    {
        using var db = _data.DbAsync().GetAwaiter().GetResult();
        db.InsightsDays.Where(which).ExecuteDelete();
    }

    private async Task<InsightsReport> ReportAsync(InsightsPreset preset)
    {
        var result = await _insights.GetAsync(ScaleDatabase.Admin, new InsightsPeriodChoice(preset), CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Message);
    }
}
