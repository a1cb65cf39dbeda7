using Microsoft.EntityFrameworkCore;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.PortalAdmin;

/// <summary>The portal tab, company settings, website button and view-as in a real browser, with screenshots at 1280 and 360 px.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class PortalAdminJourneyTests(BrowserFixture browser)
{
    private readonly PortalAppFactory _app = browser.App;

    /// <summary>Full-page screenshots taken from the top, so the fixed app bar sits where a person sees it.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserFixture.ScreenshotAsync(page, name);
    }

    private async Task<(Customer Customer, PortalUser Registered, PortalUser Invited)> CustomerWithUsersAsync()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app, lastName: "Screenshot");
        var registered = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var invited = await TestAccounts.CreatePortalUserAsync(_app, customer.Id, password: null);
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, registered.Email);
        return (customer, registered, invited);
    }

    private async Task<IPage> SignedInAdminAsync(int width)
    {
        var admin = await TestAccounts.CreateStaffAsync(_app, StaffRole.Admin);
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInAsStaffAsync(admin.Email);
        return page;
    }

    private static async Task OpenPortalTabAsync(IPage page, int customerId)
    {
        await page.GotoAsync($"/staff/customers/{customerId}?tab=portal");
        await Assertions.Expect(page.GetByTestId("customer-portal-tab")).ToHaveAttributeAsync("data-interactive", "true");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task PortalTab_ShowsUsersWithStatus_AndLockFlipsTheChip(int width)
    {
        var (customer, registered, invited) = await CustomerWithUsersAsync();
        var page = await SignedInAdminAsync(width);

        await OpenPortalTabAsync(page, customer.Id);

        await Assertions.Expect(page.GetByTestId($"status-{registered.Id}")).ToHaveTextAsync("Registered");
        await Assertions.Expect(page.GetByTestId($"status-{invited.Id}")).ToHaveTextAsync("Invited");
        await Assertions.Expect(page.GetByTestId("portal-url")).ToHaveValueAsync($"{_app.BaseUrl}/portal/c/{customer.PortalIdentifier}");
        await ScreenshotAsync(page, $"portal-tab-{width}");

        await page.GetByTestId($"lock-{invited.Id}").ClickAsync();

        await Assertions.Expect(page.GetByTestId($"status-{invited.Id}")).ToHaveTextAsync("Locked");
        await Assertions.Expect(page.GetByTestId($"unlock-{invited.Id}")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task AddingAPortalUser_WithTheInvitationTicked_QueuesTheirRegistrationEmail(int width)
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app, lastName: "Invitee");
        var page = await SignedInAdminAsync(width);
        await OpenPortalTabAsync(page, customer.Id);
        var email = TestAccounts.UniqueEmail("invitee");

        await page.GetByTestId("add-portal-users").ClickAsync();
        await page.GetByTestId("new-user-name").FillAsync("Ivy Invitee");
        await page.GetByTestId("new-user-email").FillAsync(email);
        await Assertions.Expect(page.GetByTestId("invite-new-users").GetByRole(AriaRole.Checkbox)).ToBeCheckedAsync();
        await ScreenshotAsync(page, $"add-portal-user-invite-{width}");
        await page.GetByTestId("add-users-submit").ClickAsync();

        await Assertions.Expect(page.GetByText("Ivy Invitee").First).ToBeVisibleAsync();
        await using var db = await _app.CreateDbContextAsync();
        var queued = await db.OutboxMessages.Where(m => m.ToAddress == email).Select(m => m.TemplateKey).ToListAsync();
        Assert.Equal([Core.Templates.TemplateKeys.Of(Core.Templates.MergeTags.TemplateEvent.RegistrationLink)], queued);
    }

    [Fact]
    public async Task PortalTab_CopyRegistrationLink_ShowsTheLinkToCopyByHand()
    {
        var (customer, _, invited) = await CustomerWithUsersAsync();
        var page = await SignedInAdminAsync(1280);
        await OpenPortalTabAsync(page, customer.Id);

        await page.GetByTestId($"actions-{invited.Id}").GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Copy registration link" }).ClickAsync();

        var link = page.GetByTestId("issued-link-url");
        await Assertions.Expect(link).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^{_app.BaseUrl}/portal/register/[A-Za-z0-9_-]{{43}}$"));
        await ScreenshotAsync(page, "portal-tab-link-1280");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task ViewAsCustomer_OpensTheirPortalWithTheBanner_AndExitReturnsToTheTab(int width)
    {
        var (customer, _, _) = await CustomerWithUsersAsync();
        var page = await SignedInAdminAsync(width);
        await OpenPortalTabAsync(page, customer.Id);

        var opened = page.Context.WaitForPageAsync();
        await page.GetByTestId("view-as-customer").ClickAsync();
        var portal = await opened;

        await Assertions.Expect(portal.GetByTestId("view-as-banner")).ToContainTextAsync("You are viewing Pat Screenshot's portal as staff — read-only.");
        await Assertions.Expect(portal.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Pat Screenshot" })).ToBeVisibleAsync();
        await ScreenshotAsync(portal, $"view-as-{width}");

        await portal.GetByTestId("view-as-banner").GetByRole(AriaRole.Button, new() { Name = "Exit" }).ClickAsync();

        await portal.WaitForURLAsync($"**/staff/customers/{customer.Id}?tab=portal");
        await Assertions.Expect(portal.GetByTestId("customer-portal-tab")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task SettingsPage_AccentColourPreviewFollowsTheField(int width)
    {
        var page = await SignedInAdminAsync(width);

        await page.GotoAsync("/staff/settings");
        await Assertions.Expect(page.GetByTestId("company-settings")).ToHaveAttributeAsync("data-interactive", "true");
        await ScreenshotAsync(page, $"settings-{width}");

        var colour = page.Locator("input[data-testid='accent-color']");
        await colour.FillAsync("#AD1457");

        await Assertions.Expect(page.GetByTestId("accent-preview").Locator(".cp-brand-preview-bar"))
            .ToHaveCSSAsync("background-color", "rgb(173, 20, 87)");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task WebsiteButtonPage_ShowsSnippetAndItsLivePreview(int width)
    {
        var (customer, _, _) = await CustomerWithUsersAsync();
        var page = await SignedInAdminAsync(width);

        await page.GotoAsync("/staff/settings/website-button");
        await Assertions.Expect(page.GetByTestId("website-button")).ToHaveAttributeAsync("data-interactive", "true");

        var snippet = page.Locator("textarea[data-testid='button-snippet']");
        await Assertions.Expect(snippet).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^<a href=\"" + System.Text.RegularExpressions.Regex.Escape(_app.BaseUrl) + "/portal/login\""));
        var button = page.GetByTestId("button-preview").Locator("a");
        await Assertions.Expect(button).ToHaveAttributeAsync("href", $"{_app.BaseUrl}/portal/login");

        await page.GetByTestId("deep-link-customer").FillAsync("Screenshot");
        var link = page.Locator("input[data-testid='deep-link-url']");
        // On a busy machine the list can re-render with a later search's results under the click, which then chooses
        // nothing and leaves the list open; choosing again is what a person would do.
        await page.GetByRole(AriaRole.Option).First.ClickAsync();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                await link.WaitForAsync(new() { Timeout = 7_000 });
                break;
            }
            catch (TimeoutException)
            {
                var option = page.GetByRole(AriaRole.Option).First;
                if (await option.IsVisibleAsync()) await option.ClickAsync();
            }
        }
        await Assertions.Expect(link).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/portal/c/"));
        await ScreenshotAsync(page, $"website-button-{width}");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task AuditLog_ShowsTheNewestEvents(int width)
    {
        var page = await SignedInAdminAsync(width);

        await page.GotoAsync("/staff/audit");

        await Assertions.Expect(page.GetByTestId("audit-table")).ToContainTextAsync("account.signed-in");
        await ScreenshotAsync(page, $"audit-{width}");
    }

    [Fact]
    public async Task ClosedPortal_DeepLinkShowsTheSignIn_AndSigningInExplainsItIsClosed()
    {
        var (customer, registered, _) = await CustomerWithUsersAsync();
        var (_, staff) = await PortalAdminKit.StaffAsync(_app);
        var portal = _app.Get<CustomerPortalService>();
        var view = (await portal.GetAsync(staff, customer.Id, default)).Value!;
        await portal.UpdateAccessAsync(staff, customer.Id, new PortalAccessInput(false, view.PortalIdentifier, view.ModuleOverrides, view.CustomerVersion), default);
        var page = await browser.NewPageAsync(360);

        await page.GotoAsync($"/portal/c/{customer.PortalIdentifier}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to your portal" })).ToBeVisibleAsync();
        var form = page.Locator("form").Filter(new() { Has = page.Locator("input[type=password]") });
        await form.GetByLabel("E-mail").FillAsync(registered.Email);
        await form.GetByLabel("Password").FillAsync(TestAccounts.Password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToContainTextAsync(Core.Accounts.SignInService.PortalClosedMessage);
        await ScreenshotAsync(page, "portal-closed-link-360");
    }
}
