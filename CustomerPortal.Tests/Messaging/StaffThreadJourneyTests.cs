using CustomerPortal.Core.Access;
using CustomerPortal.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Messaging;

/// <summary>Staff answer on a job page with a picture and add an internal note the customer never gets, with screenshots.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class StaffThreadJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task Staff_AnswerWithAPicture_AndAddAnInternalNote_TheCustomerSeesOnlyTheAnswer(int width)
    {
        var app = browser.App;
        var showcase = await PortalShowcase.CreateAsync(app);
        var staffUser = await TestAccounts.CreateStaffAsync(app);
        var messaging = app.Services.GetRequiredService<MessagingService>();
        var customer = showcase.User.ToActor(PortalModules.All, null);
        var threadId = (await messaging.GetThreadForSubjectAsync(customer, ThreadSubject.Job, showcase.JobId, default)).Value!.Summary.Id;
        var asked = await messaging.PostAsync(customer, new PostMessage(threadId, Guid.NewGuid(), "Is the old tank taken away?\nIt is quite heavy."), default);
        Assert.True(asked.Succeeded, asked.Message);

        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInAsStaffAsync(staffUser.Email);
        await page.GotoAsync($"/staff/jobs/{showcase.JobId}");
        await Assertions.Expect(page.Locator("[data-live-thread='on']")).ToHaveCountAsync(1);
        var thread = page.GetByTestId("thread");
        await Assertions.Expect(thread.GetByTestId("message")).ToHaveCountAsync(1);

        await thread.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "old-tank.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(640, 480) });
        await Assertions.Expect(thread.GetByRole(AriaRole.Button, new() { Name = "Remove old-tank.jpg" })).ToBeVisibleAsync();
        await thread.Locator("textarea").FillAsync("Yes, we take it away. This is it on the truck.");
        await thread.GetByTestId("send").ClickAsync();
        await Assertions.Expect(thread.GetByTestId("message")).ToHaveCountAsync(2);
        await Assertions.Expect(thread.GetByTestId("message-picture")).ToHaveCountAsync(1);

        await thread.GetByText("Internal note", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(thread.GetByTestId("composer-note-label")).ToBeVisibleAsync();
        await thread.Locator("textarea").FillAsync("Customer asked twice about disposal; add the fee to the invoice.");
        await thread.GetByTestId("send").ClickAsync();
        await Assertions.Expect(thread.GetByTestId("message")).ToHaveCountAsync(3);
        var note = thread.GetByTestId("message").Last;
        await Assertions.Expect(note).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cp-msg-note"));
        await Assertions.Expect(note.GetByTestId("note-label")).ToHaveTextAsync("Internal note — only staff can see this");
        await PortalMessagingJourneyTests.WaitForImagesAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The staff job page scrolls sideways.");
        await PortalMessagingJourneyTests.ScreenshotAsync(page, $"staff-thread-note-{width}");
        await thread.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"staff-thread-note-panel-{width}.png") });

        var seenByCustomer = (await messaging.GetThreadAsync(customer, threadId, default)).Value!.Messages;
        Assert.Equal(2, seenByCustomer.Count);
        Assert.DoesNotContain(seenByCustomer, m => m.Body.Contains("disposal"));
        Assert.Single(seenByCustomer[1].Attachments);
        await page.Context.CloseAsync();
    }
}
