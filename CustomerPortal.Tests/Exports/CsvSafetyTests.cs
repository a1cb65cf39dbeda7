using System.Text;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Exports;

namespace CustomerPortal.Tests.Exports;

/// <summary>What people typed comes out of an export as the text they typed: never a formula, accents and punctuation intact.</summary>
public sealed class CsvSafetyTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.test\",\"x\")")]
    [InlineData("+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    public async Task HostileCustomerName_ComesOutWithALeadingApostrophe(string hostile)
    {
        await using var core = await CoreServices.StartAsync();
        int id;
        await using (var db = await core.DbAsync())
        {
            var customer = TestRecords.NewCustomer(hostile, "Hostile", "", "hostile@example.test", TestRecords.Created, phone: hostile);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            id = customer.Id;
        }

        var csv = await CsvFile.OfAsync(core.Get<ListExports>().CustomersAsync(CoreServices.Staff, new CustomerListQuery(), default));

        var row = csv.Rows.Single(r => r[0] == id.ToString());
        Assert.Equal("'" + hostile, row[csv.Headers.ToList().IndexOf("First name")]);
        Assert.Equal($"'{hostile} Hostile", row[csv.Headers.ToList().IndexOf("Name")]);
        Assert.Equal("'" + hostile, row[csv.Headers.ToList().IndexOf("Phone")]);
        Assert.Equal("Hostile", row[csv.Headers.ToList().IndexOf("Last name")]);
    }

    [Fact]
    public async Task AccentsCommasQuotesAndLineBreaks_RoundTrip()
    {
        const string company = "Zoë & Ålander, \"Bröthers\"\r\nPlumbing – naïve café";
        await using var core = await CoreServices.StartAsync();
        int id;
        await using (var db = await core.DbAsync())
        {
            var customer = TestRecords.NewCustomer("Zoë", "Ålander", company, "zoe@example.test", TestRecords.Created);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            id = customer.Id;
        }

        var csv = await CsvFile.OfAsync(core.Get<ListExports>().CustomersAsync(CoreServices.Staff, new CustomerListQuery(), default));

        var row = csv.Rows.Single(r => r[0] == id.ToString());
        Assert.Equal(company, row[csv.Headers.ToList().IndexOf("Company")]);
        Assert.Equal("Zoë", row[csv.Headers.ToList().IndexOf("First name")]);
        Assert.Equal("Ålander", row[csv.Headers.ToList().IndexOf("Last name")]);
    }

    [Fact]
    public async Task NumberMoneyAndDateCells_StayValues_WhileTextThatLooksLikeANumberIsNeutralised()
    {
        var sheet = new CsvSheet<(decimal Amount, int Count, string Note)>(new CompanySettings())
            .Money("Amount", r => r.Amount)
            .Number("Count", r => r.Count)
            .Text("Note", r => r.Note);
        using var output = new MemoryStream();

        await sheet.WriteAsync(output, Rows([(-12.5m, -3, "-12.50"), (1234.5678m, 7, "fine"), (0m, 0, "\tTab"), (0m, 0, "\rReturn")]), default);

        var text = Encoding.UTF8.GetString(output.ToArray().AsSpan(3));
        // CsvHelper quotes an escaped cell too.
        Assert.Equal("Amount (USD),Count,Note\r\n-12.50,-3,\"'-12.50\"\r\n1234.5678,7,fine\r\n0.00,0,\"'\tTab\"\r\n0.00,0,\"'\rReturn\"\r\n", text);
    }

    private static async IAsyncEnumerable<T> Rows<T>(IEnumerable<T> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
