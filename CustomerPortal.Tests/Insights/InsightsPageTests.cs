using Bunit;
using CustomerPortal.Core.Insights;
using CustomerPortal.Web.Staff.Insights;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using static CustomerPortal.Tests.Insights.InsightsData;

namespace CustomerPortal.Tests.Insights;

/// <summary>The Insights page on the real Core services: figures in words and numbers, "not defined" where nothing happened.</summary>
public sealed class InsightsPageTests : BunitContext, IAsyncLifetime
{
    private CoreServices _core = null!;

    public async Task InitializeAsync()
    {
        _core = await CoreServices.StartAsync();
        await UseCompanyZoneAsync(_core);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(_core.Get<InsightsService>());
        Render<MudBlazor.MudPopoverProvider>();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task Page_ShowsTheLast30Days_WithValuesChangesAndNotDefinedInWords()
    {
        await using (var db = await _core.DbAsync())
        {
            var customer = await CustomerAsync(db, "Page");
            // Last 30 days on Jul 1: Jun 2 to Jul 1. Paid by hand after 5 days; the previous 30 days had one paid after 3 days.
            var invoice = await SentInvoiceAsync(db, customer.Id, 240m, Utc(6, 10, 12), due: new(2026, 6, 30));
            await PaymentAsync(db, customer.Id, 240m, Utc(6, 15, 12), invoice);
            var earlier = await SentInvoiceAsync(db, customer.Id, 60m, Utc(5, 10, 12), due: new(2026, 6, 30));
            await PaymentAsync(db, customer.Id, 60m, Utc(5, 13, 12), earlier);
        }

        var cut = Render<InsightsPage>(p => p.AddCascadingValue(CoreServices.Admin));
        cut.WaitForElement("[data-testid='insight-payment-time-value']");

        Assert.Contains("Jun 2, 2026 – Jul 1, 2026", cut.Find("[data-testid='insights-period']").TextContent);
        Assert.Equal("5 days", cut.Find("[data-testid='insight-payment-time-value']").TextContent.Trim());
        Assert.Contains("+2 days against 3 days before", cut.Find("[data-testid='insight-payment-time-previous']").TextContent);
        Assert.Equal("Not defined", cut.Find("[data-testid='insight-payment-time-portal-value']").TextContent.Trim());
        Assert.Contains("No invoice was paid in full by card in the portal in this period.", cut.Find("[data-testid='insight-payment-time-portal']").TextContent);
        Assert.Equal("Not defined", cut.Find("[data-testid='insight-quote-conversion-value']").TextContent.Trim());
        Assert.Contains("No estimate was sent in this period.", cut.Find("[data-testid='insight-quote-conversion']").TextContent);
        Assert.Equal("$240.00", cut.Find("[data-testid='insight-collected-value']").TextContent.Trim());
        Assert.Contains("Payments received in the period", cut.Find("[data-testid='insight-collected']").TextContent);
        Assert.Equal("0", cut.Find("[data-testid='insight-review-count-value']").TextContent.Trim());
        Assert.Contains("Week of Jun 9, 2026: $240.00", cut.FindAll("[data-testid='insights-chart-values']")[1].TextContent);
        Assert.NotEmpty(cut.FindAll(".mud-chart"));
    }
}
