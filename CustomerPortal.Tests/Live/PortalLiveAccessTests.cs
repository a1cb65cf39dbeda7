using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Estimates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Live;

/// <summary>
/// A portal user's page that is already open follows staff's changes to their access, through the live-events bus:
/// no reload, and nothing more can be done in that tab.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
[Trait("Database", "Both")]
public sealed class PortalLiveAccessTests(BrowserFixture browser)
{

    [Fact]
    public async Task OpenInvoicePage_WhenStaffLockTheUser_ShowsTheLockedNoticeWithoutAReload()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Lockwatch");
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var staff = (await TestAccounts.CreateStaffAsync(browser.App)).ToActor();
        var invoice = await DocumentData.SentInvoiceAsync(browser.App, customer.Id);
        var page = await OpenLiveAsync(user.Email, $"/portal/invoices/{invoice.Id}", $"Invoice {invoice.Number}");
        var loads = 0;
        page.Load += (_, _) => loads++;

        Assert.True((await browser.App.Get<PortalUserAdminService>().LockAsync(staff, user.Id, default)).Succeeded);

        await Assertions.Expect(AccessEndedNotice(page)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Invoice {invoice.Number}" })).ToHaveCountAsync(0);
        Assert.Equal(0, loads);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OpenEstimateBeingSigned_WhenStaffLockTheUser_CannotBeAccepted()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Locksign");
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var staff = (await TestAccounts.CreateStaffAsync(browser.App)).ToActor();
        var estimate = await DocumentData.SentEstimateAsync(browser.App, customer.Id);
        var page = await OpenLiveAsync(user.Email, $"/portal/estimates/{estimate.Id}", $"Estimate {estimate.Number}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept estimate" }).ClickAsync();
        await page.GetByLabel("I have read the terms and agree to them").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to signature" }).ClickAsync();
        await page.GetByLabel("Full name").FillAsync("Pat Locksign");

        Assert.True((await browser.App.Get<PortalUserAdminService>().LockAsync(staff, user.Id, default)).Succeeded);

        await Assertions.Expect(AccessEndedNotice(page)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Accept and sign" })).ToHaveCountAsync(0);
        await using var db = await browser.App.CreateDbContextAsync();
        var saved = await db.Estimates.AsNoTracking().SingleAsync(e => e.Id == estimate.Id);
        Assert.NotEqual(EstimateStatus.Accepted, saved.Status);
        Assert.Null(saved.Acceptance);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OpenPortalPage_WhenStaffCloseTheCustomersPortal_ShowsTheClosedNotice()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Closewatch");
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var invoice = await DocumentData.SentInvoiceAsync(browser.App, customer.Id);
        var page = await OpenLiveAsync(user.Email, $"/portal/invoices/{invoice.Id}", $"Invoice {invoice.Number}");

        await using (var db = await browser.App.CreateDbContextAsync())
        {
            await db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.PortalEnabled, false));
        }
        await browser.App.Get<Core.Live.ILiveEventPublisher>().PublishAsync(new Core.Live.CustomerChanged(customer.Id));

        await Assertions.Expect(page.GetByTestId("portal-closed")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>The locked notice of today's actor, or the "access ended" one when a locked user resolves to no actor.</summary>
    private static ILocator AccessEndedNotice(IPage page) =>
        page.Locator("[data-testid='portal-locked'], [data-testid='portal-access-ended']");

    /// <summary>Signs the portal user in, opens the page and waits until it follows changes to the user's access.</summary>
    private async Task<IPage> OpenLiveAsync(string email, string path, string heading)
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInToPortalAsync(email);
        await page.GotoAsync(path);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
        return page;
    }
}
