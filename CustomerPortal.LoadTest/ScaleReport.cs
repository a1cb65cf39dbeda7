using System.Globalization;

namespace CustomerPortal.LoadTest;

/// <summary>The scale mode's table, one row per connection count and instance count, and the ratio of connections carried.</summary>
public static class ScaleReport
{
    public static void Print(ScaleOptions scale, IReadOnlyList<ScaleRow> rows)
    {
        static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"Messaging hub, {scale.Load.DurationSeconds} s of sending per row, {scale.Load.BodyLength}-character messages");
        var header = $"{"connections",11}{"msg/s",8}{"instances",10}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}{"max ms",9}" +
            $"{"errors",7}{"lost",6}{"dup",5}{"order",6}{"dropped",8}  per instance";
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        foreach (var row in rows)
        {
            var f = row.Figures;
            Console.WriteLine($"{row.Connections,11}{F(row.Rate, "0"),8}{row.Instances,10}{F(f.P50, "0.0"),9}{F(f.P95, "0.0"),9}{F(f.P99, "0.0"),9}{F(f.Max, "0.0"),9}" +
                $"{f.Errors,7}{f.Lost,6}{f.Duplicates,5}{f.OutOfOrder,6}{f.Dropped,8}  {string.Join(" / ", f.ConnectionsPerServer)}");
        }
        foreach (var row in rows.Where(r => r.Figures.ErrorSamples.Count > 0))
            Console.WriteLine($"{row.Connections} connections on {row.Instances} instance(s), errors, e.g.: {string.Join(" | ", row.Figures.ErrorSamples)}");

        var baseline = rows.First(r => r.Instances == 1);
        var budget = baseline.Figures.P99 * scale.P99Factor;
        int? Carried(int instances) => rows.Where(r => r.Instances == instances && r.Clean && r.Figures.P99 <= budget).Select(r => (int?)r.Connections).Max();
        var one = Carried(1);
        var two = Carried(2);
        Console.WriteLine();
        Console.WriteLine($"Rule: a configuration carries the largest count with no errors, losses, duplicates, reorderings or drops and a p99 within " +
            $"{F(scale.P99Factor, "0.##")} x the one-instance p99 at {baseline.Connections} connections ({F(baseline.Figures.P99, "0.0")} ms), i.e. within {F(budget, "0.0")} ms.");
        Console.WriteLine($"One instance carries {one?.ToString(CultureInfo.InvariantCulture) ?? "none of the counts"}; " +
            $"two carry {two?.ToString(CultureInfo.InvariantCulture) ?? "none of the counts"}.");
        if (one is int a && two is int b)
        {
            Console.WriteLine($"Ratio: {F(b / (double)a, "0.00")}x" +
                (b == scale.Steps[^1] ? " (two instances carried the largest step, so the ratio is a lower bound: add larger steps)." : "."));
        }
    }
}
