using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Documents;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Links;

/// <summary>Deep-link and unsubscribe pages in Chromium: the journeys, screenshots at 1280 and 360 px, and axe on each page.</summary>
[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class DeepLinkBrowserTests(BrowserFixture browser)
{
    private PortalAppFactory App => browser.App;

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe().WaitAsync(TimeSpan.FromSeconds(60));
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("; ", serious));
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task LinkOnlyUser_PressesContinue_LandsOnTheInvoice(int width)
    {
        var bundle = await OneOfEverything.CreateAsync(App, "Browser");
        var user = await LinkTestData.LinkOnlyUserAsync(App, bundle.Customer.Id);
        var page = await browser.NewPageAsync(width);
        try
        {
            await page.GotoAsync(LinkTestData.Link(App, user.Id, PortalPaths.Invoice(bundle.InvoiceId)));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome back, {user.Name}" })).ToBeVisibleAsync();
            await AssertAccessibleAsync(page);
            await BrowserFixture.ScreenshotAsync(page, $"deep-link-landing-{width}");

            await page.GetByRole(AriaRole.Button, new() { Name = "Continue to your invoice" }).ClickAsync();

            await page.WaitForURLAsync($"**{PortalPaths.Invoice(bundle.InvoiceId)}");
            await Assertions.Expect(page.GetByText(bundle.Marker).First).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task ExpiredLink_ExplainsItself_AndSendsANewOne(int width)
    {
        var bundle = await OneOfEverything.CreateAsync(App, "Stale");
        var user = await LinkTestData.LinkOnlyUserAsync(App, bundle.Customer.Id);
        var page = await browser.NewPageAsync(width);
        try
        {
            await page.GotoAsync(LinkTestData.LinkMadeAt(App, user.Id, PortalPaths.Estimate(bundle.EstimateId), DateTimeOffset.UtcNow.AddDays(-20)));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link has expired" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("link-error")).ToHaveTextAsync(DeepLinkService.ExpiredMessage);
            await AssertAccessibleAsync(page);
            await BrowserFixture.ScreenshotAsync(page, $"deep-link-expired-{width}");

            await page.GetByRole(AriaRole.Button, new() { Name = "Send me a new link" }).ClickAsync();

            await Assertions.Expect(page.GetByTestId("link-sent")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, $"deep-link-fresh-sent-{width}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task LinkOfSomeoneElse_AndForgedLink_ExplainThemselves(int width)
    {
        var owner = await OneOfEverything.CreateAsync(App, "Theirs");
        var other = await OneOfEverything.CreateAsync(App, "Mine");
        var link = LinkTestData.Link(App, owner.User.Id, PortalPaths.Invoice(owner.InvoiceId));
        var page = await browser.NewPageAsync(width);
        try
        {
            await new LoginPage(page).SignInToPortalAsync(other.User.Email);
            await page.GotoAsync(link);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link is for someone else" })).ToBeVisibleAsync();
            Assert.DoesNotContain(owner.Marker, await page.ContentAsync());
            await AssertAccessibleAsync(page);
            await BrowserFixture.ScreenshotAsync(page, $"deep-link-someone-else-{width}");

            await page.GotoAsync(link[..^4] + "0000");
            await Assertions.Expect(page.GetByTestId("link-error")).ToHaveTextAsync(DeepLinkService.NotValidMessage);
            await AssertAccessibleAsync(page);
            await BrowserFixture.ScreenshotAsync(page, $"deep-link-not-valid-{width}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task Unsubscribe_ConfirmThenDone(int width)
    {
        var customer = await TestAccounts.CreateCustomerAsync(App);
        var user = await TestAccounts.CreatePortalUserAsync(App, customer.Id);
        var page = await browser.NewPageAsync(width);
        try
        {
            await page.GotoAsync(LinkTestData.PathOf(LinkTestData.DeepLinks(App).UnsubscribeUrl(user.Id, marketing: false)));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stop notification e-mails?" })).ToBeVisibleAsync();
            await AssertAccessibleAsync(page);
            await BrowserFixture.ScreenshotAsync(page, $"unsubscribe-confirm-{width}");

            await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();

            await Assertions.Expect(page.GetByTestId("unsubscribed")).ToBeVisibleAsync();
            await AssertAccessibleAsync(page);
            await BrowserFixture.ScreenshotAsync(page, $"unsubscribe-done-{width}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task AddCardLink_OpensTheAddCardFormOnMyProfile()
    {
        var bundle = await OneOfEverything.CreateAsync(App, "Cards");
        var user = await LinkTestData.LinkOnlyUserAsync(App, bundle.Customer.Id);
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync(LinkTestData.Link(App, user.Id, PortalPaths.AddCard));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue to add a card" }).ClickAsync();

            await page.WaitForURLAsync("**/portal/profile?add-card=1");
            await Assertions.Expect(page.GetByLabel("Card number")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "deep-link-add-card-1280");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
