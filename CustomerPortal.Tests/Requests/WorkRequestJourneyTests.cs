using CustomerPortal.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Requests;

/// <summary>A customer asks for work step by step with two photos, changes a step from the summary, sends, and finds the request in their list.</summary>
[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class WorkRequestJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task Customer_GoesThroughEveryStepWithTwoPhotos_SendsAndSeesTheRequest(int width)
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Requester");
        await using (var db = await browser.App.CreateDbContextAsync())
        {
            var saved = await db.Customers.Include(c => c.ServiceAddresses).SingleAsync(c => c.Id == customer.Id);
            saved.AddServiceAddress("Home", new Address("12 Oak Road", "", "Springfield", "IL", "62704"), "");
            await db.SaveChangesAsync();
        }
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInToPortalAsync(user.Email);

        var number = await SendRequestThroughEveryStepAsync(page, width);

        await page.GetByRole(AriaRole.Link, new() { Name = "All requests" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("requests")).ToContainTextAsync("Kitchen sink trap leaking");
        await Assertions.Expect(page.GetByTestId("requests")).ToContainTextAsync(number);
        await Assertions.Expect(page.GetByTestId("requests").GetByTestId("status")).ToHaveTextAsync("Received");
        await BrowserFixture.ScreenshotAsync(page, $"request-list-{width}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Kitchen sink trap leaking" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("request-outcome")).ToContainTextAsync("This is not a booked time yet");
        await Assertions.Expect(page.GetByTestId("thumbnail")).ToHaveCountAsync(2);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=thumbnail] img')].every(i => i.complete && i.naturalWidth > 0)");
        await BrowserFixture.ScreenshotAsync(page, $"request-detail-{width}");

        await using var check = await browser.App.CreateDbContextAsync();
        var request = await check.ServiceRequests.SingleAsync(r => r.CustomerId == customer.Id);
        Assert.Equal("Kitchen sink trap leaking", request.Title);
        Assert.Equal(2, await check.Attachments.CountAsync(a => a.ServiceRequestId == request.Id));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The whole way round: staff have the requests list open in their own browser; the customer sends a request with two
    /// photos; it appears for staff without a reload; staff turn it into an estimate; the customer's open request page
    /// shows it accepted, with the estimate it became.
    /// </summary>
    [Fact]
    public async Task CustomerSendsRequest_StaffSeeItLiveAndConvertIt_CustomerSeesItAccepted()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Roundtrip");
        await using (var db = await browser.App.CreateDbContextAsync())
        {
            var saved = await db.Customers.Include(c => c.ServiceAddresses).SingleAsync(c => c.Id == customer.Id);
            saved.AddServiceAddress("Home", new Address("12 Oak Road", "", "Springfield", "IL", "62704"), "");
            await db.SaveChangesAsync();
        }
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var staffMember = await TestAccounts.CreateStaffAsync(browser.App);

        var staff = await browser.NewPageAsync(1280);
        await new LoginPage(staff).SignInAsStaffAsync(staffMember.Email);
        await staff.GotoAsync("/staff/requests");
        await Assertions.Expect(staff.Locator("[data-live-reload=on]")).ToBeAttachedAsync(new() { Timeout = 30_000 });

        var page = await browser.NewPageAsync(1280);
        await new LoginPage(page).SignInToPortalAsync(user.Email);
        var number = await SendRequestThroughEveryStepAsync(page, 1280);

        var row = staff.GetByTestId("requests-table").Locator("tr", new() { HasText = number });
        await Assertions.Expect(row).ToContainTextAsync("Kitchen sink trap leaking", new() { Timeout = 30_000 });
        await Assertions.Expect(row).ToContainTextAsync("New");

        await page.GetByRole(AriaRole.Link, new() { Name = "All requests" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Kitchen sink trap leaking" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("request-outcome")).ToContainTextAsync("This is not a booked time yet");
        await Assertions.Expect(page.Locator("[data-live-reload=on]")).ToBeAttachedAsync(new() { Timeout = 30_000 });

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("thumbnail")).ToHaveCountAsync(2);
        await Assertions.Expect(staff.GetByTestId("request-details")).ToContainTextAsync("12 Oak Road");
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync("In review", new() { Timeout = 30_000 });
        await staff.GetByTestId("create-estimate").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("converted")).ToContainTextAsync("Turned into estimate EST-", new() { Timeout = 30_000 });

        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync("Accepted", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("request-outcome")).ToContainTextAsync("EST-");
        await BrowserFixture.ScreenshotAsync(page, "request-detail-accepted-1280");

        await using var check = await browser.App.CreateDbContextAsync();
        var request = await check.ServiceRequests.SingleAsync(r => r.CustomerId == customer.Id);
        Assert.NotNull(request.EstimateId);
        Assert.Equal(2, await check.Attachments.CountAsync(a => a.EstimateId == request.EstimateId));
        await staff.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task PublicPage_ShowsTheFormAndAcceptsARequest(int width)
    {
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync("/request-work");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Request work" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"request-public-{width}");

        var email = TestAccounts.UniqueEmail("public");
        await page.GetByLabel("First name").FillAsync("Nora");
        await page.GetByLabel("Last name").FillAsync("Newcomer");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "E-mail" }).FillAsync(email);
        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("(555) 010-0199");
        await page.GetByLabel("Kind of work").SelectOptionAsync("Installation");
        await page.GetByLabel("Short title").FillAsync("New outdoor tap");
        await page.GetByLabel("What is needed?").FillAsync("A tap on the back wall.");
        await page.GetByLabel("Street address").FillAsync("3 Birch Lane");
        await page.GetByLabel("Town or city").FillAsync("Springfield");
        await page.GetByLabel("Preferred day").FillAsync(DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Time of day").SelectOptionAsync("Any time");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("public-request-sent")).ToContainTextAsync("This is a request, not a booked time.");
        await BrowserFixture.ScreenshotAsync(page, $"request-public-sent-{width}");
        await using var db = await browser.App.CreateDbContextAsync();
        Assert.True((await db.Customers.SingleAsync(c => c.Email == email)).IsPendingReview);
        await page.Context.CloseAsync();
    }

    /// <summary>Goes through every step of the portal form with two photos, uses "Make changes" once, sends; returns the request number.</summary>
    private static async Task<string> SendRequestThroughEveryStepAsync(IPage page, int width)
    {
        await page.GotoAsync("/portal/requests");
        // A click while the circuit is still starting can be overtaken by the list's first interactive render.
        await Assertions.Expect(page.Locator("[data-live-reload=on]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("request-work").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/requests/new$"));
        await Assertions.Expect(page.Locator("[data-testid=request-form][data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await ExpectStepAsync(page, "Step 1 of 6: What is needed");
        await page.GetByTestId("category").GetByText("Repair", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Short title").FillAsync("Kitchen sink leaking");
        await page.GetByLabel("What is needed?").FillAsync("Water drips from the trap under the sink.");
        await BrowserFixture.ScreenshotAsync(page, $"request-step1-what-{width}");
        await NextAsync(page);

        await ExpectStepAsync(page, "Step 2 of 6: Where");
        await Assertions.Expect(page.GetByTestId("address-choice").GetByRole(AriaRole.Radio, new() { Name = "Home: 12 Oak Road, Springfield, IL 62704" })).ToBeCheckedAsync();
        await BrowserFixture.ScreenshotAsync(page, $"request-step2-where-{width}");
        await NextAsync(page);

        await ExpectStepAsync(page, "Step 3 of 6: When");
        await NextAsync(page);
        await Assertions.Expect(page.GetByText("Choose the day you would like us to come.")).ToBeVisibleAsync();
        var day = DateTime.UtcNow.AddDays(4).ToString("yyyy-MM-dd");
        await page.GetByLabel("Preferred day").FillAsync(day);
        await page.GetByLabel("Preferred day").BlurAsync();
        await page.GetByTestId("preferred-window").GetByText("Morning (8 am – 12 pm)").ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, $"request-step3-when-{width}");
        await NextAsync(page);

        await ExpectStepAsync(page, "Step 4 of 6: Photos");
        await page.GetByTestId("photo-input").SetInputFilesAsync(
        [
            new FilePayload { Name = "under-sink.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(640, 480) },
            new FilePayload { Name = "trap.png", MimeType = "image/png", Buffer = TestImages.Png(480, 640) },
        ]);
        await Assertions.Expect(page.GetByTestId("photo-thumbnails").Locator("figure")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByText("Add photos (2 of 4 chosen)")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=photo-thumbnails] img')].every(i => i.complete && i.naturalWidth > 0)");
        await BrowserFixture.ScreenshotAsync(page, $"request-step4-photos-{width}");
        await NextAsync(page);

        await ExpectStepAsync(page, "Step 5 of 6: How to contact you");
        await page.GetByTestId("contact-by").GetByText("Phone call").ClickAsync();
        await page.GetByLabel("Phone number").FillAsync("(555) 010-0142");
        await BrowserFixture.ScreenshotAsync(page, $"request-step5-contact-{width}");
        await NextAsync(page);

        await ExpectStepAsync(page, "Step 6 of 6: Check and send");
        await Assertions.Expect(page.GetByTestId("summary-title")).ToHaveTextAsync("Kitchen sink leaking");
        await Assertions.Expect(page.GetByTestId("summary-photos")).ToContainTextAsync("under-sink.jpg, trap.png");
        await BrowserFixture.ScreenshotAsync(page, $"request-summary-{width}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Make changes to what is needed" }).ClickAsync();
        await ExpectStepAsync(page, "Step 1 of 6: What is needed");
        await Assertions.Expect(page.GetByLabel("What is needed?")).ToHaveValueAsync("Water drips from the trap under the sink.");
        await page.GetByLabel("Short title").FillAsync("Kitchen sink trap leaking");
        await page.GetByTestId("next-step").ClickAsync();
        await ExpectStepAsync(page, "Step 6 of 6: Check and send");
        await Assertions.Expect(page.GetByTestId("summary-title")).ToHaveTextAsync("Kitchen sink trap leaking");
        await Assertions.Expect(page.GetByTestId("summary-contact")).ToContainTextAsync("Phone call: (555) 010-0142");

        await page.GetByTestId("send-request").ClickAsync();
        var confirmation = page.GetByTestId("request-confirmation");
        await Assertions.Expect(confirmation).ToContainTextAsync("This is a request, not a booked time.", new() { Timeout = 30_000 });
        var number = await page.GetByTestId("request-number").InnerTextAsync();
        Assert.StartsWith("REQ-", number);
        await BrowserFixture.ScreenshotAsync(page, $"request-confirmation-{width}");
        return number;
    }

    private static Task ExpectStepAsync(IPage page, string title) => Assertions.Expect(page.GetByTestId("step-title")).ToHaveTextAsync(title);

    private static Task NextAsync(IPage page) => page.GetByTestId("next-step").ClickAsync();
}
