using CustomerPortal.Core.Access;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Templates;

/// <summary>
/// An admin edits templates in the browser: problems shown at the field with where they are, a field inserted at the
/// caret from the menu, a live preview, the SMS counter. Uses events the rest of the suite never sends.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class TemplateEditorJourneyTests(BrowserFixture browser)
{
    private readonly PortalAppFactory _app = browser.App;

    private async Task<IPage> AdminOnAsync(string path, int width)
    {
        var admin = await TestAccounts.CreateStaffAsync(_app, StaffRole.Admin);
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInAsStaffAsync(admin.Email);
        await page.GotoAsync(path);
        return page;
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task AnAdmin_FixesAMistypedField_InsertsAFieldAtTheCaret_SeesThePreview_AndSaves(int width)
    {
        var page = await AdminOnAsync("/staff/templates", width);
        await BrowserFixture.ScreenshotAsync(page, $"templates-list-{width}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Job completed e-mail" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("template-editor")).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(page.GetByTestId("template-state")).ToHaveTextAsync("Default wording");

        var subject = page.Locator("#template-subject input");
        var body = page.Locator("#template-body textarea");
        await subject.FillAsync("Done: {{JOB_TITL}}");
        await Assertions.Expect(page.Locator("#template-subject")).ToContainTextAsync("Line 1, column 7: {{JOB_TITL}} is not a field. Did you mean {{JOB_TITLE}}?");

        await subject.FillAsync("Done: {{JOB_TITLE}}");
        await body.FillAsync("<p>Thanks  for having us.</p>");
        await body.EvaluateAsync("t => t.setSelectionRange(10, 10)");
        await page.GetByTestId("field-menu").GetByRole(AriaRole.Button).First.ClickAsync();
        await page.Locator("[data-field=CUSTOMER_FIRST_NAME]").ClickAsync();

        await Assertions.Expect(body).ToHaveValueAsync("<p>Thanks {{CUSTOMER_FIRST_NAME}} for having us.</p>");
        await Assertions.Expect(page.GetByTestId("preview-subject")).ToHaveTextAsync("Done: Replace water heater");
        await Assertions.Expect(page.GetByTestId("preview-text")).ToHaveTextAsync("Thanks Jordan for having us.", new() { UseInnerText = false });
        await BrowserFixture.ScreenshotAsync(page, $"template-editor-{width}");

        await page.GetByTestId("template-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("template-state")).ToHaveTextAsync("Your wording");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("template-editor")).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(page.Locator("#template-body textarea")).ToHaveValueAsync("<p>Thanks {{CUSTOMER_FIRST_NAME}} for having us.</p>");

        await page.GetByTestId("template-reset").ClickAsync();
        await Assertions.Expect(page.GetByTestId("template-state")).ToHaveTextAsync("Default wording");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task TheSmsEditor_CountsCharactersAndMessages_InTheEncodingTheTextNeeds(int width)
    {
        var page = await AdminOnAsync("/staff/templates/estimate-reminder/sms", width);
        await Assertions.Expect(page.GetByTestId("template-editor")).ToHaveAttributeAsync("data-interactive", "true");
        var body = page.Locator("#template-body textarea");

        await body.FillAsync(new string('a', 150) + " {{ESTIMATE_NUMBER}}");
        await Assertions.Expect(page.GetByTestId("sms-counter")).ToHaveTextAsync("159 characters · GSM-7 · 1 message");

        await body.FillAsync("Café ☕ " + new string('a', 64) + " {{ESTIMATE_NUMBER}}");
        await Assertions.Expect(page.GetByTestId("sms-counter")).ToHaveTextAsync("80 UCS-2 units · UCS-2 (a character outside GSM-7 is used) · 2 messages");
        await BrowserFixture.ScreenshotAsync(page, $"template-sms-{width}");
    }
}
