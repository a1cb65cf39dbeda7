using CustomerPortal.Core.Customers;

namespace CustomerPortal.Tests.Customers;

public sealed class CustomerLookupTests : IAsyncLifetime
{
    private CoreServices _core = null!;

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Theory]
    [InlineData("muller")]
    [InlineData("MÜLLER")]
    [InlineData("hans mul")]
    [InlineData("(312) 555-0199")]
    [InlineData("bau gmbh")]
    public async Task SearchAsync_MatchesAsTheCustomerListDoes(string text)
    {
        await using var db = await _core.DbAsync();
        var customer = TestRecords.NewCustomer("Hans", "Müller", "Bau GmbH", "hans@example.test", DateTime.UtcNow, "312-555-0199");
        db.Customers.Add(customer);
        db.Customers.Add(TestRecords.NewCustomer("Other", "Person", "", "other@example.test", DateTime.UtcNow));
        await db.SaveChangesAsync();

        var found = await _core.Get<CustomerLookup>().SearchAsync(CoreServices.Staff, text, default);

        Assert.Equal([customer.Id], found.Select(c => c.Id));
    }

    [Fact]
    public async Task SearchAsync_ForACustomerActor_FindsNothing()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db, "Visible");

        Assert.Empty(await _core.Get<CustomerLookup>().SearchAsync(TestActors.Customer(customer.Id), "visible", default));
    }
}
