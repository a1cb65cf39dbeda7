using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Payments;

public sealed class PaymentSettingsTests : IAsyncLifetime
{
    private static readonly Actor Admin = Actor.Staff(2, "Ada Admin", StaffRole.Admin);
    private CoreServices _core = null!;
    private CompanySettingsAdminService Settings => _core.Get<CompanySettingsAdminService>();

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Theory]
    [InlineData(25, 10, 500, null)]
    [InlineData(0, 0.01, 0.01, null)]
    [InlineData(-1, 10, 500, "MinimumPartPayment")]
    [InlineData(10.001, 10, 500, "MinimumPartPayment")]
    [InlineData(25, 0, 500, "CreditTopUpMinimum")]
    [InlineData(25, 100, 99.99, "CreditTopUpMaximum")]
    [InlineData(25, 10, 1000000.01, "CreditTopUpMaximum")]
    public void ChangePaymentSettings_ChecksAmounts(decimal minimumPart, decimal topUpMin, decimal topUpMax, string? badField)
    {
        var settings = new CompanySettings();

        var result = settings.ChangePaymentSettings(true, true, minimumPart, true, topUpMin, topUpMax);

        Assert.Equal(badField is null, result.Succeeded);
        if (badField is not null) Assert.True(result.Errors.ContainsKey(badField));
        else Assert.Equal((minimumPart, topUpMin, topUpMax), (settings.MinimumPartPayment, settings.CreditTopUpMinimum, settings.CreditTopUpMaximum));
    }

    [Fact]
    public async Task SavePaymentSettingsAsync_ByAdmin_SavesAuditsAndRefusesAStaleForm()
    {
        var form = (await Settings.GetPaymentSettingsForEditAsync(Admin, default)).Value!;
        Assert.True(form.CardPaymentsEnabled);
        Assert.False(form.PartPaymentsAllowed);
        form.PartPaymentsAllowed = true;
        form.MinimumPartPayment = 25m;

        var saved = await Settings.SavePaymentSettingsAsync(Admin, form, default);
        var stale = await Settings.SavePaymentSettingsAsync(Admin, form, default);

        Assert.True(saved.Succeeded, saved.Message);
        Assert.Equal(ResultKind.Conflict, stale.Kind);
        var company = await _core.Get<CompanySettingsService>().GetAsync();
        Assert.Equal((true, 25m), (company.PartPaymentsAllowed, company.MinimumPartPayment));
        await using var db = await _core.DbAsync();
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == "settings.changed");
        Assert.Contains("part payments: off -> on", audit.Details);
    }

    [Fact]
    public async Task SavePaymentSettingsAsync_InvalidOrNotAdmin_IsRefused()
    {
        var form = (await Settings.GetPaymentSettingsForEditAsync(Admin, default)).Value!;
        form.CreditTopUpMaximum = 1m;

        var invalid = await Settings.SavePaymentSettingsAsync(Admin, form, default);
        var staff = await Settings.SavePaymentSettingsAsync(CoreServices.Staff, form, default);

        Assert.Equal(ResultKind.Invalid, invalid.Kind);
        Assert.Equal(ResultKind.Forbidden, staff.Kind);
    }
}
