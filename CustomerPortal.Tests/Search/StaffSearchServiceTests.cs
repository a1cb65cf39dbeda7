using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Search;
using CustomerPortal.Tests.Support;

namespace CustomerPortal.Tests.Search;

/// <summary>The staff app bar's search over the trigram index, through the service the app bar calls.</summary>
public sealed class StaffSearchServiceTests : IAsyncLifetime
{
    private CoreServices _core = null!;
    private StaffSearchService _search = null!;

    public async Task InitializeAsync()
    {
        _core = await CoreServices.StartAsync();
        _search = _core.Get<StaffSearchService>();
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private async Task<StaffSearchResults> SearchAsync(string text)
    {
        var result = await _search.SearchAsync(CoreServices.Staff, text, default);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    private static IReadOnlyList<StaffSearchHit> HitsOf(StaffSearchResults results, StaffSearchKind kind) =>
        results.Groups.SingleOrDefault(g => g.Kind == kind)?.Hits ?? [];

    private async Task<Customer> CustomerAsync(string first, string last, string company = "", string email = "", string phone = "555-0100")
    {
        await using var db = await _core.DbAsync();
        var customer = TestRecords.NewCustomer(first, last, company, email.Length > 0 ? email : TestAccounts.UniqueEmail("c"), TestRecords.Created, phone);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    [Fact]
    public async Task Search_PhoneFragmentTypedWithSeparators_FindsTheCustomer()
    {
        var customer = await CustomerAsync("Rita", "Okafor", phone: "+1 (312) 555-0187");
        await CustomerAsync("Other", "Person", phone: "(212) 555-0100");

        var results = await SearchAsync("(312) 555-01");

        var hit = Assert.Single(HitsOf(results, StaffSearchKind.Customer));
        Assert.Equal(customer.Id, hit.Id);
        Assert.Equal("Rita Okafor", hit.Title);
        Assert.Contains("+1 (312) 555-0187", hit.Detail);
        Assert.Equal($"/staff/customers/{customer.Id}", hit.Href);
    }

    [Fact]
    public async Task Search_PartOfAnEmail_FindsTheCustomer()
    {
        var customer = await CustomerAsync("Lena", "Fischer", "Fischer Bakery", "lena.fischer@bakery-example.com");

        var hit = Assert.Single(HitsOf(await SearchAsync("FISCHER@BAKERY"), StaffSearchKind.Customer));

        Assert.Equal(customer.Id, hit.Id);
        Assert.Equal("Fischer Bakery", hit.Title);
        Assert.Equal("Lena Fischer · 555-0100 · lena.fischer@bakery-example.com", hit.Detail);
    }

    [Fact]
    public async Task Search_NameWithoutAccents_FindsTheCustomerWithAccents()
    {
        var customer = await CustomerAsync("Zoë", "Müllerová");

        Assert.Equal(customer.Id, Assert.Single(HitsOf(await SearchAsync("zoe mullerova"), StaffSearchKind.Customer)).Id);
        Assert.Equal(customer.Id, Assert.Single(HitsOf(await SearchAsync("Müllerová"), StaffSearchKind.Customer)).Id);
    }

    [Fact]
    public async Task Search_InvoiceNumber_PutsThatInvoiceFirst_AndPartOfTheNumberFindsIt()
    {
        var customer = await CustomerAsync("Ivan", "Petrov");
        await using var db = await _core.DbAsync();
        var invoices = new List<Core.Invoices.Invoice>();
        for (var i = 0; i < 12; i++) invoices.Add(await TestRecords.SentInvoiceAsync(db, customer.Id, 100m + i, line: $"Service call {i}"));
        var wanted = invoices[0];

        var byNumber = await SearchAsync(wanted.Number.ToLowerInvariant());
        var first = byNumber.Groups[0];
        Assert.Equal(StaffSearchKind.Invoice, first.Kind);
        Assert.Equal(wanted.Id, first.Hits[0].Id);
        Assert.True(first.Hits[0].IsExactNumber);
        Assert.Equal($"{wanted.Number} · {wanted.Title}", first.Hits[0].Title);
        Assert.Equal("Ivan Petrov · Sent · $100.00 due", first.Hits[0].Detail);
        Assert.Equal($"/staff/invoices/{wanted.Id}", first.Hits[0].Href);

        // "v-1001" of "INV-1001": the other eleven numbers do not hold it; not exact, so no longer first of all.
        var byPart = await SearchAsync(wanted.Number[2..].ToLowerInvariant());
        var part = Assert.Single(HitsOf(byPart, StaffSearchKind.Invoice));
        Assert.Equal(wanted.Id, part.Id);
        Assert.False(part.IsExactNumber);
    }

    [Fact]
    public async Task Search_ManyMatches_ShowsFiveNewestWithTheTotal()
    {
        var customer = await CustomerAsync("Nora", "Quist");
        await using var db = await _core.DbAsync();
        var jobs = new List<Core.Jobs.Job>();
        for (var i = 0; i < 7; i++) jobs.Add(await TestRecords.JobAsync(db, customer.Id, $"Gutter cleaning {i}"));

        var group = (await SearchAsync("gutter")).Groups.Single(g => g.Kind == StaffSearchKind.Job);

        Assert.Equal(7, group.Total);
        Assert.False(group.TotalIsLowerBound);
        Assert.Equal(jobs.OrderByDescending(j => j.Id).Take(StaffSearchService.HitsPerKind).Select(j => j.Id), group.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Search_MoreMatchesThanTheScanReads_ShowsTheCustomerAndTheNewestJobs_WithTotalsAsAtLeast()
    {
        var customer = await CustomerAsync("Capstone", "Kellerman");
        await using var db = await _core.DbAsync();
        var jobs = new List<Core.Jobs.Job>();
        for (var i = 0; i < 14; i++) jobs.Add(await TestRecords.JobAsync(db, customer.Id, $"Kellerman valve {i}"));
        var search = new StaffSearchService(_core.Get<IDbContextFactory<PortalDbContext>>(), _core.Get<Core.Access.AccessRules>(),
            _core.Clock, _core.Get<Core.Company.CompanySettingsService>()) { ScanLimit = 6, NewestScanLimit = 3 };

        var results = (await search.SearchAsync(CoreServices.Staff, "kellerman", default)).Value!;

        Assert.Equal([StaffSearchKind.Customer, StaffSearchKind.Job], results.Groups.Select(g => g.Kind));
        Assert.Equal(customer.Id, Assert.Single(results.Groups[0].Hits).Id);
        var jobGroup = results.Groups[1];
        Assert.Equal(jobs.OrderByDescending(j => j.Id).Take(3).Select(j => j.Id), jobGroup.Hits.Take(3).Select(h => h.Id));
        Assert.True(jobGroup.TotalIsLowerBound);
        Assert.InRange(jobGroup.Total, StaffSearchService.HitsPerKind, jobs.Count - 1);
    }

    [Fact]
    public async Task Search_WordOfAJobTitle_FindsTheJobWithItsCustomerAndStatus()
    {
        var customer = await CustomerAsync("Omar", "Haddad", "Haddad Dental");
        await using var db = await _core.DbAsync();
        var job = await TestRecords.JobAsync(db, customer.Id, "Replace the water heater");
        await TestRecords.JobAsync(db, customer.Id, "Paint the fence");

        var results = await SearchAsync("heater");

        var hit = Assert.Single(HitsOf(results, StaffSearchKind.Job));
        Assert.Equal(job.Id, hit.Id);
        Assert.Equal($"{job.Number} · Replace the water heater", hit.Title);
        Assert.Equal("Haddad Dental · Unscheduled", hit.Detail);
        Assert.Equal($"/staff/jobs/{job.Id}", hit.Href);
    }

    [Fact]
    public async Task Search_CustomersComeBeforeDocuments()
    {
        var customer = await CustomerAsync("Gail", "Boiler", "Boilerworks");
        await using var db = await _core.DbAsync();
        await TestRecords.JobAsync(db, customer.Id, "Boiler service");
        await TestRecords.EstimateAsync(db, customer.Id, 300m, line: "Boiler swap");

        var kinds = (await SearchAsync("boiler")).Groups.Select(g => g.Kind).ToList();

        Assert.Equal([StaffSearchKind.Customer, StaffSearchKind.Job, StaffSearchKind.Estimate], kinds);
    }

    [Fact]
    public async Task Search_PaymentNumber_FindsThePayment()
    {
        var customer = await CustomerAsync("Paul", "Payer");
        await using (var db = await _core.DbAsync())
        {
            db.Payments.Add(new Payment("PAY-77123", customer.Id, TestRecords.Created, PaymentMethod.Check, 80m, "Check 12", PaymentStatus.Succeeded, 1, null));
            await db.SaveChangesAsync();
        }

        var hit = Assert.Single(HitsOf(await SearchAsync("pay-77123"), StaffSearchKind.Payment));

        Assert.Equal("PAY-77123", hit.Title);
        Assert.Equal("Paul Payer · Succeeded · $80.00 · Check", hit.Detail);
        Assert.True(hit.IsExactNumber);
    }

    [Theory]
    [InlineData("\"heater")]
    [InlineData("heater\" OR \"x")]
    [InlineData("(heater)")]
    [InlineData("heat*")]
    [InlineData("NEAR(water heater)")]
    [InlineData("water AND NOT heater")]
    [InlineData("^heater")]
    [InlineData("Text: heater")]
    public async Task Search_Fts5SyntaxInTheQuery_IsLookedForAsText(string query)
    {
        var customer = await CustomerAsync("Syd", "Syntax");
        await using var db = await _core.DbAsync();
        await TestRecords.JobAsync(db, customer.Id, "Replace the water heater");
        var literal = await TestRecords.JobAsync(db, customer.Id, $"Odd title {query} here");

        var hits = HitsOf(await SearchAsync(query), StaffSearchKind.Job);

        // Only the title that holds the typed characters themselves; an FTS5 operator would have matched the other job
        // (or failed with a syntax error).
        Assert.Equal([literal.Id], hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Search_NearTypedAsAWord_FindsTheWord()
    {
        var customer = await CustomerAsync("Nia", "Near");
        await using var db = await _core.DbAsync();
        var job = await TestRecords.JobAsync(db, customer.Id, "Fence near the pool");

        Assert.Equal(job.Id, Assert.Single(HitsOf(await SearchAsync("NEAR pool"), StaffSearchKind.Job)).Id);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("a b")]
    [InlineData(" 12 ")]
    public async Task Search_OnlyShortTerms_AsksForThreeCharacters(string query)
    {
        var results = await SearchAsync(query);

        Assert.Empty(results.Groups);
        Assert.Equal("Type at least 3 characters to search.", results.Message);
    }

    [Fact]
    public async Task Search_ShortTermBesideALongOne_IsIgnored()
    {
        var customer = await CustomerAsync("Al", "Brandtner");

        var hit = Assert.Single(HitsOf(await SearchAsync("xy brandtner"), StaffSearchKind.Customer));

        Assert.Equal(customer.Id, hit.Id);
    }

    [Fact]
    public async Task Search_EmptyText_FindsNothingAndSaysNothing()
    {
        var results = await SearchAsync("   ");

        Assert.True(results.IsEmpty);
        Assert.Null(results.Message);
    }

    [Fact]
    public async Task Search_ArchivedCustomer_IsFoundAndMarked()
    {
        var archived = await CustomerAsync("Arno", "Kastellan");
        var active = await CustomerAsync("Berta", "Kastellan");
        await using (var db = await _core.DbAsync())
        {
            var stored = await db.Customers.FindAsync(archived.Id);
            Assert.True(stored!.Archive(TestRecords.Created).Succeeded);
            await db.SaveChangesAsync();
        }

        var hits = HitsOf(await SearchAsync("kastellan"), StaffSearchKind.Customer);

        Assert.True(hits.Single(h => h.Id == archived.Id).IsArchived);
        Assert.False(hits.Single(h => h.Id == active.Id).IsArchived);
    }

    [Fact]
    public async Task Search_PortalUser_IsRefused()
    {
        var customer = await CustomerAsync("Pia", "Portal");

        var result = await _search.SearchAsync(TestActors.Customer(customer.Id), "portal", default);

        Assert.Equal(ResultKind.Forbidden, result.Kind);
        Assert.Null(result.Value);
    }

    [Fact]
    public void AccessRules_SearchBackOffice_IsForStaffOnly()
    {
        var rules = _core.Get<Core.Access.AccessRules>();

        Assert.True(rules.Can(CoreServices.Staff, Core.Access.Operation.SearchBackOffice));
        Assert.False(rules.Can(TestActors.Customer(1), Core.Access.Operation.SearchBackOffice));
        Assert.False(rules.Can(TestActors.Customer(1) with { ViewingStaffUserId = 1 }, Core.Access.Operation.SearchBackOffice));
    }

    [Fact]
    public void Parse_QuotesAreDoubledAndTermsStandSideBySide()
    {
        var query = StaffSearchQuery.Parse("say \"hi\"  there xy");

        Assert.Equal(["say", "\"hi\"", "there"], query.Terms);
        Assert.Equal("\"say\" \"\"\"hi\"\"\" \"there\"", query.MatchExpression);
    }

    [Theory]
    [InlineData("inv-1042", StaffSearchKind.Invoice, "INV-1042")]
    [InlineData("  JOB-7 ", StaffSearchKind.Job, "JOB-7")]
    [InlineData("Est-1001", StaffSearchKind.Estimate, "EST-1001")]
    [InlineData("pay-55", StaffSearchKind.Payment, "PAY-55")]
    public void Parse_DocumentNumber_IsRecognised(string text, StaffSearchKind kind, string number) =>
        Assert.Equal((kind, number), StaffSearchQuery.Parse(text).ExactNumber);

    [Theory]
    [InlineData("inv-10 smith")]
    [InlineData("prj-1001")]
    [InlineData("inv-")]
    public void Parse_NotExactlyOneDocumentNumber_IsNoNumber(string text) => Assert.Null(StaffSearchQuery.Parse(text).ExactNumber);
}
