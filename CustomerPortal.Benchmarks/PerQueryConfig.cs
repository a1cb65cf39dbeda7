using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CustomerPortal.Benchmarks;

/// <summary>One call per measurement (so the statistics are per query), short enough to finish in a few minutes.</summary>
public sealed class PerQueryConfig : ManualConfig
{
    public PerQueryConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(10)
            .WithIterationCount(101)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Min, StatisticColumn.Max);
    }
}
