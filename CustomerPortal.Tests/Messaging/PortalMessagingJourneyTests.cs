using CustomerPortal.Core.Access;
using CustomerPortal.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Messaging;

/// <summary>A customer chats on a job page and in Messages, at desktop and phone width, with screenshots.</summary>
[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class PortalMessagingJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task Customer_ChatsOnAJob_LiveWithStaff_AndFindsItUnderMessages(int width)
    {
        var app = browser.App;
        var showcase = await PortalShowcase.CreateAsync(app);
        var staffUser = await TestAccounts.CreateStaffAsync(app);
        var staff = Actor.Staff(staffUser.Id, staffUser.Name, StaffRole.Staff);
        var messaging = app.Services.GetRequiredService<MessagingService>();
        var threadId = (await messaging.GetThreadForSubjectAsync(staff, ThreadSubject.Job, showcase.JobId, default)).Value!.Summary.Id;
        await Post(messaging, staff, threadId, "Hi Morgan, Alex arrives between 9 and 10.\nThe new heater's manual: https://example.com/manual.pdf");
        await Post(messaging, staff, threadId, "Staff only: bring the long ladder", internalNote: true);

        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInToPortalAsync(showcase.User.Email);
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("nav-badge-portal-messages")).ToHaveTextAsync("1 unread");

        await page.GotoAsync($"/portal/jobs/{showcase.JobId}");
        var thread = page.GetByTestId("thread");
        await Assertions.Expect(page.Locator("[data-live-thread='on']")).ToHaveCountAsync(1);
        await Assertions.Expect(thread.GetByTestId("message")).ToHaveCountAsync(1);
        await Assertions.Expect(thread.GetByRole(AriaRole.Link, new() { Name = "https://example.com/manual.pdf" })).ToBeVisibleAsync();
        await Assertions.Expect(thread).Not.ToContainTextAsync("long ladder");
        // Reading the thread on screen clears the badge.
        await Assertions.Expect(page.GetByTestId("nav-badge-portal-messages")).ToHaveCountAsync(0);

        var input = thread.GetByLabel("Message", new() { Exact = true });
        await input.FillAsync("Thanks! Please call before you arrive.");
        if (width > 600) await input.PressAsync("Enter");
        else await thread.GetByTestId("send").ClickAsync();
        await Assertions.Expect(thread.GetByTestId("message")).ToHaveCountAsync(2);
        await Assertions.Expect(thread.GetByTestId("message").Last).ToContainTextAsync("Please call before you arrive.");
        await Assertions.Expect(thread.GetByTestId("outgoing")).ToHaveCountAsync(0);
        await Assertions.Expect(input).ToHaveValueAsync("");

        // Staff type, then read it: both show without a reload.
        await messaging.TypingAsync(staff, threadId, false, default);
        await Assertions.Expect(thread.GetByTestId("typing")).ToHaveTextAsync("Sam Staff is typing…");
        var last = (await messaging.GetThreadAsync(staff, threadId, default)).Value!.Messages[^1];
        await messaging.MarkReadAsync(staff, threadId, last.Id, default);
        await Assertions.Expect(thread.GetByTestId("seen-by")).ToHaveTextAsync("Seen by Sam Staff");
        await Post(messaging, staff, threadId, "Will do. See you tomorrow!");
        await Assertions.Expect(thread.GetByTestId("message")).ToHaveCountAsync(3);
        await Assertions.Expect(thread.GetByTestId("typing")).ToHaveTextAsync("");

        // A draft survives a reload.
        await input.FillAsync("Also, can you look at the kitchen tap?");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-live-thread='on']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("thread").GetByLabel("Message", new() { Exact = true })).ToHaveValueAsync("Also, can you look at the kitchen tap?");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The job page scrolls sideways.");
        await WaitForImagesAsync(page);
        await ScreenshotAsync(page, $"portal-thread-job-{width}");
        await page.GetByTestId("thread").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"portal-thread-panel-{width}.png") });

        if (width <= 600)
        {
            // The on-screen keyboard takes about half of a phone's height: the box being written in stays in view.
            await page.SetViewportSizeAsync(width, 400);
            await page.GetByTestId("thread").GetByLabel("Message", new() { Exact = true }).FocusAsync();
            await Assertions.Expect(page.GetByTestId("send")).ToBeInViewportAsync();
            await Assertions.Expect(page.GetByTestId("thread").GetByLabel("Message", new() { Exact = true })).ToBeInViewportAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"portal-thread-job-keyboard-{width}.png") });
            await page.SetViewportSizeAsync(width, 900);
        }

        await page.GotoAsync("/portal/messages");
        await Assertions.Expect(page.GetByTestId("thread-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("thread-row")).ToContainTextAsync("Replace water heater");
        await Assertions.Expect(page.GetByTestId("thread-row")).ToContainTextAsync("See you tomorrow");
        await page.WaitForCircuitAsync();
        await ScreenshotAsync(page, $"portal-messages-{width}");
        await page.GetByTestId("ask").ClickAsync();
        await page.GetByLabel("Topic").FillAsync("Boiler service plan");
        await page.GetByLabel("Your message").FillAsync("Do you offer a yearly service plan for the boiler?");
        await ScreenshotAsync(page, $"portal-messages-ask-{width}");
        await page.GetByTestId("ask-send").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/portal/messages/\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Boiler service plan" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("message")).ToContainTextAsync("yearly service plan");
        await ScreenshotAsync(page, $"portal-messages-thread-{width}");
        await page.Context.CloseAsync();
    }

    private static async Task Post(MessagingService messaging, Actor staff, int threadId, string body, bool internalNote = false)
    {
        var posted = await messaging.PostAsync(staff, new PostMessage(threadId, Guid.NewGuid(), body, internalNote), default);
        Assert.True(posted.Succeeded, posted.Message);
    }

    /// <summary>A full-page screenshot from the top, so the app bar and the composer sit where a reader sees them.</summary>
    internal static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserFixture.ScreenshotAsync(page, name);
    }

    internal static Task WaitForImagesAsync(IPage page) =>
        page.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)");
}
