using CustomerPortal.Core.Estimates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Estimates;

[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class EstimateJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Customer_OpensDownloadsAndAcceptsAnEstimate_StaffSeesItAccepted()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Journey");
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var estimate = await DocumentData.SentEstimateAsync(browser.App, customer.Id, terms: "Work starts within 2 weeks of acceptance.");

        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInToPortalAsync(user.Email);
        await page.GotoAsync("/portal/estimates");
        await page.GetByRole(AriaRole.Link, new() { Name = estimate.Number }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Estimate {estimate.Number}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Viewed");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-pdf").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"cp-download-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(file);
        var bytes = await File.ReadAllBytesAsync(file);
        File.Delete(file);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal($"{estimate.Number}.pdf", download.SuggestedFilename);

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Accept estimate" })).ToBeEnabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept estimate" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("accept-terms")).ToHaveTextAsync("Work starts within 2 weeks of acceptance.");
        var next = page.GetByRole(AriaRole.Button, new() { Name = "Continue to signature" });
        await Assertions.Expect(next).ToBeDisabledAsync();
        await page.GetByLabel("I have read the terms and agree to them").CheckAsync();
        await next.ClickAsync();
        var sign = page.GetByRole(AriaRole.Button, new() { Name = "Accept and sign" });
        await Assertions.Expect(sign).ToBeDisabledAsync();
        await page.GetByLabel("Full name").FillAsync("Pat Journey");
        await BrowserFixture.ScreenshotAsync(page, "portal-estimate-sign-1280");
        await sign.ClickAsync();
        await Assertions.Expect(page.GetByTestId("accepted")).ToContainTextAsync("Accepted by Pat Journey");

        var staffPage = await browser.NewPageAsync();
        await new LoginPage(staffPage).SignInAsStaffAsync(staff.Email);
        await staffPage.GotoAsync($"/staff/estimates/{estimate.Id}");
        await Assertions.Expect(staffPage.GetByTestId("status")).ToHaveTextAsync("Accepted");
        await Assertions.Expect(staffPage.GetByTestId("accepted")).ToContainTextAsync("Pat Journey");
        await BrowserFixture.ScreenshotAsync(staffPage, "staff-estimate-accepted-1280");

        await using var db = await browser.App.CreateDbContextAsync();
        var saved = await db.Estimates.SingleAsync(e => e.Id == estimate.Id);
        Assert.Equal(EstimateStatus.Accepted, saved.Status);
        Assert.Equal("Pat Journey", saved.Acceptance!.SignedName);
        Assert.Equal("127.0.0.1", saved.Acceptance.IpAddress);
        Assert.Contains("Chrome", saved.Acceptance.UserAgent);
        Assert.Equal(user.Id, saved.Acceptance.PortalUserId);
        await page.Context.CloseAsync();
        await staffPage.Context.CloseAsync();
    }

    [Fact]
    public async Task Staff_WritesADraftAndSendsIt_TheCustomerThenSeesIt()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Drafted");
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsStaffAsync(staff.Email);

        await page.GotoAsync($"/staff/estimates/new?customerId={customer.Id}");
        await Assertions.Expect(page.GetByLabel("Title")).ToBeEnabledAsync();
        await page.GetByLabel("Title").FillAsync("Bathroom refit");
        var line = page.GetByTestId("line").First;
        await line.GetByLabel("Description").FillAsync("Tiling, per square metre");
        await line.GetByLabel("Qty").FillAsync("12.5");
        await line.GetByLabel("Unit price").FillAsync("40");
        await line.GetByLabel("Tax %").FillAsync("10");
        await page.GetByLabel("Title").ClickAsync();
        await Assertions.Expect(page.GetByTestId("total")).ToHaveTextAsync("$550.00");
        await BrowserFixture.ScreenshotAsync(page, "staff-estimate-new-1280");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Draft");
        var id = int.Parse(page.Url.Split('/').Last());

        var portal = await browser.NewPageAsync();
        await new LoginPage(portal).SignInToPortalAsync(user.Email);
        var hidden = await portal.GotoAsync($"/portal/estimates/{id}");
        Assert.Equal(404, hidden!.Status);
        await Assertions.Expect(portal.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save and send" })).ToBeEnabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and send" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Sent");

        await portal.GotoAsync($"/portal/estimates/{id}");
        await Assertions.Expect(portal.GetByText("Tiling, per square metre")).ToBeVisibleAsync();
        await Assertions.Expect(portal.GetByTestId("total")).ToHaveTextAsync("$550.00");
        await page.Context.CloseAsync();
        await portal.Context.CloseAsync();
    }
}
