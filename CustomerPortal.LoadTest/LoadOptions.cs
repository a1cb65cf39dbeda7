namespace CustomerPortal.LoadTest;

/// <summary>The command line: <c>--connections 1000 --rate 300 --duration 30</c> and the less common knobs.</summary>
public sealed record LoadOptions
{
    public int Connections { get; init; } = 1000;
    public double Rate { get; init; } = 300;
    public int DurationSeconds { get; init; } = 30;
    public int Staff { get; init; }
    public int UsersPerCustomer { get; init; } = 2;
    public int BodyLength { get; init; } = 120;
    public string ServerCpu { get; init; } = "0";
    public string? WebDll { get; init; }
    public string? DataFolder { get; init; }
    public bool Keep { get; init; }
    public string Scenarios { get; init; } = "echo,messages";

    public int StaffConnections => Staff > 0 ? Staff : Math.Clamp(Connections / 200, 2, 50);
    public int PortalConnections => Connections - StaffConnections;

    public const string Usage = """
        CustomerPortal.LoadTest: signs in portal users and staff, connects them to the messaging hub, sends at a set rate
        and measures delivery; then does the same against a bare echo hub in the same app and prints the ratios.

          --connections N     hub connections in all, portal users and staff (default 1000)
          --rate R            messages per second sent in all (default 300)
          --duration S        seconds of sending per hub (default 30)
          --staff S           how many of the connections are staff (default connections/200, 2..50)
          --users-per-customer U   portal users sharing each customer's job thread (default 2)
          --body-length L     characters per message (default 120)
          --server-cpu C      taskset CPU list for the server process; "" to not pin (default 0)
          --web PATH          CustomerPortal.Web.dll to run (default: the Release build beside this project)
          --data PATH         folder for the fresh SQLite file (default: a new folder under /dev/shm or the temp folder)
          --scenarios LIST    echo,messages (default both)
          --keep              keep the data folder and server logs

        Run the tool itself on the other core:  taskset -c 1 dotnet CustomerPortal.LoadTest.dll --connections 1000 ...
        """;

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--connections" => options with { Connections = int.Parse(Next()) },
                "--rate" => options with { Rate = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--duration" => options with { DurationSeconds = int.Parse(Next()) },
                "--staff" => options with { Staff = int.Parse(Next()) },
                "--users-per-customer" => options with { UsersPerCustomer = int.Parse(Next()) },
                "--body-length" => options with { BodyLength = int.Parse(Next()) },
                "--server-cpu" => options with { ServerCpu = Next() },
                "--web" => options with { WebDll = Next() },
                "--data" => options with { DataFolder = Next() },
                "--scenarios" => options with { Scenarios = Next() },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown argument {args[i]}.\n\n{Usage}"),
            };
        }
        if (options.Connections < 4 || options.Rate <= 0 || options.DurationSeconds < 1 || options.UsersPerCustomer < 1)
            throw new ArgumentException($"Connections at least 4, rate and duration above 0.\n\n{Usage}");
        return options;
    }
}
