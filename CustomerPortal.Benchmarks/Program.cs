using BenchmarkDotNet.Running;
using CustomerPortal.Benchmarks;

// Run one benchmark class with: dotnet run -c Release --project CustomerPortal.Benchmarks -- --filter '*ClassName*'
// Build (or reuse) the scale database and print what it holds: ... -- scale
if (args is ["scale", ..])
{
    await ScaleDatabase.PrintSummaryAsync(Console.Out);
    return;
}
// Write the Insights figures of the benchmark periods as JSON, to compare two versions on the same data:
// ... -- insights-report [a scale database file, perhaps made by an older schema]
if (args is ["insights-report", ..])
{
    await using var data = args.Length > 1 ? await ScaleDatabase.OpenCopyAsync(args[1]) : await ScaleDatabase.OpenAsync();
    var insights = data.Get<CustomerPortal.Core.Insights.InsightsService>();
    // A period's Previous is made on each read, so the serializer would follow it for ever.
    var json = new System.Text.Json.JsonSerializerOptions
    {
        WriteIndented = true,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers = { type => { if (type.Type == typeof(CustomerPortal.Core.Insights.InsightsPeriod)) type.Properties.Remove(type.Properties.Single(p => p.Name == "Previous")); } },
        },
    };
    foreach (var preset in new[] { CustomerPortal.Core.Insights.InsightsPreset.Last30Days, CustomerPortal.Core.Insights.InsightsPreset.ThisYear })
    {
        var report = await insights.GetAsync(ScaleDatabase.Admin, new(preset), CancellationToken.None);
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(report.Value, json));
    }
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

