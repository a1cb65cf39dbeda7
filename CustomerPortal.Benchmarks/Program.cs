using BenchmarkDotNet.Running;

// Run one benchmark class with: dotnet run -c Release --project CustomerPortal.Benchmarks -- --filter '*ClassName*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
