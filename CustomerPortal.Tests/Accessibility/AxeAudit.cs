using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Payments;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Accessibility;

/// <summary>
/// Runs axe over every page the app routes to (staff pages as an admin, portal pages as a user who sees every module, the
/// sign-in and link pages signed out, plus a closed portal and an unknown address), at 1280 px and portal pages also at
/// 360 px, in the demo company's accent colour. Any serious or critical violation fails, naming the page, rule and elements.
/// The pages are split between two test classes, each in a collection (app and Chromium) of its own, so the two halves
/// run side by side.
/// </summary>
public abstract class AxeAudit(BrowserFixture browser)
{
    /// <summary>The accent the demo company is seeded with; the audit runs in it.</summary>
    public const string DemoAccent = "#00796B";

    private static readonly string[] FailingImpacts = ["serious", "critical"];
    private static readonly Dictionary<BrowserFixture, Task<AuditData>> Shared = [];

    /// <summary>The pages a portal user (open or closed portal) sees; the other class audits the rest.</summary>
    protected static bool IsPortalVisitor(Visitor visitor) => visitor is Visitor.PortalUser or Visitor.ClosedPortalUser;

    protected static TheoryData<string, Visitor, int> PagesWhere(Func<Visitor, bool> visitor)
    {
        var data = new TheoryData<string, Visitor, int>();
        foreach (var page in AuditedPages.All().Where(p => visitor(p.Visitor))) data.Add(page.Template, page.Visitor, page.Width);
        return data;
    }

