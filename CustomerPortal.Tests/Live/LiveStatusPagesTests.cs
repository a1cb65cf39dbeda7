using CustomerPortal.Core.Access;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Projects;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Live;

/// <summary>
/// Open portal and staff pages show staff's changes to jobs, visits, projects and payments as they are saved: no reload,
/// and a form being filled in keeps what was typed.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class LiveStatusPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task OpenPortalProjectPage_WhenStaffChangeThePercent_MovesTheProgressBarWithoutAReload()
    {
        var (customerId, email) = await CustomerWithPortalUserAsync("Liveprogress");
        int projectId;
        await using (var db = await browser.App.CreateDbContextAsync()) projectId = (await TestRecords.ProjectAsync(db, customerId)).Id;
        // A phone-sized window: the page must work there too (the screenshot below is looked at).
        var page = await OpenPortalAsync(email, $"/portal/projects/{projectId}", width: 360);
        await Assertions.Expect(page.GetByTestId("completion")).ToHaveTextAsync("0%");
        var loads = CountLoads(page);

        var result = await browser.App.Get<ProjectService>().SetCompletionAsync(await StaffAsync(), projectId, 65, default);

        Assert.True(result.Succeeded, result.Message);
        await Assertions.Expect(page.GetByTestId("completion")).ToHaveTextAsync("65%");
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "65% complete" })).ToHaveAttributeAsync("aria-valuenow", "65");
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync(ProjectStatusText.Of(ProjectStatus.InProgress));
        Assert.Equal(0, loads());
        // The bar itself moved: its fill is shifted left by what is still to do.
        await Assertions.Expect(page.Locator(".mud-progress-linear-bar")).ToHaveAttributeAsync("style", new Regex(@"translateX\(-35%\)"));
        // The bar slides to its new width; the screenshot shows where it ends.
        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(BrowserFixture.ScreenshotFolder, "live-portal-project-360.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled,
        });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OpenPortalJobPage_WhenStaffScheduleAVisitAndChangeTheStatus_ShowsBothWithoutAReload()
    {
        var (customerId, email) = await CustomerWithPortalUserAsync("Livejob");
        int jobId;
        await using (var db = await browser.App.CreateDbContextAsync()) jobId = (await TestRecords.JobAsync(db, customerId, "Replace the radiator")).Id;
        var page = await OpenPortalAsync(email, $"/portal/jobs/{jobId}");
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync(JobStatusText.Of(JobStatus.Unscheduled));
        await Assertions.Expect(page.GetByTestId("visit")).ToHaveCountAsync(0);
        var loads = CountLoads(page);
        var jobs = browser.App.Get<JobService>();
        var staff = await StaffAsync();
        var start = DateTime.Today.AddDays(3).AddHours(9);

        var scheduled = await jobs.ScheduleVisitAsync(staff, jobId, new VisitInput(start, start.AddHours(2), "Robin Livewire"), default);

        Assert.True(scheduled.Succeeded, scheduled.Message);
        await Assertions.Expect(page.GetByTestId("visit")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("visit")).ToContainTextAsync("Robin Livewire");
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync(JobStatusText.Of(JobStatus.Scheduled));

        var started = await jobs.ChangeStatusAsync(staff, jobId, JobStatus.InProgress, default);

        Assert.True(started.Succeeded, started.Message);
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync(JobStatusText.Of(JobStatus.InProgress));
        Assert.Equal(0, loads());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OpenPortalInvoiceAndStaffPaymentList_WhenStaffRecordAPayment_BothShowItWithoutAReload()
    {
        var (customerId, email) = await CustomerWithPortalUserAsync("Livepay");
        var invoice = await DocumentData.SentInvoiceAsync(browser.App, customerId);
        var portal = await OpenPortalAsync(email, $"/portal/invoices/{invoice.Id}");
        await Assertions.Expect(portal.GetByTestId("status")).ToHaveTextAsync("Viewed");
        var staffPage = await OpenStaffAsync("/staff/payments");
        var portalLoads = CountLoads(portal);
        var staffLoads = CountLoads(staffPage);
        var due = (await browser.App.Get<InvoiceService>().GetAsync(DocumentData.Staff, invoice.Id, default)).Value!.AmountDue;
        var reference = $"Check {Guid.NewGuid():N}"[..14];

        var paid = await browser.App.Get<PaymentService>().RecordAsync(await StaffAsync(), new RecordPaymentInput(customerId, PaymentMethod.Check,
            due, await TodayAsync(), reference, "", [AllocationInput.ToInvoice(invoice.Id, due)]), default);

        Assert.True(paid.Succeeded, paid.Message);
        await Assertions.Expect(portal.GetByTestId("status")).ToHaveTextAsync("Paid");
        await Assertions.Expect(portal.GetByTestId("amount-due")).ToHaveTextAsync("$0.00");
        await Assertions.Expect(staffPage.GetByTestId("payments-table").GetByRole(AriaRole.Row).Filter(new() { HasText = reference }))
            .ToHaveCountAsync(1);
        Assert.Equal((0, 0), (portalLoads(), staffLoads()));
        await portal.Context.CloseAsync();
        await staffPage.Context.CloseAsync();
    }

    [Fact]
    public async Task OpenStaffJobPage_WhenAnotherStaffMemberChangesTheStatus_ShowsItAndKeepsTheUnsavedTitle()
    {
        int jobId;
        await using (var db = await browser.App.CreateDbContextAsync())
        {
            var customer = await TestRecords.CustomerAsync(db, "Livekeep");
            jobId = (await TestRecords.JobAsync(db, customer.Id, "Service the boiler")).Id;
        }
        var page = await OpenStaffAsync($"/staff/jobs/{jobId}");
        var title = await TypeAsync(page, "Title", "Service the boiler and the radiators");

        var result = await browser.App.Get<JobService>().ChangeStatusAsync(await StaffAsync(), jobId, JobStatus.OnHold, default);

        Assert.True(result.Succeeded, result.Message);
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync(JobStatusText.Of(JobStatus.OnHold));
        await Assertions.Expect(title).ToHaveValueAsync("Service the boiler and the radiators");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OpenStaffProjectPage_WhenAnotherStaffMemberSetsThePercent_ShowsItAndKeepsTheUnsavedName()
    {
        int projectId;
        await using (var db = await browser.App.CreateDbContextAsync())
        {
            var customer = await TestRecords.CustomerAsync(db, "Liveproject");
            projectId = (await TestRecords.ProjectAsync(db, customer.Id, "Kitchen remodel")).Id;
        }
        var page = await OpenStaffAsync($"/staff/projects/{projectId}");
        var name = await TypeAsync(page, "Name", "Kitchen and pantry remodel");

        var result = await browser.App.Get<ProjectService>().SetCompletionAsync(await StaffAsync(), projectId, 40, default);

        Assert.True(result.Succeeded, result.Message);
        await Assertions.Expect(page.GetByText("40%", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync(ProjectStatusText.Of(ProjectStatus.InProgress));
        await Assertions.Expect(name).ToHaveValueAsync("Kitchen and pantry remodel");
        await page.Context.CloseAsync();
    }

    private async Task<(int CustomerId, string Email)> CustomerWithPortalUserAsync(string lastName)
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, lastName);
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        return (customer.Id, user.Email!);
    }

    private async Task<Actor> StaffAsync() => (await TestAccounts.CreateStaffAsync(browser.App)).ToActor();

    private async Task<DateOnly> TodayAsync()
    {
        var company = await browser.App.Get<Core.Company.CompanySettingsService>().GetAsync(default);
        return company.Today(DateTime.UtcNow);
    }

    /// <summary>Signs the portal user in, opens the page and waits until it follows live changes.</summary>
    private async Task<IPage> OpenPortalAsync(string email, string path, int width = 1280)
    {
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInToPortalAsync(email);
        await page.GotoAsync(path);
        await page.WaitForCircuitAsync();
        await WaitUntilLiveAsync(page);
        return page;
    }

    /// <summary>Signs a new staff member in, opens the page and waits until it follows live changes.</summary>
    private async Task<IPage> OpenStaffAsync(string path)
    {
        var staffUser = await TestAccounts.CreateStaffAsync(browser.App);
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsStaffAsync(staffUser.Email);
        await page.GotoAsync(path);
        await WaitUntilLiveAsync(page);
        return page;
    }

    /// <summary>Types into a form field and leaves it, without saving: the page now holds an unsaved edit.</summary>
    private static async Task<ILocator> TypeAsync(IPage page, string label, string text)
    {
        var field = page.GetByLabel(label, new() { Exact = true });
        await field.FillAsync(text);
        await field.PressAsync("Tab");
        return field;
    }

    /// <summary>Waits until the page's data follows live events (its circuit is interactive and subscribed).</summary>
    private static Task WaitUntilLiveAsync(IPage page) => Assertions.Expect(page.Locator("[data-live-reload='on']")).ToHaveCountAsync(1);

    /// <summary>How many times the page loads from now on (a live update must not be one).</summary>
    private static Func<int> CountLoads(IPage page)
    {
        var loads = 0;
        page.Load += (_, _) => Interlocked.Increment(ref loads);
        return () => Volatile.Read(ref loads);
    }
}
