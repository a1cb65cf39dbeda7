using Bunit;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Payments;
using CustomerPortal.Web.Staff.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CustomerPortal.Tests.Payments;

/// <summary>The payment settings page on the real Core services (SQLite).</summary>
public sealed class PaymentSettingsPageTests : BunitContext, IAsyncLifetime
{
    private CoreServices _core = null!;

    public async Task InitializeAsync()
    {
        _core = await CoreServices.StartAsync();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(_core.Get<CompanySettingsAdminService>());
        Services.AddSingleton(_core.Get<IPaymentProcessor>());
        Render<MudPopoverProvider>();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _core.DisposeAsync();
    }

    private IRenderedComponent<PaymentSettingsPage> RenderPage() => Render<PaymentSettingsPage>(p => p.AddCascadingValue(CoreServices.Admin));

    private async Task<CompanySettings> StoredAsync()
    {
        await using var db = await _core.DbAsync();
        return await db.CompanySettings.SingleOrDefaultAsync() ?? new CompanySettings();
    }

    [Fact]
    public async Task Save_StoresTheLimitsAndTheOtherWaysToPay_AndShowsTheProcessorWithoutKeys()
    {
        var cut = RenderPage();
        cut.WaitForElement("[data-testid='top-up-max']");

        Assert.Contains("Simulated", cut.Find("[data-testid='processor']").TextContent);
        Assert.Contains("Test mode", cut.Find("[data-testid='processor']").TextContent);
        cut.Find("[data-testid='top-up-max']").Change("750");
        cut.Find("[data-testid='other-ways']").Input("Checks to: My Company, 1 Main St");
        await cut.Find("[data-testid='save-payment-settings']").ClickAsync(new());

        var stored = await StoredAsync();
        Assert.Equal((750m, "Checks to: My Company, 1 Main St"), (stored.CreditTopUpMaximum, stored.OtherWaysToPay));
        Assert.Empty(cut.FindAll("[data-testid='settings-error']"));
    }

    [Fact]
    public async Task Save_AfterAnotherAdminSaved_SaysSoAndKeepsTheirChange()
    {
        var mine = RenderPage();
        var theirs = RenderPage();
        mine.WaitForElement("[data-testid='top-up-max']");
        theirs.WaitForElement("[data-testid='top-up-max']");

        theirs.Find("[data-testid='top-up-max']").Change("900");
        await theirs.Find("[data-testid='save-payment-settings']").ClickAsync(new());
        mine.Find("[data-testid='top-up-max']").Change("600");
        await mine.Find("[data-testid='save-payment-settings']").ClickAsync(new());

        Assert.Equal(CompanySettingsAdminService.ConflictMessage, mine.Find("[data-testid='settings-error']").TextContent.Trim());
        Assert.Single(mine.FindAll("[data-testid='reload']"));
        Assert.Equal(900m, (await StoredAsync()).CreditTopUpMaximum);
    }

    [Fact]
    public async Task Save_LargestTopUpBelowTheSmallest_ShowsTheFieldError()
    {
        var cut = RenderPage();
        cut.WaitForElement("[data-testid='top-up-max']");

        cut.Find("[data-testid='top-up-min']").Change("100");
        cut.Find("[data-testid='top-up-max']").Change("50");
        await cut.Find("[data-testid='save-payment-settings']").ClickAsync(new());

        Assert.Contains("largest top-up", cut.Find("[data-testid='settings-error']").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(5000m, (await StoredAsync()).CreditTopUpMaximum);
    }
}
