using CustomerPortal.Core.Common;
using BenchmarkDotNet.Attributes;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Customers;

namespace CustomerPortal.Benchmarks;

/// <summary>
/// The staff customer list and a customer's portal tab on the scale database (50,000 customers, 100,000 portal users),
/// through the same Core query methods the pages use. Each measurement is one call, so Median and P95 are per query.
/// Run: dotnet run -c Release --project CustomerPortal.Benchmarks -- --filter '*Customer*'
/// </summary>
[Config(typeof(PerQueryConfig))]
public class CustomerListBenchmarks
{
    private static readonly Actor Staff = ScaleDatabase.Staff;

    private ScaleDatabase _data = null!;
    private CustomerService _customers = null!;
    private CustomerPortalService _portal = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _data = await ScaleDatabase.OpenAsync();
        _customers = _data.Get<CustomerService>();
        _portal = _data.Get<CustomerPortalService>();
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _data.DisposeAsync();

    [Benchmark(Description = "List: search part of a last name ('ander'), sort by name, page 1")]
    public Task<PagedList<CustomerListRow>> SearchLastName() => ListAsync(new CustomerListQuery("ander"));

    [Benchmark(Description = "List: search part of an e-mail ('maria.ga'), sort by name, page 1")]
    public Task<PagedList<CustomerListRow>> SearchEmail() => ListAsync(new CustomerListQuery("maria.ga"));

    [Benchmark(Description = "List: search a company word ('plumbing'), sort by e-mail desc, page 3")]
    public Task<PagedList<CustomerListRow>> SearchCompanySortedByEmail() => ListAsync(new CustomerListQuery("plumbing", CustomerSort.Email, true, Page: 2));

    [Benchmark(Description = "List: search that matches nothing ('zzqx'), whole index scanned")]
    public Task<PagedList<CustomerListRow>> SearchNoMatch() => ListAsync(new CustomerListQuery("zzqx"));

    [Benchmark(Description = "List: no search, sort by name, page 1")]
    public Task<PagedList<CustomerListRow>> FirstPage() => ListAsync(new CustomerListQuery());

    [Benchmark(Description = "List: no search, sort by name, page 1000 (offset 24,975)")]
    public Task<PagedList<CustomerListRow>> DeepPage() => ListAsync(new CustomerListQuery(Page: 999));

    [Benchmark(Description = "List: no search, newest first, archived included, page 1")]
    public Task<PagedList<CustomerListRow>> NewestWithArchived() => ListAsync(new CustomerListQuery(Sort: CustomerSort.Created, Descending: true, IncludeArchived: true));

    [Benchmark(Description = "Profile: customer with contacts and addresses (CustomerService.GetAsync)")]
    public async Task<CustomerDetails> Profile() => (await _customers.GetAsync(Staff, 31_337, CancellationToken.None)).Value!;

    /// <summary>The portal tab's load: the customer's portal fields, its users and the contacts offered as e-mails.</summary>
    [Benchmark(Description = "Portal tab: customer + its portal users + contact e-mails (CustomerPortalService.GetAsync)")]
    public async Task<CustomerPortalView> PortalTab() => (await _portal.GetAsync(Staff, 24_680, CancellationToken.None)).Value!;

    private async Task<PagedList<CustomerListRow>> ListAsync(CustomerListQuery query)
    {
        var result = await _customers.ListAsync(Staff, query, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Message);
    }
}
