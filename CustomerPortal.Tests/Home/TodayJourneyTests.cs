using System.Text.RegularExpressions;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Home;

/// <summary>
/// The staff home in the browser: its tiles show this test's records, their links open the lists filtered the same way,
/// and a customer's new message appears on the open page. The collection's app is shared, so the records here are made
/// to stand out (the oldest overdue invoice, the longest waiting thread) and counts are compared, not assumed.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class TodayJourneyTests(BrowserFixture browser)
{
    private static readonly DateTime LongAgo = new(2020, 1, 6, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Today_TilesLeadToListsFilteredTheSameWay_AndANewCustomerMessageAppearsLive()
    {
        var app = browser.App;
        var marker = $"Todaytile{Guid.NewGuid():N}"[..16];
        var customer = await TestAccounts.CreateCustomerAsync(app, marker);
        var staff = await TestAccounts.CreateStaffAsync(app);
        string invoiceNumber, jobNumber;
        await using (var db = await app.CreateDbContextAsync())
        {
            var company = await app.Services.GetRequiredService<CompanySettingsService>().GetAsync();
            var noonToday = company.StartOfDayUtc(company.Today(DateTime.UtcNow)).AddHours(12);
            var job = await TestRecords.JobAsync(db, customer.Id, $"Boiler service {marker}", noonToday, technician: "Lee Tech");
            jobNumber = job.Number;
            invoiceNumber = (await TestRecords.SentInvoiceAsync(db, customer.Id, 123.45m, due: DateOnly.FromDateTime(LongAgo))).Number;

            // A question nobody answered for years: the longest wait of all.
            var thread = new MessageThread(customer.Id, ThreadSubject.General, null, LongAgo, $"Gutters {marker}");
            db.MessageThreads.Add(thread);
            var message = thread.Post(new MessageAuthor(MessageAuthorKind.Customer, "Pat Portal", null, null), "Are the gutters on the list?", Guid.NewGuid(), LongAgo);
            await db.SaveChangesAsync();
            thread.Stored(message);
            await db.SaveChangesAsync();
        }

        var page = await browser.NewPageAsync(1280, 1000);
        try
        {
            await new LoginPage(page).SignInAsStaffAsync(staff.Email);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-live-reload=on]")).ToBeAttachedAsync();

            var visits = page.GetByTestId("visits-today");
            await Assertions.Expect(visits).ToContainTextAsync($"{jobNumber} · Boiler service {marker}");
            await Assertions.Expect(visits).ToContainTextAsync("12:00 PM – 2:00 PM");
            await Assertions.Expect(visits).ToContainTextAsync("Lee Tech");
            var waiting = page.GetByTestId("waiting-threads");
            await Assertions.Expect(waiting.GetByTestId("row-link").First).ToHaveTextAsync($"Pat {marker} · Gutters {marker}");
            await Assertions.Expect(waiting.Locator(".cp-today-row").First).ToContainTextAsync("Unassigned");
            await Assertions.Expect(waiting.Locator(".cp-today-row").First).ToContainTextAsync("days");
            var overdue = page.GetByTestId("overdue-invoices");
            await Assertions.Expect(overdue.GetByTestId("row-link").First).ToHaveTextAsync($"{invoiceNumber} · Pat {marker}");
            await Assertions.Expect(overdue.Locator(".cp-today-row").First).ToContainTextAsync("$123.45");
            await BrowserFixture.ScreenshotAsync(page, "staff-today-test-1280");

            // Live: a customer starts a conversation; the open page counts it without a reload.
            var waitingBefore = await CountAsync(waiting);
            var other = await TestAccounts.CreateCustomerAsync(app, $"Live{marker}");
            var portalUser = await TestAccounts.CreatePortalUserAsync(app, other.Id);
            await using (var scope = app.CreateScope())
            {
                var started = await scope.ServiceProvider.GetRequiredService<MessagingService>().StartConversationAsync(
                    portalUser.ToActor(PortalModules.All, null), other.Id, "Fence", Guid.NewGuid(), "Can you fix the fence?", default);
                Assert.True(started.Succeeded, started.Message);
            }
            // Other tests sharing this app start conversations too, so the count grows by at least one.
            await BusyMachineWaits.UntilAsync(async () => await CountAsync(waiting) > waitingBefore, "The waiting count did not grow live.");

            // Waiting for a reply: the inbox's "Waiting for reply" filter, our thread (the longest wait) first.
            await waiting.GetByTestId("see-all").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/staff/messages\\?filter=waiting$"));
            await Assertions.Expect(page.Locator("[data-filter=Waiting]")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(page.GetByTestId("inbox-total")).ToContainTextAsync("conversation");
            await Assertions.Expect(page.Locator(".cp-inbox-row").First).ToContainTextAsync($"Gutters {marker}");

            // Overdue invoices: the invoice list with Overdue chosen; ours is among them.
            // The tile counts with the list's own query (TodayService); other tests sharing this app add overdue
            // invoices meanwhile, so the two numbers are not compared here.
            await page.GotoAsync("/staff");
            await page.WaitForCircuitAsync();
            await page.GetByTestId("overdue-invoices").GetByTestId("see-all").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/staff/invoices\\?status=Overdue$"));
            var rows = page.GetByTestId("invoices").Locator("tbody tr");
            await Assertions.Expect(rows.First).ToContainTextAsync("Overdue");
            Assert.All(await rows.AllInnerTextsAsync(), row => Assert.Contains("Overdue", row));
            await page.GetByLabel("Number or title").FillAsync(invoiceNumber);
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows.First).ToContainTextAsync("Overdue");

            // Visits today: the job list for today, any status.
            await page.GotoAsync("/staff");
            await page.WaitForCircuitAsync();
            await page.GetByTestId("visits-today").GetByTestId("see-all").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/staff/jobs\\?status=any&from=\\d{4}-\\d{2}-\\d{2}&to=\\d{4}-\\d{2}-\\d{2}$"));
            await Assertions.Expect(page.GetByTestId("jobs-table")).ToContainTextAsync($"Boiler service {marker}");

            var phone = await browser.NewPageAsync(360, 800);
            try
            {
                await new LoginPage(phone).SignInAsStaffAsync(staff.Email);
                await Assertions.Expect(phone.GetByTestId("waiting-threads")).ToContainTextAsync($"Gutters {marker}");
                var overflows = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
                Assert.False(overflows, "The staff home scrolls sideways at 360 px.");
                await BrowserFixture.ScreenshotAsync(phone, "staff-today-test-360");
            }
            finally
            {
                await phone.Context.CloseAsync();
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task<int> CountAsync(ILocator tile) =>
        int.Parse(await tile.GetByTestId("count").InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
}
