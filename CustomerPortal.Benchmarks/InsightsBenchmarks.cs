using BenchmarkDotNet.Attributes;
using CustomerPortal.Core.Insights;

namespace CustomerPortal.Benchmarks;

/// <summary>
/// The whole Insights page's data (every figure, the previous period and the weekly series) on the scale database
/// (50,000 customers, 500,000 invoices over three years), through InsightsService as the page calls it. Goal: under
/// 100 ms median each.
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

    private async Task<InsightsReport> ReportAsync(InsightsPreset preset)
    {
        var result = await _insights.GetAsync(ScaleDatabase.Admin, new InsightsPeriodChoice(preset), CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Message);
    }
}
