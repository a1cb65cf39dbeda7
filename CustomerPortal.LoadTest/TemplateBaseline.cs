using System.Diagnostics;

namespace CustomerPortal.LoadTest;

/// <summary>
/// The baseline of the circuit benchmark: the project <c>dotnet new blazor --interactivity Server</c> makes, generated
/// into the run's temp folder (nothing of it is committed), with the app's memory probe written into its Program.cs, and
/// published in Release like the app.
/// </summary>
public static class TemplateBaseline
{
    public const string CounterPath = "counter";

    /// <summary>The same endpoint as the app's <c>MemoryProbeEndpoint</c>, as one line of the template's Program.cs.</summary>
    private const string MemoryProbeLine = """app.MapGet("/load-test/memory", () => GC.GetTotalMemory(forceFullCollection: true));""";

    public static async Task<string> CreateAsync(string workFolder)
    {
        var source = Path.Combine(workFolder, "template-src");
        var output = Path.Combine(workFolder, "template-app");
        await Dotnet.RunAsync(workFolder, "new", "blazor", "--interactivity", "Server", "--no-https", "-n", "CounterBaseline", "-o", source);
        var program = Path.Combine(source, "Program.cs");
        var code = await File.ReadAllTextAsync(program);
        const string run = "app.Run();";
        if (!code.Contains(run, StringComparison.Ordinal)) throw new InvalidOperationException($"The template's Program.cs has no {run}: {program}");
        await File.WriteAllTextAsync(program, code.Replace(run, MemoryProbeLine + "\n" + run, StringComparison.Ordinal));
        await Dotnet.PublishAsync(Path.Combine(source, "CounterBaseline.csproj"), output, workFolder);
        return Path.Combine(output, "CounterBaseline.dll");
    }
}

/// <summary>The dotnet command line, its output kept in a log beside the run.</summary>
public static class Dotnet
{
    /// <summary>Publishes a project in Release (static files of packages included, so it runs outside Development).</summary>
    public static async Task PublishAsync(string project, string output, string workFolder) =>
        await RunAsync(workFolder, "publish", project, "-c", "Release", "-o", output, "--nologo");

    /// <summary>A heap dump of a running .NET process, with the dotnet-gcdump tool.</summary>
    public static Task GcDumpAsync(int pid, string file, string workFolder) =>
        RunProgramAsync("dotnet-gcdump", workFolder, "collect", "-p", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", file);

    public static Task RunAsync(string workFolder, params string[] args) => RunProgramAsync("dotnet", workFolder, args);

    private static async Task RunProgramAsync(string program, string workFolder, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var log = Path.Combine(workFolder, "dotnet.log");
        await File.AppendAllTextAsync(log, $"$ {program} {string.Join(' ', args)}\n{await stdout}{await stderr}\n");
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {args[0]} failed ({process.ExitCode}); see {log}.");
        Console.WriteLine($"{program} {args[0]} {Path.GetFileName(args[1])}: {clock.Elapsed.TotalSeconds:0} s.");
    }
}
