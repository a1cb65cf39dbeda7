using System.Globalization;

namespace CustomerPortal.LoadTest;

/// <summary>The scale mode's command line: the load tool's own options plus the connection counts to step through.</summary>
public sealed record ScaleOptions(LoadOptions Load, IReadOnlyList<int> Steps, double P99Factor, IReadOnlyList<string> InstanceCpus)
{
    public const string Usage = """
        CustomerPortal.LoadTest scale: one throw-away PostgreSQL, Redis and nginx; at each connection count, the messaging
        hub on ONE app instance (clients direct) and on TWO instances behind nginx (clients spread by their own
        cp_affinity cookie, messages between instances over Redis); prints both and the ratio of connections carried.

          --steps N1,N2,...   connection counts to measure (default: --connections alone)
          --connections N     the single count when --steps is not given (default 1000)
          --rate R            messages per second at the first step; later steps send in proportion to their count
          --duration S        seconds of sending per measurement (default 30)
          --p99-factor F      a count is carried while its p99 stays within F x the one-instance p99 at the first step (default 2)
          --instance-cpus A,B taskset CPU of the first and the second instance (default 0,1)
          --staff, --users-per-customer, --body-length, --web, --keep   as in the plain mode
        """;

    public int StepRate(int step) => (int)Math.Max(1, Math.Round(Load.Rate * step / Steps[0]));

    public static ScaleOptions Parse(string[] args)
    {
        var loadArgs = new List<string>();
        string? steps = null;
        var factor = 2.0;
        string[] cpus = ["0", "1"];
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--steps": steps = Next(); break;
                case "--p99-factor": factor = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--instance-cpus": cpus = Next().Split(','); break;
                case "--server-cpu" or "--data" or "--scenarios": throw new ArgumentException($"{args[i]} is not for the scale mode.\n\n{Usage}");
                default: loadArgs.Add(args[i]); break;
            }
        }
        var load = LoadOptions.Parse([.. loadArgs]);
        int[] counts = steps is null ? [load.Connections] : [.. steps.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order()];
        if (counts[0] < 4 || factor < 1 || cpus.Length != 2) throw new ArgumentException($"Steps at least 4, factor at least 1, two CPUs.\n\n{Usage}");
        // Seeding is for the largest step; the staff count follows it so that every step has the same staff.
        return new ScaleOptions(load with { Connections = counts[^1] }, counts, factor, cpus);
    }
}
