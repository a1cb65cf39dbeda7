using CustomerPortal.Core.Customers;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Security;

/// <summary>The pages work in Chromium under the Content-Security-Policy: no violation, and interactive pages still react.</summary>
[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task StaffAndPortalPages_UnderThePolicy_ReportNoViolation_AndStayInteractive()
    {
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var customer = await TestAccounts.CreateCustomerAsync(browser.App);
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var page = await browser.NewPageAsync();
        var problems = await WatchForViolationsAsync(page);

        await new LoginPage(page).SignInAsStaffAsync(staff.Email);
        await page.GotoAsync("/staff/customers/new");
        await Assertions.Expect(page.GetByTestId("save-customer")).ToBeEnabledAsync();
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("pat-at-example");
        await page.GetByTestId("save-customer").ClickAsync();
        await Assertions.Expect(page.GetByText(CustomerInputRules.EmailInvalid)).ToBeVisibleAsync();

        var portal = await browser.NewPageAsync(360);
        var portalProblems = await WatchForViolationsAsync(portal);
        await new LoginPage(portal).SignInToPortalAsync(user.Email);
        // The menu button works once the circuit is live; the layout marks that moment.
        await portal.WaitForCircuitAsync();
        await portal.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        // The menu opened: its invoices link is on screen (a closed drawer's links count as visible, but lie off screen).
        var invoices = portal.Locator("a.mud-nav-link[href='/portal/invoices']");
        try
        {
            await Assertions.Expect(invoices).ToBeInViewportAsync(new() { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            // On a busy machine the first press can come before the drawer is ready; a person presses again.
            await portal.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
            await Assertions.Expect(invoices).ToBeInViewportAsync();
        }
        // On a phone the menu closes once an entry is chosen, and that entry is marked as the current page.
        await portal.Locator("a.mud-nav-link[href='/portal/invoices']").ClickAsync();
        await Assertions.Expect(portal.GetByRole(AriaRole.Heading, new() { Name = "My invoices", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(portal.Locator("a.mud-nav-link[href='/portal/invoices']")).Not.ToBeInViewportAsync();
        await portal.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await Assertions.Expect(portal.Locator("a.mud-nav-link.active")).ToHaveAttributeAsync("href", "/portal/invoices");

        Assert.Empty(await ViolationsAsync(page, problems));
        Assert.Empty(await ViolationsAsync(portal, portalProblems));
    }

    private static async Task<List<string>> WatchForViolationsAsync(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (problems) problems.Add(message.Text);
        };
        // Init scripts run outside the page's policy; they record every violation the page reports.
        await page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        return problems;
    }

    private static async Task<List<string>> ViolationsAsync(IPage page, List<string> console)
    {
        var reported = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        lock (console) return [.. console, .. reported];
    }
}
