using CustomerPortal.Core.Access;
using CustomerPortal.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Messaging;

/// <summary>
/// A customer and a staff member chat on an invoice, each in their own browser: messages, typing and "Seen" arrive without
/// a reload, the staff inbox lists the conversation live, and a second staff member's unread count in the menu moves.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class StaffInboxJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task CustomerAndStaff_ChatOnAnInvoice_LiveInTwoBrowsers_WhileAThirdSeesItsUnreadCountChange()
    {
        var app = browser.App;
        var customer = await TestAccounts.CreateCustomerAsync(app, "Chatwell");
        var user = await TestAccounts.CreatePortalUserAsync(app, customer.Id);
        var staffUser = await TestAccounts.CreateStaffAsync(app);
        var otherStaffUser = await TestAccounts.CreateStaffAsync(app);
        int invoiceId;
        await using (var db = await app.CreateDbContextAsync())
            invoiceId = (await TestRecords.SentInvoiceAsync(db, customer.Id, 240m, "Gutter cleaning")).Id;
        var messaging = app.Services.GetRequiredService<MessagingService>();
        var otherStaff = otherStaffUser.ToActor();

        var portal = await browser.NewPageAsync();
        var staff = await browser.NewPageAsync();
        var observer = await browser.NewPageAsync();
        await new LoginPage(portal).SignInToPortalAsync(user.Email);
        await new LoginPage(staff).SignInAsStaffAsync(staffUser.Email);
        await new LoginPage(observer).SignInAsStaffAsync(otherStaffUser.Email);

        await portal.GotoAsync($"/portal/invoices/{invoiceId}");
        await Assertions.Expect(portal.Locator("[data-live-thread='on']")).ToHaveCountAsync(1);
        var threadId = (await messaging.GetThreadForSubjectAsync(otherStaff, ThreadSubject.Invoice, invoiceId, default)).Value!.Summary.Id;
        await staff.GotoAsync("/staff/messages");
        await Assertions.Expect(staff.Locator("[data-live='on']")).ToHaveCountAsync(1);
        await observer.WaitForCircuitAsync();
        var unreadBefore = (await messaging.UnreadAsync(otherStaff, default)).Threads;
        await ExpectUnreadBadgeAsync(observer, unreadBefore);

        // The customer writes: the staff inbox lists it and the other staff member's count goes up, without a reload.
        var portalThread = portal.GetByTestId("thread");
        await SendAsync(portalThread, "Hello, is the gutter guard included in this invoice?");
        var row = staff.Locator($"[data-thread='{threadId}']");
        await Assertions.Expect(row).ToContainTextAsync("Pat Chatwell");
        await Assertions.Expect(row).ToContainTextAsync("gutter guard included");
        await Assertions.Expect(row.GetByTestId("thread-unread")).ToHaveTextAsync("1 unread");
        await ExpectUnreadBadgeAsync(observer, unreadBefore + 1);
        await BrowserFixture.ScreenshotAsync(observer, "staff-menu-unread-1280");

        // Staff open it beside the list: reading it shows "Seen" to the customer.
        await row.GetByRole(AriaRole.Link, new() { Name = "Pat Chatwell" }).ClickAsync();
        await staff.WaitForURLAsync($"**/staff/messages/{threadId}");
        var staffThread = staff.GetByTestId("thread");
        await Assertions.Expect(staff.Locator("[data-live-thread='on']")).ToHaveCountAsync(1);
        await Assertions.Expect(staffThread.GetByTestId("message")).ToHaveCountAsync(1);
        await Assertions.Expect(portalThread.GetByTestId("seen-by")).ToHaveTextAsync("Seen by Sam Staff");
        await Assertions.Expect(row.GetByTestId("thread-unread")).ToHaveCountAsync(0);

        // Staff type and answer; the customer sees both, and staff see the customer read it.
        await staffThread.GetByLabel("Message", new() { Exact = true }).PressSequentiallyAsync("Yes, it is");
        await Assertions.Expect(portalThread.GetByTestId("typing")).ToHaveTextAsync("Sam Staff is typing…");
        await SendAsync(staffThread, " part of line 2.", fill: false);
        await Assertions.Expect(portalThread.GetByTestId("message")).ToHaveCountAsync(2);
        await Assertions.Expect(portalThread.GetByTestId("message").Last).ToContainTextAsync("Yes, it is part of line 2.");
        await Assertions.Expect(portalThread.GetByTestId("typing")).ToHaveTextAsync("");
        await Assertions.Expect(staffThread.GetByTestId("seen-by")).ToHaveTextAsync("Seen by Pat Portal");

        // The customer types back (slowly: a composer says "typing" at most every few seconds); staff see it, then the answer.
        await portalThread.GetByTestId("message-input").PressSequentiallyAsync("Great, thank you", new() { Delay = 250 });
        await Assertions.Expect(staffThread.GetByTestId("typing")).ToHaveTextAsync("Pat Portal is typing…");
        await SendAsync(portalThread, "!", fill: false);
        await Assertions.Expect(staffThread.GetByTestId("message")).ToHaveCountAsync(3);
        await Assertions.Expect(staffThread.GetByTestId("message").Last).ToContainTextAsync("Great, thank you!");

        // An internal note stays with staff.
        await staffThread.GetByLabel("Internal note", new() { Exact = true }).CheckAsync();
        await Assertions.Expect(staffThread.GetByTestId("composer-note-label")).ToBeVisibleAsync();
        await SendAsync(staffThread, "Customer happy. Close after payment.");
        await Assertions.Expect(staffThread.GetByTestId("note-label")).ToHaveCountAsync(1);
        await Assertions.Expect(staffThread.GetByTestId("message")).ToHaveCountAsync(4);
        await Assertions.Expect(portalThread.GetByTestId("message")).ToHaveCountAsync(3);
        await Assertions.Expect(portalThread).Not.ToContainTextAsync("Close after payment");

        // Assign to me and mark done; the row says so, live.
        await staff.GetByTestId("assignee").ClickAsync();
        await staff.GetByRole(AriaRole.Option, new() { Name = "Sam Staff" }).First.ClickAsync();
        await Assertions.Expect(row.GetByTestId("thread-assignee")).ToHaveTextAsync("Assigned to Sam Staff");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Button, new() { Name = "Reopen" })).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("thread-done")).ToHaveCountAsync(1);
        await ExpectUnreadBadgeAsync(observer, unreadBefore);

        Assert.True(await staff.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The inbox scrolls sideways.");
        await BrowserFixture.ScreenshotAsync(staff, "staff-inbox-thread-note-1280");
        await staff.GotoAsync("/staff/messages");
        await Assertions.Expect(staff.Locator("[data-live='on']")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(staff, "staff-inbox-1280");
        await staff.GetByLabel("E-mail me about new messages nobody is assigned to").CheckAsync();
        await Assertions.Expect(staff.GetByText("You will get an e-mail about new messages nobody is assigned to.")).ToBeVisibleAsync();
        Assert.True(await messaging.GetEmailsAboutUnassignedAsync(staffUser.ToActor(), default));

        // The customer's profile lists the conversation, and staff can start a new one there.
        await staff.GotoAsync($"/staff/customers/{customer.Id}?tab=messages");
        var threads = staff.GetByTestId("customer-threads");
        await Assertions.Expect(threads.Locator($"[data-thread='{threadId}']")).ToContainTextAsync("Invoice for Gutter cleaning");
        await Assertions.Expect(staff.Locator("[data-live='on']")).ToHaveCountAsync(1);
        await threads.GetByLabel("Topic").FillAsync("Spring maintenance visit");
        await threads.GetByLabel("Message", new() { Exact = true }).FillAsync("Shall we book your spring gutter check?");
        await BrowserFixture.ScreenshotAsync(staff, "staff-customer-messages-1280");
        await threads.GetByRole(AriaRole.Button, new() { Name = "Start conversation" }).ClickAsync();
        // The new thread opens by the circuit's own navigation (no page load to wait for): poll the address and the page,
        // with room for a loaded CI machine.
        await Assertions.Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/staff/messages/(?!{threadId}$)\d+$"),
            new() { Timeout = 30_000 });
        await Assertions.Expect(staff.GetByTestId("thread-triage")).ToContainTextAsync("Spring maintenance visit", new() { Timeout = 30_000 });
        await Assertions.Expect(staff.GetByTestId("thread").GetByTestId("message")).ToContainTextAsync("spring gutter check");

        // On a phone the list and the thread take turns.
        var phone = await browser.NewPageAsync(360);
        await new LoginPage(phone).SignInAsStaffAsync(staffUser.Email);
        await phone.GotoAsync("/staff/messages");
        await Assertions.Expect(phone.Locator("[data-live='on']")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator($"[data-thread='{threadId}']")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The inbox scrolls sideways at 360 px.");
        await BrowserFixture.ScreenshotAsync(phone, "staff-inbox-360");
        await phone.Locator($"[data-thread='{threadId}']").GetByRole(AriaRole.Link, new() { Name = "Pat Chatwell" }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-live-thread='on']")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator($"[data-thread='{threadId}']")).Not.ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "All messages" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("thread").GetByTestId("note-label")).ToHaveCountAsync(1);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The thread scrolls sideways at 360 px.");
        await BrowserFixture.ScreenshotAsync(phone, "staff-inbox-thread-note-360");

        foreach (var page in new[] { portal, staff, observer, phone }) await page.Context.CloseAsync();
    }

    private static async Task SendAsync(ILocator thread, string text, bool fill = true)
    {
        var input = thread.GetByTestId("message-input");
        if (fill) await input.FillAsync(text);
        else await input.PressSequentiallyAsync(text);
        await input.PressAsync("Enter");
        await Assertions.Expect(thread.GetByTestId("outgoing")).ToHaveCountAsync(0);
    }

    private static Task ExpectUnreadBadgeAsync(IPage page, int count) => count == 0
        ? Assertions.Expect(page.GetByTestId("nav-badge-staff-messages")).ToHaveCountAsync(0)
        : Assertions.Expect(page.GetByTestId("nav-badge-staff-messages")).ToHaveTextAsync($"{count} unread");
}
