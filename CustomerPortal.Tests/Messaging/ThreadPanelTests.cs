using Bunit;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Web.Access;
using CustomerPortal.Web.Live;
using CustomerPortal.Web.Messaging;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace CustomerPortal.Tests.Messaging;

/// <summary>The thread panel on the real messaging service (Core test host, real SQLite); the browser side is faked loosely.</summary>
public sealed class ThreadPanelTests : BunitContext, IAsyncLifetime
{
    private MessagingKit _kit = null!;

    public async Task InitializeAsync()
    {
        _kit = await MessagingKit.StartAsync(new Dictionary<string, string?> { ["Messaging:MaxMessageLength"] = "200", ["Messaging:MessagesPerPage"] = "10" }, services =>
        {
            services.AddSingleton(sp => new FlakyPublisher(sp.GetRequiredService<LiveEventBus>()));
            services.AddSingleton<ILiveEventPublisher>(sp => sp.GetRequiredService<FlakyPublisher>());
        });
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.SetupModule("./js/messaging.js").Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton(_kit.Messaging);
        Services.AddSingleton(_kit.Core.Get<ThreadPresence>());
        Services.AddSingleton(_kit.Core.Get<CompanySettingsService>());
        Services.AddSingleton(_kit.Core.Get<IOptions<MessagingOptions>>());
        Services.AddSingleton<TimeProvider>(_kit.Core.Clock);
        Services.AddSingleton(_kit.Core.Get<LiveEventBus>());
        // Signed out as far as the circuit knows: the panel works without live events.
        AddAuthorization();
        Services.AddSingleton(new ActorResolver(_kit.Core.Get<IDbContextFactory<PortalDbContext>>(), Options.Create(new IdentityOptions()), _kit.Core.Get<CompanySettingsService>()));
        Services.AddScoped<CurrentActor>();
        Services.AddScoped<CircuitLiveEvents>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _kit.DisposeAsync();
    }

    private IRenderedComponent<ThreadPanel> RenderPanel(Actor actor, int threadId) =>
        Render<ThreadPanel>(p => p.Add(t => t.ThreadId, threadId).AddCascadingValue(actor));

    [Fact]
    public async Task UserText_IsShownAsPlainText_WithLinksClickableAndLineBreaksKept()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        await _kit.PostAsync(staff, threadId, "Hi {{CustomerName}} <script>alert(1)</script> <b>bold</b>\nSee https://example.com/plan?x=1.");

        var cut = RenderPanel(customer, threadId);

