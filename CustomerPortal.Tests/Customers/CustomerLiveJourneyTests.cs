using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Customers;

/// <summary>Two staff members in two browser contexts: what one saves, the other sees without reloading.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class CustomerLiveJourneyTests(BrowserFixture browser)
{

    [Fact]
    public async Task StaffA_EditsACustomer_StaffBSeesItOnTheOpenProfile()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Livewell");
        var staffA = await SignedInStaffAsync();
        var staffB = await SignedInStaffAsync();
        await OpenLiveAsync(staffB, $"/staff/customers/{customer.Id}");
        await Assertions.Expect(staffB.GetByTestId("customer-name")).ToHaveTextAsync("Pat Livewell");
        await OpenLiveAsync(staffA, $"/staff/customers/{customer.Id}");
        var company = $"Livewell Holdings {Guid.NewGuid():N}"[..26];

        await staffA.GetByLabel("Company", new() { Exact = true }).FillAsync(company);
        await staffA.GetByTestId("save-customer").ClickAsync();

        await Assertions.Expect(staffB.GetByTestId("customer-name")).ToHaveTextAsync(company);
        await Assertions.Expect(staffB.GetByLabel("Company", new() { Exact = true })).ToHaveValueAsync(company);
        await Assertions.Expect(staffA.GetByText("Changes saved.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task StaffA_AddsACustomer_StaffBSeesItInTheList()
    {
        var token = $"Zed{Guid.NewGuid():N}"[..11];
        var staffA = await SignedInStaffAsync();
        var staffB = await SignedInStaffAsync();
        await OpenLiveAsync(staffB, "/staff/customers");
        await staffB.GetByPlaceholder("Search name, company, e-mail or phone").FillAsync(token);
        await Assertions.Expect(staffB.GetByText($"No customers match \"{token}\".")).ToBeVisibleAsync();

        await staffA.GotoAsync("/staff/customers/new");
        await Assertions.Expect(staffA.GetByTestId("save-customer")).ToBeEnabledAsync();
        await staffA.GetByLabel("First name").FillAsync("Quinn");
        await staffA.GetByLabel("Last name").FillAsync(token);
        await staffA.GetByLabel("E-mail", new() { Exact = true }).FillAsync($"quinn.{token}@example.test");
        await staffA.GetByTestId("save-customer").ClickAsync();

        await Assertions.Expect(staffB.GetByTestId("customer-list").GetByRole(AriaRole.Link, new() { Name = $"Quinn {token}" }))
            .ToHaveTextAsync($"Quinn {token}");
        await staffA.WaitForURLAsync("**/staff/customers/*");
        await Assertions.Expect(staffA.GetByTestId("customer-name")).ToHaveTextAsync($"Quinn {token}");
    }

    [Fact]
    public async Task NewCustomer_WithoutNameAndWithABadEmail_ShowsMessagesBesideTheFields()
    {
        var page = await SignedInStaffAsync();
        await page.GotoAsync("/staff/customers/new");
        await Assertions.Expect(page.GetByTestId("save-customer")).ToBeEnabledAsync();

        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("pat-at-example");
        await page.GetByTestId("save-customer").ClickAsync();

        await Assertions.Expect(page.GetByText(CustomerInputRules.EmailInvalid)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(CustomerInputRules.NameRequired)).ToHaveCountAsync(2);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/staff/customers/new$"));
    }

    [Fact]
    public async Task SecondSaveOfTheSameCustomer_ShowsWhoChangedIt_AndKeepsTheirData()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Clash");
        var staffA = await SignedInStaffAsync("Alex Office");
        var staffB = await SignedInStaffAsync("Blair Desk");
        await OpenLiveAsync(staffA, $"/staff/customers/{customer.Id}");
        await OpenLiveAsync(staffB, $"/staff/customers/{customer.Id}");
        await staffB.GetByLabel("Phone", new() { Exact = true }).FillAsync("555-010-9999");

        await staffA.GetByLabel("Phone", new() { Exact = true }).FillAsync("555-010-1111");
        await staffA.GetByTestId("save-customer").ClickAsync();
        await Assertions.Expect(staffA.GetByText("Changes saved.")).ToBeVisibleAsync();
        await staffB.GetByTestId("save-customer").ClickAsync();

        await Assertions.Expect(staffB.GetByTestId("customer-alert")).ToContainTextAsync("Alex Office changed this customer while you were editing");
        await staffB.GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();
        await Assertions.Expect(staffB.GetByLabel("Phone", new() { Exact = true })).ToHaveValueAsync("555-010-1111");
    }

    [Fact]
    public async Task CustomerScreens_AtDesktopAndPhoneWidths()
    {
        var token = $"Shot{Guid.NewGuid():N}"[..12];
        var customerId = await CreateShowcaseCustomerAsync(token);
        foreach (var width in new[] { 1280, 360 })
        {
            var page = await SignedInStaffAsync(width: width);
            await OpenLiveAsync(page, "/staff/customers");
            await Assertions.Expect(page.GetByTestId("customer-list").GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, $"customer-list-{width}");

            await OpenLiveAsync(page, $"/staff/customers/{customerId}");
            await Assertions.Expect(page.GetByTestId("customer-name")).ToHaveTextAsync($"Oak {token} Plumbing");
            await BrowserFixture.ScreenshotAsync(page, $"customer-profile-{width}");

            await page.GetByRole(AriaRole.Tab, new() { Name = "Payments & credit" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("credit-balance")).ToContainTextAsync("$30.25");
            await BrowserFixture.ScreenshotAsync(page, $"customer-payments-{width}");

            await OpenLiveAsync(page, $"/staff/customers/{customerId}?tab=invoices");
            await Assertions.Expect(page.GetByTestId("invoices-table")).ToContainTextAsync($"INV-{token}");
            await BrowserFixture.ScreenshotAsync(page, $"customer-invoices-{width}");
        }
    }

    /// <summary>A company customer with people, places, portal users, work and money, so the screenshots show full screens.</summary>
    private async Task<int> CreateShowcaseCustomerAsync(string token)
    {
        var staff = Actor.Staff(1, "Sam Staff", StaffRole.Staff);
        var input = new CustomerInput
        {
            FirstName = "Robin", LastName = "Oakes", CompanyName = $"Oak {token} Plumbing", Email = $"office.{token}@oakplumbing.test",
            Phone = "(312) 555-0142", InternalNotes = "Prefers morning visits. Gate code 4411.", MarketingOptIn = true,
        };
        input.Contacts.Add(new ContactInput { Name = "Dana Oakes", Role = "Billing", Email = "billing@oakplumbing.test", Phone = "312-555-0143" });
        input.Contacts.Add(new ContactInput { Name = "Lee Park", Role = "Site manager", Phone = "312-555-0199" });
        input.ServiceAddresses.Add(new ServiceAddressInput { Label = "Workshop", Line1 = "1200 W Lake St", City = "Chicago", Region = "IL", PostalCode = "60607", AccessNotes = "Loading dock at the back." });
        input.ServiceAddresses.Add(new ServiceAddressInput { Label = "Showroom", Line1 = "88 N Wells St", Line2 = "Suite 3", City = "Chicago", Region = "IL", PostalCode = "60606" });
        await using var scope = browser.App.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(staff, input, default);
        Assert.True(created.Succeeded, created.Message);
        var id = created.Value;
        await TestAccounts.CreatePortalUserAsync(browser.App, id);
        await using var db = await browser.App.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var invoice = TestDocuments.Invoice($"INV-{token}", id, "Water heater replacement", DateOnly.FromDateTime(now.AddDays(-10)), DateOnly.FromDateTime(now.AddDays(20)), now.AddDays(-10),
            TestDocuments.Line("50 gal water heater", 1, 1250m), TestDocuments.Line("Labour", 3, 95m));
        db.Invoices.Add(invoice);
        db.Jobs.Add(new Job($"JOB-{token}", id, "Replace water heater", "", Address.Empty, now.AddDays(-12)));
        db.Payments.Add(new Payment($"PAY-{token}", id, now.AddDays(-5), PaymentMethod.Card, 500m, "Visa 4242", PaymentStatus.Succeeded, 1, null));
        db.CreditEntries.Add(new CreditEntry(id, now.AddDays(-4), 50.25m, CreditReason.TopUp, null, null, "Top-up by card"));
        db.CreditEntries.Add(new CreditEntry(id, now.AddDays(-3), -20m, CreditReason.AppliedToInvoice, null, null, $"Applied to INV-{token}"));
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>Opens a customer screen and waits until it is interactive and following live changes.</summary>
    private static async Task OpenLiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToBeVisibleAsync();
    }

    private async Task<IPage> SignedInStaffAsync(string name = "Sam Staff", int width = 1280)
    {
        var email = TestAccounts.UniqueEmail("staff");
        await using (var scope = browser.App.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AccountProvisioning>()
                .CreateStaffAsync(name, email, TestAccounts.Password, StaffRole.Staff, default);
            Assert.True(created.Succeeded, created.Message);
        }
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInAsStaffAsync(email);
        return page;
    }
}
