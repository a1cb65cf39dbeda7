using System.Text.RegularExpressions;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Requests;

[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class StaffRequestsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task NewRequest_AppearsLiveForTwoStaff_OneConvertsItToAnEstimate_TheOtherSeesItConverted()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Requester");
        var dana = await TestAccounts.CreateStaffAsync(browser.App);
        var marcus = await TestAccounts.CreateStaffAsync(browser.App);
        var title = $"Leaking shower valve {Guid.NewGuid():N}"[..28];

        var desk = await browser.NewPageAsync(1280, 1000);
        await new LoginPage(desk).SignInAsStaffAsync(dana.Email);
        await desk.GotoAsync("/staff/requests");
        await Assertions.Expect(desk.Locator("[data-live-reload=on]")).ToBeAttachedAsync();
        var phone = await browser.NewPageAsync(360, 800);
        await new LoginPage(phone).SignInAsStaffAsync(marcus.Email);
        await phone.GotoAsync("/staff/requests");
        await Assertions.Expect(phone.Locator("[data-live-reload=on]")).ToBeAttachedAsync();

        int unopened;
        await using (var db = await browser.App.CreateDbContextAsync())
            unopened = await db.ServiceRequests.CountAsync(r => r.Status == ServiceRequestStatus.New);

        // What the customer's submission does (WorkRequestService on the portal side): store, attach, publish.
        ServiceRequest request;
        await using (var db = await browser.App.CreateDbContextAsync())
            request = await TestRecords.ServiceRequestAsync(db, customer.Id, title, createdAtUtc: DateTime.UtcNow);
        await using (var scope = browser.App.CreateScope())
        {
            await TestRecords.RequestPhotosAsync(scope.ServiceProvider.GetRequiredService<AttachmentService>(), request, 2);
            await scope.ServiceProvider.GetRequiredService<ILiveEventPublisher>().PublishAsync(new ServiceRequestChanged(customer.Id, request.Id));
        }

        var deskRow = desk.GetByTestId("requests-table").Locator("tr", new() { HasText = title });
        await Assertions.Expect(deskRow).ToContainTextAsync("New");
        await Assertions.Expect(deskRow).ToContainTextAsync("Pat Requester");
        await Assertions.Expect(deskRow).ToContainTextAsync("Mar 20, 2026, Morning (8–12)");
        await Assertions.Expect(phone.GetByTestId("requests-table")).ToContainTextAsync(title);
        await Assertions.Expect(desk.GetByTestId("nav-badge-staff-requests")).ToHaveTextAsync($"{unopened + 1} new");
        await BrowserFixture.ScreenshotAsync(desk, "staff-requests-1280");
        await BrowserFixture.ScreenshotAsync(phone, "staff-requests-360");

        // The second staff member opens it first (it moves to In review), and keeps it open.
        await phone.GetByTestId("requests-table").GetByRole(AriaRole.Link, new() { Name = $"{request.Number} · {title}" }).ClickAsync();
        await Assertions.Expect(phone).ToHaveURLAsync(new Regex($"/staff/requests/{request.Id}$"));
        await Assertions.Expect(phone.GetByTestId("status").First).ToHaveTextAsync("In review");
        await Assertions.Expect(phone.GetByTestId("thumbnail")).ToHaveCountAsync(2);
        await Assertions.Expect(phone.Locator("[data-live-reload=on]")).ToBeAttachedAsync();
        await phone.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)");
        await BrowserFixture.ScreenshotAsync(phone, "staff-request-360");
        await Assertions.Expect(deskRow).ToContainTextAsync("In review");
        if (unopened == 0) await Assertions.Expect(desk.GetByTestId("nav-badge-staff-requests")).ToHaveCountAsync(0);
        else await Assertions.Expect(desk.GetByTestId("nav-badge-staff-requests")).ToHaveTextAsync($"{unopened} new");

        await deskRow.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(desk).ToHaveURLAsync(new Regex($"/staff/requests/{request.Id}$"));
        await Assertions.Expect(desk.GetByTestId("request-details")).ToContainTextAsync("10 Oak Lane, Unit 2, Springfield, IL 62704");
        await Assertions.Expect(desk.GetByTestId("request-details")).ToContainTextAsync("Phone call");
        await Assertions.Expect(desk.GetByTestId("thumbnail")).ToHaveCountAsync(2);
        await desk.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)");
        await BrowserFixture.ScreenshotAsync(desk, "staff-request-1280");

        await desk.GetByTestId("thumbnail").First.ClickAsync();
        await Assertions.Expect(desk.GetByTestId("full-size")).ToBeVisibleAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        await desk.GetByTestId("create-estimate").ClickAsync();
        await Assertions.Expect(desk.GetByTestId("converted")).ToContainTextAsync("Turned into estimate EST-");
        await Assertions.Expect(desk.GetByTestId("request-actions")).ToHaveCountAsync(0);
        // The other staff member's open page follows, and no longer offers the buttons.
        await Assertions.Expect(phone.GetByTestId("converted")).ToContainTextAsync("Turned into estimate EST-");
        await Assertions.Expect(phone.GetByTestId("create-estimate")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(desk, "staff-request-converted-1280");

        await desk.GetByTestId("open-record").ClickAsync();
        await Assertions.Expect(desk).ToHaveURLAsync(new Regex(@"/staff/estimates/\d+$"));
        await Assertions.Expect(desk.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Estimate EST-");
        await Assertions.Expect(desk.GetByTestId("attachments")).ToContainTextAsync("photo-1.jpg");
        await BrowserFixture.ScreenshotAsync(desk, "staff-request-estimate-1280");

        await desk.GotoAsync($"/staff/customers/{customer.Id}?tab=requests");
        var onProfile = desk.GetByTestId("customer-requests").Locator("tr", new() { HasText = title });
        await Assertions.Expect(onProfile).ToContainTextAsync("Converted");
        await BrowserFixture.ScreenshotAsync(desk, "staff-customer-requests-1280");
    }
}