        var message = cut.WaitForElement("[data-testid=message] .cp-msg-text");
        Assert.Empty(message.QuerySelectorAll("script, b"));
        Assert.Equal("Hi {{CustomerName}} <script>alert(1)</script> <b>bold</b>\nSee https://example.com/plan?x=1.", message.TextContent);
        var link = Assert.Single(message.QuerySelectorAll("a"));
        Assert.Equal("https://example.com/plan?x=1", link.GetAttribute("href"));
        Assert.Contains("noopener", link.GetAttribute("rel"));
        Assert.Contains("Sam Staff", cut.Find("[data-testid=message] .cp-msg-meta").TextContent);
    }

    [Fact]
    public async Task InternalNote_IsNeverRenderedForACustomer_AndMarkedForStaff()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        await _kit.PostAsync(staff, threadId, "We will be there at nine");
        await _kit.PostAsync(staff, threadId, "Gate code 4411, dog is nervous", internalNote: true);

        var asCustomer = RenderPanel(customer, threadId);
        asCustomer.WaitForAssertion(() => Assert.Single(asCustomer.FindAll("[data-testid=message]")));
        Assert.DoesNotContain("Gate code", asCustomer.Markup);
        Assert.Empty(asCustomer.FindAll("[data-testid=note-toggle]"));

        var asStaff = RenderPanel(staff, threadId);
        asStaff.WaitForAssertion(() => Assert.Equal(2, asStaff.FindAll("[data-testid=message]").Count));
        var note = asStaff.FindAll("[data-testid=message]")[1];
        Assert.Contains("cp-msg-note", note.ClassName);
        Assert.Contains("Internal note — only staff can see this", note.TextContent);
        Assert.NotEmpty(asStaff.FindAll("[data-testid=note-toggle]"));
    }

    [Fact]
    public async Task FailedSend_ShowsNotSentWithRetry_AndRetryStoresNoSecondMessage()
    {
        var (_, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        var cut = RenderPanel(customer, threadId);
        // The message is stored but the answer is lost on the way back, as with a dropped connection.
        _kit.Core.Get<FlakyPublisher>().FailNextMessage = true;

        cut.WaitForElement("textarea").Input("Can you come earlier?");
        // Found and clicked in one step on the renderer: a live re-render in between would drop the handler.
        await cut.InvokeAsync(() => cut.Find("[data-testid=send]").Click());

        cut.WaitForAssertion(() => Assert.Contains("Not sent", cut.Find("[data-testid=not-sent]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=message]"));
        var stored = await StoredAsync(threadId);
        Assert.Single(stored);

        // Found and clicked in one step on the renderer: a live re-render in between would drop the handler.
        await cut.InvokeAsync(() => cut.Find("[data-testid=retry]").Click());

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=message]")));
        Assert.Empty(cut.FindAll("[data-testid=outgoing]"));
        Assert.Equal(stored[0].Id.ToString(), cut.Find("[data-testid=message]").GetAttribute("data-message-id"));
        Assert.Single(await StoredAsync(threadId));
    }

    [Fact]
    public async Task RefusedSend_ShowsTheServicesReason_AndIsNeverShownAsSent()
    {
        var (_, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        var cut = RenderPanel(customer, threadId);

        cut.WaitForElement("textarea").Input(new string('x', 201));
        // Found and clicked in one step on the renderer: a live re-render in between would drop the handler.
        await cut.InvokeAsync(() => cut.Find("[data-testid=send]").Click());

        cut.WaitForAssertion(() => Assert.Contains("at most 200 characters", cut.Find("[data-testid=not-sent]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=message]"));
        Assert.Empty(await StoredAsync(threadId));
    }

    [Fact]
    public async Task ViewAsCustomer_ShowsTheThreadReadOnlyWithAReason()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        await _kit.PostAsync(staff, threadId, "Hello");

        var cut = RenderPanel(customer with { ViewingStaffUserId = staff.StaffUserId, PortalUserId = null }, threadId);

        cut.WaitForAssertion(() => Assert.Contains("viewing the portal", cut.Find("[data-testid=thread-read-only]").TextContent));
        Assert.Empty(cut.FindAll("textarea"));
        Assert.Single(cut.FindAll("[data-testid=message]"));
    }

    [Fact]
    public async Task ShowEarlierMessages_LoadsTheOlderPage_InStoreOrder()
    {
        var (staff, customer, threadId) = await _kit.ThreadWithPeopleAsync();
        for (var i = 1; i <= 12; i++) await _kit.PostAsync(i % 2 == 0 ? staff : customer, threadId, $"Message {i}");

        var cut = RenderPanel(customer, threadId);
        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=message]").Count));
        Assert.Contains("Message 3", cut.FindAll("[data-testid=message]")[0].TextContent);

        // Found and clicked on the renderer's thread: a live render between the two would retire the button's handler.
        await cut.InvokeAsync(() => cut.Find("[data-testid=show-earlier] button, button[data-testid=show-earlier]").Click());

        cut.WaitForAssertion(() => Assert.Equal(12, cut.FindAll("[data-testid=message]").Count));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"Message {i}"),
            cut.FindAll("[data-testid=message] .cp-msg-text").Select(m => m.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=show-earlier]"));
    }

    private async Task<List<Message>> StoredAsync(int threadId)
    {
        await using var db = await _kit.Core.DbAsync();
        return await db.Messages.Where(m => m.ThreadId == threadId).ToListAsync();
    }

    /// <summary>Hands events to the bus, but can fail once right after a message was stored.</summary>
    private sealed class FlakyPublisher(ILiveEventPublisher inner) : ILiveEventPublisher
    {
        public bool FailNextMessage { get; set; }

        public Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default)
        {
            if (liveEvent is MessagePosted && FailNextMessage)
            {
                FailNextMessage = false;
                throw new IOException("The connection dropped.");
            }
            return inner.PublishAsync(liveEvent, ct);
        }
    }
}
