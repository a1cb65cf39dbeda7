using Microsoft.Playwright;

namespace CustomerPortal.Tests.Exports;

/// <summary>The Export CSV button of a staff list, in Chromium: it downloads the rows the filtered list shows.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class ExportBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task InvoiceList_ExportButton_DownloadsOnlyTheFilteredRows(int width)
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, $"Export{token}");
        var boiler = await DocumentData.SentInvoiceAsync(browser.App, customer.Id, $"Boiler {token}");
        var gutters = await DocumentData.SentInvoiceAsync(browser.App, customer.Id, $"Gutters {token}");
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInAsStaffAsync(staff.Email);

        await page.GotoAsync($"/staff/invoices?customerId={customer.Id}");
        await Assertions.Expect(page.Locator("[data-live-reload='on']")).ToHaveCountAsync(1);
        var table = page.GetByTestId("invoices");
        await Assertions.Expect(table).ToContainTextAsync(gutters.Number);
        await page.GetByLabel("Number or title").FillAsync($"boiler {token}");
        await Assertions.Expect(table).Not.ToContainTextAsync(gutters.Number);
        await Assertions.Expect(table).ToContainTextAsync(boiler.Number);
        var export = page.GetByTestId("export-csv");
        await Assertions.Expect(export).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("search=boiler"));
        await Assertions.Expect(export).ToHaveAttributeAsync("download", "");
        await BrowserFixture.ScreenshotAsync(page, $"staff-invoice-list-export-{width}");

        var download = await page.RunAndWaitForDownloadAsync(() => export.ClickAsync());

        Assert.Matches(@"^invoices-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var csv = CsvFile.Parse(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Equal([boiler.Number], csv.Column("Number"));
        Assert.Equal([$"Boiler {token}"], csv.Column("Title"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task EveryStaffList_HasAnExportLink_ToItsOwnExport_OnceItsRowsLoaded(int width)
    {
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInAsStaffAsync(staff.Email);

        foreach (var (path, list) in new[]
                 {
                     ("/staff/customers", "customers"), ("/staff/jobs", "jobs"), ("/staff/projects", "projects"), ("/staff/estimates", "estimates"),
                     ("/staff/invoices", "invoices"), ("/staff/payments", "payments"), ("/staff/requests", "requests"), ("/staff/reviews", "reviews"),
                 })
        {
            await page.GotoAsync(path);
            var export = page.GetByTestId("export-csv");
            await Assertions.Expect(export).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"^/staff/export/{list}\\.csv"));
            await BrowserFixture.ScreenshotAsync(page, $"staff-export-{list}-{width}");
        }
        await page.Context.CloseAsync();
    }
}
