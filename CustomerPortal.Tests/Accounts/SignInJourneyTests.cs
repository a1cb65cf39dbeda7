using Microsoft.Playwright;

namespace CustomerPortal.Tests.Accounts;

[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class SignInJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Staff_SignsIn_SeesBackOfficeDashboard()
    {
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var page = await browser.NewPageAsync();

        await new LoginPage(page).SignInAsStaffAsync(staff.Email);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "staff-dashboard-1280");
    }
}
