using CustomerPortal.Core.Access;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Outbox;

/// <summary>The staff outbox in Chromium: the status filter, a failed message's reason, and sending it again.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class OutboxPagesBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task FailedMessage_ShowsTheProvidersReason_AndSendAgainQueuesIt(int width)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var failedId = await QueueAsync($"Invoice INV-{tag} failed", fail: "SendGrid 400: The from address does not match a verified Sender Identity. (from)");
        await QueueAsync($"Invoice INV-{tag} queued", fail: null);
        var staff = await TestAccounts.CreateStaffAsync(browser.App, StaffRole.Staff);
        var page = await browser.NewPageAsync(width);
        await new LoginPage(page).SignInAsStaffAsync(staff.Email);

        await page.GotoAsync("/staff/outbox?status=failed");
        var table = page.GetByTestId("outbox-table");
        await Assertions.Expect(table).ToContainTextAsync($"Invoice INV-{tag} failed");
        await Assertions.Expect(table).ToContainTextAsync("does not match a verified Sender Identity");
        await Assertions.Expect(table).Not.ToContainTextAsync($"Invoice INV-{tag} queued");
        await Assertions.Expect(page.GetByTestId("delivery-state")).ToContainTextAsync("No e-mail provider is set up");
        await Assertions.Expect(page.Locator("[data-live-reload='on']")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, $"staff-outbox-failed-{width}");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"The outbox scrolls sideways: {scrollWidth}px at {width}px.");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Invoice INV-{tag} failed" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("last-error")).ToContainTextAsync("SendGrid 400");
        await Assertions.Expect(page.GetByTestId("attempts")).ToHaveTextAsync("1");
        await BrowserFixture.ScreenshotAsync(page, $"staff-outbox-message-failed-{width}");
        await page.GetByTestId("retry").ClickAsync();
        await Assertions.Expect(page.GetByText("The message is queued again.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("retry")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("attempts")).ToHaveTextAsync("0");

        await using var db = await browser.App.CreateDbContextAsync();
        Assert.Equal(OutboxStatus.Pending, (await db.OutboxMessages.SingleAsync(m => m.Id == failedId)).Status);
        await page.Context.CloseAsync();
    }

    private async Task<long> QueueAsync(string subject, string? fail)
    {
        await using var db = await browser.App.CreateDbContextAsync();
        var message = browser.App.Services.GetRequiredService<OutboxWriter>()
            .EnqueueEmail(db, "olivia@example.test", "Olivia Martinez", new ComposedEmail(subject, "<p>Hello</p>", "Hello"), "invoice-sent");
        if (fail is not null) message.MarkAttemptFailed(fail, maxAttempts: 6, DateTime.UtcNow, permanent: true);
        await db.SaveChangesAsync();
        return message.Id;
    }
}
