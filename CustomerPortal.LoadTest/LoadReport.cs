using System.Globalization;

namespace CustomerPortal.LoadTest;

/// <summary>The figures of each hub side by side, and the messaging hub's as ratios to the echo hub's.</summary>
public static class LoadReport
{
    public static void Print(LoadOptions options, IReadOnlyList<RunFigures> results)
    {
        var echo = results.FirstOrDefault(r => r.Name == "echo hub");
        var rows = new (string Label, Func<RunFigures, double> Value, string Format, bool Ratio)[]
        {
            ("messages sent (acknowledged)", r => r.Acknowledged, "0", false),
            ("sent per second", r => r.SentPerSecond, "0.0", true),
            ("deliveries", r => r.Delivered, "0", false),
            ("deliveries per second", r => r.DeliveredPerSecond, "0.0", true),
            ("delivery latency p50 (ms)", r => r.P50, "0.00", true),
            ("delivery latency p95 (ms)", r => r.P95, "0.00", true),
            ("delivery latency p99 (ms)", r => r.P99, "0.00", true),
            ("delivery latency max (ms)", r => r.Max, "0.00", true),
            ("send acknowledged p50 (ms)", r => r.AckP50, "0.00", true),
            ("send acknowledged p99 (ms)", r => r.AckP99, "0.00", true),
            ("errors", r => r.Errors, "0", false),
            ("lost", r => r.Lost, "0", false),
            ("duplicated", r => r.Duplicates, "0", false),
            ("out of order", r => r.OutOfOrder, "0", false),
            ("to someone not on the thread", r => r.Unexpected, "0", false),
            ("connections dropped", r => r.Dropped, "0", false),
            ("server RSS before connecting (MB)", r => r.RssBefore / 1048576.0, "0.0", false),
            ("server RSS per connection (KB)", r => r.BytesPerConnection / 1024, "0.0", true),
        };

        Console.WriteLine();
        Console.WriteLine($"{options.Connections} connections, {options.Rate} msg/s for {options.DurationSeconds} s, {options.BodyLength}-character messages");
        var header = $"{"",-36}" + string.Concat(results.Select(r => $"{r.Name,14}")) + (echo is null ? "" : $"{"ratio to echo",16}");
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        foreach (var (label, value, format, ratio) in rows)
        {
            var line = $"{label,-36}" + string.Concat(results.Select(r => $"{value(r).ToString(format, CultureInfo.InvariantCulture),14}"));
            var ours = results.FirstOrDefault(r => r != echo);
            if (echo is not null && ours is not null && ratio)
                line += $"{(value(ours) / value(echo)).ToString("0.00", CultureInfo.InvariantCulture) + "x",16}";
            Console.WriteLine(line);
        }
        foreach (var r in results.Where(r => r.ErrorSamples.Count > 0))
            Console.WriteLine($"{r.Name} errors, e.g.: {string.Join(" | ", r.ErrorSamples)}");
    }
}
