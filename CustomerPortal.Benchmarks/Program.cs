using BenchmarkDotNet.Running;
using CustomerPortal.Benchmarks;

// Run one benchmark class with: dotnet run -c Release --project CustomerPortal.Benchmarks -- --filter '*ClassName*'
// Build (or reuse) the scale database and print what it holds: ... -- scale
if (args is ["scale", ..])
{
    await ScaleDatabase.PrintSummaryAsync(Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
