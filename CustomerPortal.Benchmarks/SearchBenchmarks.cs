using BenchmarkDotNet.Attributes;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Search;

namespace CustomerPortal.Benchmarks;

/// <summary>
/// The staff app bar's search (StaffSearchService: FTS5 trigram index, then each kind's first hits by id) on the scale database
/// (50,000 customers, 500,000 invoices, 150,000 jobs, 100,000 estimates and their payments), one query per keystroke style,
/// beside the customer list's substring search on the same data as the baseline. Each measurement is one call.
/// Run: dotnet run -c Release --project CustomerPortal.Benchmarks -- --filter '*SearchBenchmarks*'
/// </summary>
[Config(typeof(PerQueryConfig))]
public class SearchBenchmarks
{
    private ScaleDatabase _data = null!;
    private StaffSearchService _search = null!;
    private CustomerService _customers = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _data = await ScaleDatabase.OpenAsync();
        _search = _data.Get<StaffSearchService>();
        _customers = _data.Get<CustomerService>();
        // The app serves searches all day: the first benchmark should not pay for compiling the query pipeline.
        foreach (var text in new[] { "gar", "555-012", "heater", "zzqx" }) await SearchAsync(text);
        var exact = await SearchAsync("INV-123456");
        if (exact.Groups.Count == 0 || exact.Groups[0].Hits[0] is not { IsExactNumber: true })
            throw new InvalidOperationException("The scale database has no INV-123456 to find.");
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _data.DisposeAsync();

    [Benchmark(Description = "Search: 3-char prefix of a last name ('gar', also in 'Garbage disposal' titles)")]
    public Task<StaffSearchResults> LastNamePrefix() => SearchAsync("gar");

    [Benchmark(Description = "Search: phone fragment typed with separators ('555-012')")]
    public Task<StaffSearchResults> PhoneFragment() => SearchAsync("555-012");

    [Benchmark(Description = "Search: part of an e-mail ('maria.ga')")]
    public Task<StaffSearchResults> EmailPart() => SearchAsync("maria.ga");

    [Benchmark(Description = "Search: full invoice number ('INV-123456')")]
    public Task<StaffSearchResults> InvoiceNumber() => SearchAsync("INV-123456");

    [Benchmark(Description = "Search: number fragment ('23456')")]
    public Task<StaffSearchResults> NumberFragment() => SearchAsync("23456");

    [Benchmark(Description = "Search: job title word ('heater', ~50,000 documents)")]
    public Task<StaffSearchResults> JobTitleWord() => SearchAsync("heater");

    [Benchmark(Description = "Search: no match ('zzqx')")]
    public Task<StaffSearchResults> NoMatch() => SearchAsync("zzqx");

    [Benchmark(Baseline = true, Description = "Baseline: customer list substring search ('ander')")]
    public Task<PagedList<CustomerListRow>> ListLastName() => ListAsync("ander");

    [Benchmark(Description = "Baseline: customer list substring search ('maria.ga')")]
    public Task<PagedList<CustomerListRow>> ListEmail() => ListAsync("maria.ga");

    [Benchmark(Description = "Baseline: customer list substring search, no match ('zzqx')")]
    public Task<PagedList<CustomerListRow>> ListNoMatch() => ListAsync("zzqx");

    private async Task<StaffSearchResults> SearchAsync(string text)
    {
        var result = await _search.SearchAsync(ScaleDatabase.Staff, text, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Message);
    }

    private async Task<PagedList<CustomerListRow>> ListAsync(string text)
    {
        var result = await _customers.ListAsync(ScaleDatabase.Staff, new CustomerListQuery(text), CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Message);
    }
}