    protected async Task AuditAsync(string template, Visitor visitor, int width)
    {
        var data = await DataAsync();
        var path = AuditedPages.Fill(template, (segment, name) => ValueFor(data, segment, name));

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.App.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            StorageState = data.SignedIn.GetValueOrDefault(visitor),
        });
        context.SetDefaultTimeout(BusyMachineWaits.PatienceMs);
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await WaitUntilSettledAsync(page);
            var landed = new Uri(page.Url).AbsolutePath;
            // A closed portal may show its notice or end the session; either page is what that person sees.
            if (visitor is Visitor.Admin or Visitor.PortalUser)
                Assert.False(landed is "/account/login" or "/portal/login" or "/account/access-denied",
                    $"{path} as {visitor} was sent to {landed}; the audit would check the wrong page.");

            // axe waits for every frame's answer without a time limit; a page whose frame cannot run scripts would hold the
            // whole suite, so a stuck audit fails here instead.
            var result = await page.RunAxe().WaitAsync(TimeSpan.FromSeconds(60));
            var problems = result.Violations
                .Where(v => FailingImpacts.Contains(v.Impact))
                .Select(v => $"  {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(Describe)))
                .ToList();
            await BrowserFixture.ScreenshotAsync(page, $"axe-{Slug(path)}-{visitor}-{width}");
            Assert.True(problems.Count == 0,
                $"{path} (route {template}) as {visitor} at {width}px has {problems.Count} serious/critical axe violation(s):\n" + string.Join("\n", problems));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static string Describe(AxeResultNode node)
    {
        var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m));
        var html = node.Html is { Length: > 160 } long_ ? long_[..160] + "…" : node.Html;
        return $"    {node.Target} {html}\n      {string.Join(" | ", checks)}";
    }

    private static string Slug(string path) =>
        string.Concat(path.Trim('/').Select(c => char.IsLetterOrDigit(c) ? c : '-')) is { Length: > 0 } slug ? slug : "root";

    /// <summary>
    /// Waits until the page has loaded, the interactive circuit (if any) has rendered, and nothing in the DOM changed for
    /// a moment: axe must see the page a person sees, not the prerendered first paint.
    /// </summary>
    private static async Task WaitUntilSettledAsync(IPage page)
    {
        await page.WaitForFunctionAsync("""
            () => {
                if (!window.__cpAudit) {
                    window.__cpAudit = { changed: performance.now() };
                    new MutationObserver(() => window.__cpAudit.changed = performance.now())
                        .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
                }
                return performance.now() - window.__cpAudit.changed > 750
                    && Array.from(document.images).every(i => i.complete);
            }
            """, null, new PageWaitForFunctionOptions { PollingInterval = 100, Timeout = 15_000 });
    }

    private static string? ValueFor(AuditData data, string segment, string name) => (segment, name.ToLowerInvariant()) switch
    {
        ("customers", "id") => data.Customer.Customer.Id.ToString(),
        ("outbox", "id") => data.OutboxMessageId.ToString(),
        (_, "id") => data.Customer.IdFor(segment)?.ToString(),
        ("link", "token") => data.SignInToken,
        ("register", "token") => data.RegistrationToken,
        ("reset-password", "token") => data.ResetToken,
        ("l", "token") => data.DeepLinkToken,
        ("unsubscribe", "token") => data.UnsubscribeToken,
        // The page only shows its confirm button until it is posted, so any token shows what a person sees.
        ("confirm-email", "token") => new string('0', 64),
        ("c", "identifier") => data.Customer.Customer.PortalIdentifier,
        ("c", "closedidentifier") => data.ClosedIdentifier,
        ("templates", "key") => "invoice-sent",
        ("templates", "channel") => "email",
        ("challenge", "intentid") => data.ChallengeIntentId,
        _ => null,
    };

    private sealed record AuditData(
        CustomerBundle Customer, string ClosedIdentifier, long OutboxMessageId,
        string SignInToken, string RegistrationToken, string ResetToken, IReadOnlyDictionary<Visitor, string> SignedIn, string ChallengeIntentId,
        string DeepLinkToken, string UnsubscribeToken);

    /// <summary>A card payment of the customer's waiting at the simulated bank page (3-D Secure), on an invoice of its own.</summary>
    private static async Task<string> ChallengeAsync(PortalAppFactory app, CustomerBundle customer)
    {
        var invoice = await CustomerPortal.Tests.Documents.DocumentData.SentInvoiceAsync(app, customer.Customer.Id, "Audited card payment");
        var actor = customer.User.ToActor(PortalModules.All, null);
        var cards = app.Services.GetRequiredService<CardPaymentService>();
        var started = await cards.StartAsync(actor, CardPaymentRequest.ForInvoice(invoice.Id, "audit"), default);
        Assert.True(started.Succeeded, started.Message);
        var card = app.Services.GetRequiredService<SimulatedPaymentProcessor>().CreatePaymentMethod(SimulatedPaymentProcessor.ThreeDSecureCard, 12, 2034).Value!;
        var outcome = await cards.ConfirmAsync(actor, started.Value!.PaymentId, card, default);
        Assert.Equal(CardPaymentState.RequiresAction, outcome.Value!.State);
        return started.Value.ProcessorPaymentId;
    }

    /// <summary>The records and sign-ins, made once per app (a failure is kept too, so it is not retried per page).</summary>
    private Task<AuditData> DataAsync()
    {
        lock (Shared)
        {
            if (!Shared.TryGetValue(browser, out var data)) Shared[browser] = data = CreateDataAsync();
            return data;
        }
    }

    private async Task<AuditData> CreateDataAsync()
    {
        var app = browser.App;
        var admin = await TestAccounts.CreateStaffAsync(app, StaffRole.Admin);
        var adminActor = Actor.Staff(admin.Id, admin.Name, StaffRole.Admin);
        await UseAccentAsync(app, adminActor, DemoAccent);

        var customer = await OneOfEverything.CreateAsync(app, "Audit");
        var links = app.Services.GetRequiredService<MagicLinkService>();
        async Task<string> Token(PortalUser user, MagicLinkPurpose purpose) =>
            (await links.IssueAsync(user.Id, purpose, default)).Value ?? throw new InvalidOperationException($"No {purpose} link.");
        var invited = await TestAccounts.CreatePortalUserAsync(app, customer.Customer.Id, password: null);
        var signInToken = await Token(customer.User, MagicLinkPurpose.SignIn);
        var registrationToken = await Token(invited, MagicLinkPurpose.Registration);
        var resetToken = await Token(customer.User, MagicLinkPurpose.PasswordReset);
        var emailed = await links.EmailLinkAsync(customer.User.Id, MagicLinkPurpose.SignIn, default);
        Assert.True(emailed.Succeeded, emailed.Message);
        long outboxId;
        await using (var db = await app.CreateDbContextAsync())
            outboxId = await db.OutboxMessages.Where(m => m.CustomerId == customer.Customer.Id).MaxAsync(m => m.Id);

        var closed = await TestAccounts.CreateCustomerAsync(app, "Closedportal");
        var closedUser = await TestAccounts.CreatePortalUserAsync(app, closed.Id);
        var signedIn = new Dictionary<Visitor, string>
        {
            [Visitor.Admin] = await SignInAsync(login => login.SignInAsStaffAsync(admin.Email)),
            [Visitor.PortalUser] = await SignInAsync(login => login.SignInToPortalAsync(customer.User.Email)),
            // Signed in while the portal was open; it closes afterwards (a closed portal refuses new sign-ins).
            [Visitor.ClosedPortalUser] = await SignInAsync(login => login.SignInToPortalAsync(closedUser.Email)),
        };
        var portal = app.Services.GetRequiredService<CustomerPortalService>();
        var view = (await portal.GetAsync(adminActor, closed.Id, default)).Value!;
        var closing = await portal.UpdateAccessAsync(adminActor, closed.Id,
            new PortalAccessInput(false, view.PortalIdentifier, view.ModuleOverrides, view.CustomerVersion), default);
        Assert.True(closing.Succeeded, closing.Message);
        // A link-only user's deep link shows its landing page to a visitor who is signed out (a password user's goes to sign-in).
        var deepLinks = app.Services.GetRequiredService<DeepLinks>();
        var linkOnly = await CustomerPortal.Tests.Links.LinkTestData.LinkOnlyUserAsync(app, customer.Customer.Id);
        var deepLinkToken = deepLinks.Sign(linkOnly.Id, CustomerPortal.Core.Documents.PortalPaths.Invoice(customer.InvoiceId));
        var unsubscribeToken = deepLinks.UnsubscribeUrl(customer.User.Id, marketing: false).Split('/')[^1];
        return new AuditData(customer, closed.PortalIdentifier, outboxId, signInToken, registrationToken, resetToken, signedIn,
            await ChallengeAsync(app, customer), deepLinkToken, unsubscribeToken);
    }

    /// <summary>Signs in once in a throw-away context and keeps its cookies for every page of that visitor.</summary>
    private async Task<string> SignInAsync(Func<LoginPage, Task> signIn)
    {
        var page = await browser.NewPageAsync();
        try
        {
            await signIn(new LoginPage(page));
            return await page.Context.StorageStateAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task UseAccentAsync(PortalAppFactory app, Actor admin, string accent)
    {
        var settings = app.Services.GetRequiredService<CompanySettingsAdminService>();
        var input = (await settings.GetForEditAsync(admin, default)).Value!;
        if (string.Equals(input.AccentColor, accent, StringComparison.OrdinalIgnoreCase)) return;
        input.AccentColor = accent;
        var saved = await settings.SaveAsync(admin, input, default);
        Assert.True(saved.Succeeded, saved.Message);
    }
}

/// <summary>Staff pages as an admin, and the pages of someone signed out.</summary>
[Collection(StaffAxeCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class StaffAndPublicPagesAxeTests(BrowserFixture browser) : AxeAudit(browser)
{
    public static TheoryData<string, Visitor, int> Pages() => PagesWhere(v => !IsPortalVisitor(v));

    [Fact]
    public void Pages_ComeFromTheRouteTable_EveryTemplateIsAudited()
    {
        var audited = AuditedPages.All().Select(p => p.Template).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var templates = AuditedPages.RouteTemplates();
        Assert.Contains("/staff/invoices/{Id:int}", templates, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("/portal/jobs/{Id:int}", templates, StringComparer.OrdinalIgnoreCase);
        Assert.All(templates, t => Assert.Contains(t, audited));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Page_HasNoSeriousOrCriticalViolations(string template, Visitor visitor, int width) => AuditAsync(template, visitor, width);
}

/// <summary>Portal pages as a signed-in customer, at desk and phone width, and a closed portal.</summary>
[Collection(PortalAxeCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class PortalPagesAxeTests(BrowserFixture browser) : AxeAudit(browser)
{
    public static TheoryData<string, Visitor, int> Pages() => PagesWhere(IsPortalVisitor);

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Page_HasNoSeriousOrCriticalViolations(string template, Visitor visitor, int width) => AuditAsync(template, visitor, width);
}
