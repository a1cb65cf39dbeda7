using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Messaging;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Portal;

/// <summary>
/// The portal dashboard is rendered without a circuit of its own: one small live part refreshes it when staff change
/// something it shows, and app.js opens and closes the side drawer.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
[Trait("Database", "Both")]
public sealed class PortalDashboardBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task OpenDashboard_ShowsAVisitStaffBook_ThenTheLockedNotice_WithoutAReload()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Dashwatch");
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var staff = (await TestAccounts.CreateStaffAsync(browser.App)).ToActor();
        int jobId;
        await using (var db = await browser.App.CreateDbContextAsync())
        {
            jobId = (await TestRecords.JobAsync(db, customer.Id, "Service the furnace")).Id;
        }
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInToPortalAsync(user.Email);
        await Assertions.Expect(page.GetByTestId("tile-visit")).ToContainTextAsync("No visit is scheduled.");
        // A full reload would lose this; an enhanced refresh patches the page around it.
        await page.EvaluateAsync("() => window.cpSamePage = true");

        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(15);
        var booked = await browser.App.Get<JobService>().ScheduleVisitAsync(staff, jobId, new VisitInput(start, start.AddHours(2), "Robin Dashwood"), default);
        Assert.True(booked.Succeeded, booked.Message);

        await Assertions.Expect(page.GetByTestId("tile-visit")).ToContainTextAsync("Technician: Robin Dashwood");
        Assert.True(await page.EvaluateAsync<bool>("() => window.cpSamePage === true"), "The dashboard reloaded instead of refreshing in place.");

        // The menu's unread count, which the page counts when it is rendered, follows too; staff typing first changes
        // nothing on the page, so it does not ask for it again (a refresh it caused would have come within the second).
        await Assertions.Expect(page.GetByTestId("nav-badge-portal-messages")).ToHaveCountAsync(0);
        var refreshes = 0;
        page.Request += (_, request) => { if (request.Method == "GET" && new Uri(request.Url).AbsolutePath == "/portal") Interlocked.Increment(ref refreshes); };
        var messaging = browser.App.Get<MessagingService>();
        var threadId = (await messaging.GetThreadForSubjectAsync(staff, ThreadSubject.Job, jobId, default)).Value!.Summary.Id;
        Assert.True((await messaging.TypingAsync(staff, threadId, internalNote: false, default)).Succeeded);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var posted = await messaging.PostAsync(staff, new PostMessage(threadId, Guid.NewGuid(), "Robin will call ahead."), default);
        Assert.True(posted.Succeeded, posted.Message);
        await Assertions.Expect(page.GetByTestId("nav-badge-portal-messages")).ToHaveTextAsync("1 unread");
        Assert.Equal(1, refreshes);
        Assert.True(await page.EvaluateAsync<bool>("() => window.cpSamePage === true"), "The dashboard reloaded instead of refreshing in place.");

        Assert.True((await browser.App.Get<PortalUserAdminService>().LockAsync(staff, user.Id, default)).Succeeded);

        await Assertions.Expect(page.Locator("[data-testid='portal-locked'], [data-testid='portal-access-ended'], input[type=password]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("tile-visit")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Phone_MenuOpensTheDrawer_EscapeClosesIt_ALinkLeadsOn()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Dashphone");
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var page = await browser.NewPageAsync(360, 740);
        await new LoginPage(page).SignInToPortalAsync(user.Email);
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var jobs = page.GetByRole(AriaRole.Link, new() { Name = "My jobs" });
        await Assertions.Expect(jobs).Not.ToBeInViewportAsync();

        await menu.ClickAsync();
        await Assertions.Expect(jobs).ToBeInViewportAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await BrowserFixture.ScreenshotAsync(page, "portal-dashboard-menu-360");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(jobs).Not.ToBeInViewportAsync();
        await Assertions.Expect(menu).ToBeFocusedAsync();

        await menu.ClickAsync();
        await jobs.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/jobs$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My jobs" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Desktop_MenuHidesAndShowsTheDrawer()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Dashdesk");
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var page = await browser.NewPageAsync(1280);
        await new LoginPage(page).SignInToPortalAsync(user.Email);
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var jobs = page.GetByRole(AriaRole.Link, new() { Name = "My jobs" });
        await Assertions.Expect(jobs).ToBeInViewportAsync();

        await menu.ClickAsync();
        await Assertions.Expect(jobs).Not.ToBeInViewportAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await menu.ClickAsync();
        await Assertions.Expect(jobs).ToBeInViewportAsync();
        await page.Context.CloseAsync();
    }
}
