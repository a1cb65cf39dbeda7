using CustomerPortal.Core.Common;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Profile;

/// <summary>My profile in a browser: every section at desktop and phone width, and an edit staff see live.</summary>
[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class MyProfileJourneyTests(BrowserFixture browser)
{
    private static readonly string[] Sections = ["profile-details", "profile-addresses", "profile-notifications", "profile-security"];

    [Fact]
    public async Task Customer_ChangesTheirPhoneAndAddsAnAddress_StaffSeeItOnTheOpenProfile()
    {
        var (customerId, email) = await CustomerAsync("Liveprofile");
        var staff = await browser.NewPageAsync();
        var staffUser = await TestAccounts.CreateStaffAsync(browser.App);
        await new LoginPage(staff).SignInAsStaffAsync(staffUser.Email);
        await staff.GotoAsync($"/staff/customers/{customerId}");
        await Assertions.Expect(staff.GetByTestId("live-indicator")).ToBeVisibleAsync();

        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInToPortalAsync(email);
        await page.GotoAsync("/portal/profile");
        await Assertions.Expect(page.GetByTestId("profile-details-save")).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "my-profile-1280");
        await page.GetByLabel("Main phone").FillAsync("(512) 555-0177");
        await page.GetByTestId("profile-details-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Your details are saved.")).ToBeVisibleAsync();

        await Assertions.Expect(staff.GetByLabel("Phone", new() { Exact = true })).ToHaveValueAsync("(512) 555-0177");

        await page.GetByTestId("address-add").ClickAsync();
        await page.GetByTestId("address-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Enter the street address, or remove this address.")).ToBeVisibleAsync();
        await page.GetByLabel("Label (e.g. Home, Cabin)").FillAsync("Lake cabin");
        await page.GetByLabel("Street address").FillAsync("112 Cypress Point Road");
        await page.GetByLabel("City").FillAsync("Marble Falls");
        await page.GetByTestId("address-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-address")).ToHaveCountAsync(2);
        await page.GetByTestId("address-make-primary").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-address").Filter(new() { HasText = "Lake cabin" })).ToContainTextAsync("Main address");
        await BrowserFixture.ScreenshotAsync(page, "my-profile-addresses-1280");
    }

    [Fact]
    public async Task MyProfile_OnAPhone_ShowsEverySection_WithoutSidewaysScrolling()
    {
        var (_, email) = await CustomerAsync("Phoneprofile");
        var page = await browser.NewPageAsync(360, 800);
        await new LoginPage(page).SignInToPortalAsync(email);

        await page.GotoAsync("/portal/profile");
        await Assertions.Expect(page.GetByTestId("profile-details-save")).ToBeEnabledAsync();

        foreach (var section in Sections)
        {
            await Assertions.Expect(page.GetByTestId(section)).ToBeVisibleAsync();
            await page.GetByTestId(section).ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"my-profile-{section}-360.png") });
        }
        await BrowserFixture.ScreenshotAsync(page, "my-profile-360");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "My profile scrolls sideways at 360 px.");

        await page.GetByTestId("password-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/profile/password$"));
        await Assertions.Expect(page.GetByTestId("current-password")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "my-profile-password-360");
    }

    private async Task<(int CustomerId, string Email)> CustomerAsync(string name)
    {
        await using var db = await browser.App.CreateDbContextAsync();
        var customer = TestRecords.NewCustomer("Olivia", name, "", TestAccounts.UniqueEmail("household"), TestRecords.Created, "(512) 555-0131");
        customer.AddServiceAddress("Home", new Address("4817 Ridgeview Drive", "", "Austin", "TX", "78731"), "Gate code 2468. Friendly dog.");
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        return (customer.Id, user.Email);
    }
}
