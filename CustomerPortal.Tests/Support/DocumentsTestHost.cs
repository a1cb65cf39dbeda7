using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Tests.Support;

/// <summary>
/// The estimate and invoice services on the one Core test host (<see cref="CoreServices"/>: AddCore on its own SQLite
/// file, the test clock), with the company in New York time and helpers that make customers, users and documents.
/// </summary>
public sealed class DocumentsTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = CoreServices.StartTime;

    private readonly CoreServices _core;

    private DocumentsTestHost(CoreServices core) => _core = core;

    public TestClock Clock => _core.Clock;
    public Actor Staff { get; } = Actor.Staff(1, "Sam Staff", StaffRole.Staff);
    public EstimateService Estimates => Get<EstimateService>();
    public InvoiceService Invoices => Get<InvoiceService>();
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.Now, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);

    public T Get<T>() where T : notnull => _core.Get<T>();

    /// <param name="company">Changes to the company settings row.</param>
    /// <param name="services">Extra registrations (the PDF tests add the renderer and a file store).</param>
    public static async Task<DocumentsTestHost> StartAsync(Action<CompanySettings>? company = null, Action<IServiceCollection>? services = null)
    {
        var core = await CoreServices.StartAsync(services,
            new Dictionary<string, string?> { [$"{PortalLinkOptions.Section}:{nameof(PortalLinkOptions.PublicBaseUrl)}"] = "https://portal.example.test/" });
        await core.UpdateCompanyAsync(settings =>
        {
            settings.UpdateBranding("Bright Plumbing", settings.AccentColor);
            settings.UpdateContactDetails("office@bright.example.test", "", new Address("1 Main St", "", "Springfield", "IL", "62701"), "");
            settings.ChangeCurrencyAndTimeZone("USD", "America/New_York");
            company?.Invoke(settings);
        });
        return new DocumentsTestHost(core);
    }

    /// <summary>Changes the company settings row and drops the cached copy.</summary>
    public Task UpdateCompanyAsync(Action<CompanySettings> change) => _core.UpdateCompanyAsync(change);

    public Task<PortalDbContext> DbAsync() => Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    public async Task<Customer> AddCustomerAsync(string lastName = "Smith", string company = "", PortalModules? modules = null)
    {
        await using var db = await DbAsync();
        var customer = Support.TestRecords.NewCustomer("Pat", lastName, company, $"{lastName.ToLowerInvariant()}@example.test", Clock.Now.UtcDateTime);
        customer.ChangeModules(modules);
        customer.AddServiceAddress("Home", new Address("12 Oak Road", "Flat 2", "Springfield", "IL", "62704"), "");
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    public async Task<PortalUser> AddPortalUserAsync(int customerId, string name = "Pat Portal", Action<PortalUser>? change = null)
    {
        await using var db = await DbAsync();
        var user = new PortalUser(customerId, $"portal-{Guid.NewGuid():N}@example.test", name, PortalLoginMode.Password, Clock.Now.UtcDateTime);
        change?.Invoke(user);
        db.PortalUsers.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public async Task<Actor> PortalActorAsync(int customerId, Action<PortalUser>? change = null)
    {
        var user = await AddPortalUserAsync(customerId, change: change);
        await using var db = await DbAsync();
        var overrides = await db.Customers.Where(c => c.Id == customerId).Select(c => c.ModuleOverrides).SingleAsync();
        return user.ToActor(PortalModules.All, overrides);
    }

    public Actor ViewAs(Actor customerActor) => customerActor with { ViewingStaffUserId = 1, PortalUserId = null };

    public static EstimateInput EstimateInput(int customerId, params (string Description, decimal Quantity, decimal UnitPrice, decimal Tax)[] lines) => new()
    {
        CustomerId = customerId,
        Title = "Replace water heater",
        Terms = "50% deposit before work starts.",
        ExpiresOn = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(30),
        Lines = (lines.Length == 0 ? [("Water heater 50 gal", 1m, 1200m, 8.25m), ("Labour (hours)", 4m, 95m, 0m)] : lines)
            .Select(l => new LineItemInput { Description = l.Description, Quantity = l.Quantity, UnitPrice = l.UnitPrice, TaxRatePercent = l.Tax })
            .ToList(),
    };

    public static InvoiceInput InvoiceInput(int customerId, DateOnly issueDate, DateOnly dueDate, params (string Description, decimal Quantity, decimal UnitPrice, decimal Tax)[] lines) => new()
    {
        CustomerId = customerId,
        Title = "Boiler service",
        IssueDate = issueDate,
        DueDate = dueDate,
        Lines = (lines.Length == 0 ? [("Annual boiler service", 1m, 150m, 10m)] : lines)
            .Select(l => new LineItemInput { Description = l.Description, Quantity = l.Quantity, UnitPrice = l.UnitPrice, TaxRatePercent = l.Tax })
            .ToList(),
    };

    public async Task<int> SentEstimateAsync(int customerId, EstimateInput? input = null)
    {
        var id = (await Estimates.CreateAsync(Staff, input ?? EstimateInput(customerId), default)).Value;
        var sent = await Estimates.SendAsync(Staff, id, default);
        Assert.True(sent.Succeeded, sent.Message);
        return id;
    }

    public async Task<int> SentInvoiceAsync(int customerId, DateOnly? dueDate = null, InvoiceInput? input = null)
    {
        var created = await Invoices.CreateAsync(Staff, input ?? InvoiceInput(customerId, Today, dueDate ?? Today.AddDays(30)), default);
        Assert.True(created.Succeeded, created.Message);
        var sent = await Invoices.SendAsync(Staff, created.Value, default);
        Assert.True(sent.Succeeded, sent.Message);
        return created.Value;
    }

    public ValueTask DisposeAsync() => _core.DisposeAsync();
}
