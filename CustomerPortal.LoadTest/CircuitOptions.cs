namespace CustomerPortal.LoadTest;

/// <summary>The command line of the circuit-memory benchmark: <c>circuits --count 100</c> and the less common knobs.</summary>
public sealed record CircuitOptions
{
    public int Count { get; init; } = 100;
    public int Parallel { get; init; } = 4;
    public string ServerCpu { get; init; } = "0";
    public string? WebDll { get; init; }
    public string Scenarios { get; init; } = "counter,dashboard,invoice";
    public bool Keep { get; init; }
    public bool GcDump { get; init; }

    /// <summary>Pages opened (and left open) before the first measurement, so start-up work is not counted per circuit.</summary>
    public const int WarmUpPages = 3;

    public const string Usage = """
        CustomerPortal.LoadTest circuits: opens N signed-in portal pages in Chromium, each in its own browser context (its
        own user and circuit), and measures the server's memory per circuit; the same against the Blazor template's
        counter page, generated and published in the same run.

          --count N           pages (circuits) per scenario (default 100)
          --parallel P        pages opening at once (default 4)
          --server-cpu C      taskset CPU list for the server process; "" to not pin (default 0)
          --web PATH          a published CustomerPortal.Web.dll (default: publish the app into the run's temp folder)
          --scenarios LIST    counter,dashboard,invoice (default all; the ratios need counter)
          --keep              keep the temp folder (published apps, data, server logs)
          --gcdump            also write a heap dump of each server before and after its pages open, into the temp
                              folder (needs dotnet-gcdump on PATH; read with: dotnet-gcdump report FILE); implies --keep

        Run the tool itself (and so Chromium) on the other core:  taskset -c 1 dotnet CustomerPortal.LoadTest.dll circuits
        """;

    public static CircuitOptions Parse(string[] args)
    {
        var options = new CircuitOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--count" => options with { Count = int.Parse(Next()) },
                "--parallel" => options with { Parallel = int.Parse(Next()) },
                "--server-cpu" => options with { ServerCpu = Next() },
                "--web" => options with { WebDll = Next() },
                "--scenarios" => options with { Scenarios = Next() },
                "--keep" => options with { Keep = true },
                "--gcdump" => options with { GcDump = true, Keep = true },
                _ => throw new ArgumentException($"Unknown argument {args[i]}.\n\n{Usage}"),
            };
        }
        if (options.Count < 1 || options.Parallel < 1)
            throw new ArgumentException($"Count and parallel at least 1.\n\n{Usage}");
        return options;
    }
}
