using CustomerPortal.Core.Search;
using CustomerPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Search;

/// <summary>The FTS5 search table follows inserts, renames and deletes through its triggers, whatever wrote them.</summary>
[Trait("Database", "SqliteOnly")]
public sealed class SearchIndexTriggerTests : IAsyncLifetime
{
    private CoreServices _core = null!;

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private sealed record Hit(string Kind, int RecordId, int CustomerId);

    private async Task<List<Hit>> MatchAsync(string text)
    {
        await using var db = await _core.DbAsync();
        // A trigram phrase: the whole text as one quoted string, so punctuation in it is not FTS5 syntax.
        var phrase = "\"" + text.Replace("\"", "\"\"") + "\"";
        return await db.Database.SqlQuery<Hit>($"SELECT Kind, RecordId, CustomerId FROM SearchIndex WHERE SearchIndex MATCH {phrase} ORDER BY rowid")
            .ToListAsync();
    }

    [Fact]
    public async Task CustomerJobAndInvoice_AreFoundByNameFragmentNumberAndTitle()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db, "Müllerson", "Harbor Plumbing");
        var job = await TestRecords.JobAsync(db, customer.Id, "Replace the water heater");
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 120m);

        Assert.Equal([new Hit(SearchIndexKinds.Customer, customer.Id, customer.Id)], await MatchAsync("llerso"));
        Assert.Contains(new Hit(SearchIndexKinds.Customer, customer.Id, customer.Id), await MatchAsync("muller"));
        Assert.Contains(new Hit(SearchIndexKinds.Job, job.Id, customer.Id), await MatchAsync("WATER HEAT"));
        Assert.Contains(new Hit(SearchIndexKinds.Job, job.Id, customer.Id), await MatchAsync(job.Number));
        Assert.Contains(new Hit(SearchIndexKinds.Invoice, invoice.Id, customer.Id), await MatchAsync(invoice.Number));
    }

    [Fact]
    public async Task RenamedCustomer_IsFoundByTheNewNameOnly_AndADeletedOneNotAtAll()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db, "Oldname");

        await db.Database.ExecuteSqlAsync($"UPDATE Customers SET SearchText = 'zephyrine newname' WHERE Id = {customer.Id}");
        Assert.Empty(await MatchAsync("oldname"));
        Assert.Single(await MatchAsync("zephyrine"));

        await db.Database.ExecuteSqlAsync($"DELETE FROM Customers WHERE Id = {customer.Id}");
        Assert.Empty(await MatchAsync("zephyrine"));
    }
}
