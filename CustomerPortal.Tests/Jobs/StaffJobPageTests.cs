using Microsoft.Playwright;

namespace CustomerPortal.Tests.Jobs;

[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class StaffJobPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Staff_UploadsPictureAndRenamedProgram_PictureIsListedAndProgramRefused()
    {
        var showcase = await PortalShowcase.CreateAsync(browser.App);
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var page = await browser.NewPageAsync(1280, 1000);
        await new LoginPage(page).SignInAsStaffAsync(staff.Email);

        await page.GotoAsync($"/staff/jobs/{showcase.JobId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Replace water heater" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("attachment")).ToHaveCountAsync(4);
        await page.WaitForCircuitAsync();

        var program = new byte[2048];
        "MZ"u8.CopyTo(program);
        await page.Locator("[data-testid=attachments] input[type=file]").SetInputFilesAsync(
        [
            new FilePayload { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = program },
            new FilePayload { Name = "after-install.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(1200, 900) },
        ]);

        await Assertions.Expect(page.GetByTestId("upload-error")).ToContainTextAsync("photo.jpg is not a picture or an allowed file type");
        await Assertions.Expect(page.GetByTestId("attachment")).ToHaveCountAsync(5);
        await Assertions.Expect(page.GetByTestId("attachments")).ToContainTextAsync("after-install.jpg");
        await page.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)");
        await BrowserFixture.ScreenshotAsync(page, "staff-job-1280");

        await page.GotoAsync($"/staff/projects/{showcase.ProjectId}");
        await Assertions.Expect(page.GetByTestId("project-jobs")).ToContainTextAsync("Install kitchen cabinets");
        await BrowserFixture.ScreenshotAsync(page, "staff-project-1280");

        await page.GotoAsync($"/staff/payments/new?customerId={showcase.Customer.Id}");
        await Assertions.Expect(page.GetByTestId("allocations")).ToContainTextAsync("INV-");
        await BrowserFixture.ScreenshotAsync(page, "staff-payment-new-1280");

        await page.GotoAsync("/staff/jobs");
        await Assertions.Expect(page.GetByTestId("jobs-table")).ToContainTextAsync("Replace water heater");
        await BrowserFixture.ScreenshotAsync(page, "staff-jobs-1280");

        var phone = await browser.NewPageAsync(360);
        await new LoginPage(phone).SignInAsStaffAsync(staff.Email);
        await phone.GotoAsync("/staff/jobs");
        await Assertions.Expect(phone.GetByTestId("jobs-table")).ToContainTextAsync("Replace water heater");
        await BrowserFixture.ScreenshotAsync(phone, "staff-jobs-360");
        await phone.GotoAsync($"/staff/jobs/{showcase.JobId}");
        await Assertions.Expect(phone.GetByTestId("attachment")).ToHaveCountAsync(5);
        await BrowserFixture.ScreenshotAsync(phone, "staff-job-360");
        await phone.GotoAsync($"/staff/payments/new?customerId={showcase.Customer.Id}");
        await Assertions.Expect(phone.GetByTestId("allocations")).ToContainTextAsync("INV-");
        await BrowserFixture.ScreenshotAsync(phone, "staff-payment-new-360");
    }
}
