using BenchmarkDotNet.Attributes;
using CustomerPortal.Core.Home;

namespace CustomerPortal.Benchmarks;

/// <summary>
/// The staff home ("Today") on the scale database (50,000 customers, 500,000 invoices and the records around them): the
/// whole board as the page loads it, every section. Each measurement is one call. Goal: under 100 ms median.
/// Run: dotnet run -c Release --project CustomerPortal.Benchmarks -- --filter '*TodayBenchmarks*'
/// </summary>
[Config(typeof(PerQueryConfig))]
public class TodayBenchmarks
{
    private ScaleDatabase _data = null!;
    private TodayService _today = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _data = await ScaleDatabase.OpenAsync();
        _today = _data.Get<TodayService>();
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _data.DisposeAsync();

    [Benchmark(Description = "Today: the whole board (TodayService.GetAsync)")]
    public async Task<TodayBoard> Board() => (await _today.GetAsync(ScaleDatabase.Staff, CancellationToken.None)).Value!;
}
