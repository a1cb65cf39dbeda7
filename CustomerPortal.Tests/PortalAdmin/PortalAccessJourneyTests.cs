using CustomerPortal.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.PortalAdmin;

[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class PortalAccessJourneyTests(BrowserFixture browser)
{
    private MagicLinkService Links => browser.App.Services.GetRequiredService<MagicLinkService>();

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task PortalUser_SignsIn_SeesTheirDashboard(int width)
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App);
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var page = await browser.NewPageAsync(width);

        await new LoginPage(page).SignInToPortalAsync(user.Email);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Pat Portal" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"portal-dashboard-{width}");
    }

    [Fact]
    public async Task SignInPages_At360_ShowFormsAndTheLinkOptions()
    {
        var page = await browser.NewPageAsync(360);

        await page.GotoAsync("/portal/login");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "portal-login-360");
        await page.GetByText("Forgot password?").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "E-mail me a reset link" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "portal-login-forgot-360");

        await page.GotoAsync("/account/login");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Staff sign-in" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "staff-login-360");
    }

    [Fact]
    public async Task ForgotPassword_ShowsTheSameAnswerForAnyAddress()
    {
        var page = await browser.NewPageAsync(360);
        await page.GotoAsync("/portal/login");

        await page.GetByText("Forgot password?").ClickAsync();
        await page.Locator("details[open] input[type=email]").FillAsync("nobody@example.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "E-mail me a reset link" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("link-sent")).ToContainTextAsync("a new link is on its way");
        await BrowserFixture.ScreenshotAsync(page, "portal-login-link-sent-360");
    }

    [Fact]
    public async Task SignInLink_ContinueSignsIn_OpeningItAgainExplainsItWasUsed()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App);
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id, password: null);
        var token = (await Links.IssueAsync(user.Id, MagicLinkPurpose.SignIn, default)).Value!;
        var page = await browser.NewPageAsync(360);

        await page.GotoAsync(MagicLinkService.LinkPath(MagicLinkPurpose.SignIn, token));
        await BrowserFixture.ScreenshotAsync(page, "magic-link-360");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to your portal" }).ClickAsync();
        await page.WaitForURLAsync("**/portal");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Pat Portal" })).ToBeVisibleAsync();

        var other = await browser.NewPageAsync(360);
        await other.GotoAsync(MagicLinkService.LinkPath(MagicLinkPurpose.SignIn, token));
        await Assertions.Expect(other.GetByTestId("link-error")).ToHaveTextAsync(MagicLinkService.UsedMessage);
        await BrowserFixture.ScreenshotAsync(other, "magic-link-used-360");
    }

    [Fact]
    public async Task RegistrationLink_ChoosePassword_OpensThePortal()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App);
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id, password: null);
        var token = (await Links.IssueAsync(user.Id, MagicLinkPurpose.Registration, default)).Value!;
        var page = await browser.NewPageAsync(360);

        await page.GotoAsync(MagicLinkService.LinkPath(MagicLinkPurpose.Registration, token));
        await page.GetByLabel("E-mail").FillAsync(user.Email);
        await page.GetByLabel("New password").FillAsync("Fresh-start-2024");
        await page.GetByLabel("Confirm password").FillAsync("Fresh-start-2024");
        await BrowserFixture.ScreenshotAsync(page, "register-360");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        await page.WaitForURLAsync("**/portal");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Pat Portal" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task Staff_ReadsAQueuedEmailInTheOutbox(int width)
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App);
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        await Links.RequestLinkAsync(user.Email, MagicLinkPurpose.SignIn, default);
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInAsStaffAsync(staff.Email);

        await page.GotoAsync("/staff/outbox");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outbox" })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = user.Email });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"outbox-{width}");
        await row.GetByRole(AriaRole.Link).ClickAsync();

        await Assertions.Expect(page.GetByTestId("outbox-body")).ToContainTextAsync("/portal/link/");
        await Assertions.Expect(page.GetByTestId("outbox-body").GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, $"outbox-message-{width}");
    }
}
