using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Documents;

/// <summary>
/// One effective status everywhere: the staff customer profile tabs, the portal dashboard and the lists all show an
/// unpaid invoice past its due date as Overdue and a sent estimate past its expiry as Expired, in code and in SQL alike.
/// </summary>
public sealed class EffectiveStatusTests : IAsyncLifetime
{
    private DocumentsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DocumentsTestHost.StartAsync(services: s =>
    {
        s.AddSingleton<CustomerActivity>();
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CustomerProfileInvoicesTab_UnpaidInvoicePastItsDueDate_ShowsOverdue()
    {
        var customer = await _host.AddCustomerAsync();
        var late = await _host.SentInvoiceAsync(customer.Id, _host.Today.AddDays(3));
        _host.Clock.Now = _host.Clock.Now.AddDays(4);

        var tab = await _host.Get<CustomerActivity>().InvoicesAsync(_host.Staff, customer.Id, default);

        Assert.Equal(InvoiceStatus.Overdue, tab.Value!.Items.Single(r => r.Id == late).Status);
    }

    [Fact]
    public async Task CustomerProfileEstimatesTab_SentEstimatePastItsExpiry_ShowsExpired()
    {
        var customer = await _host.AddCustomerAsync();
        var input = DocumentsTestHost.EstimateInput(customer.Id, ("Boiler", 1, 2400m, 0m));
        input.ExpiresOn = _host.Today.AddDays(2);
        var estimate = await _host.SentEstimateAsync(customer.Id, input);
        _host.Clock.Now = _host.Clock.Now.AddDays(3);

        var tab = await _host.Get<CustomerActivity>().EstimatesAsync(_host.Staff, customer.Id, default);

        Assert.Equal(EstimateStatus.Expired, tab.Value!.Items.Single(r => r.Id == estimate).Status);
    }

    [Theory]
    [InlineData(InvoiceStatus.Sent, 5, 100, InvoiceStatus.Sent)]
    [InlineData(InvoiceStatus.Sent, 0, 100, InvoiceStatus.Sent)]
    [InlineData(InvoiceStatus.Sent, -1, 100, InvoiceStatus.Overdue)]
    [InlineData(InvoiceStatus.Viewed, -1, 100, InvoiceStatus.Overdue)]
    [InlineData(InvoiceStatus.PartiallyPaid, -1, 40, InvoiceStatus.Overdue)]
    [InlineData(InvoiceStatus.Paid, -30, 0, InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Void, -30, 0, InvoiceStatus.Void)]
    [InlineData(InvoiceStatus.Draft, -30, 100, InvoiceStatus.Draft)]
    [InlineData(InvoiceStatus.Overdue, -3, 100, InvoiceStatus.Overdue)]
    public void InvoiceEffective_FollowsTheDueDate(InvoiceStatus stored, int dueInDays, int amountDue, InvoiceStatus expected)
    {
        var today = new DateOnly(2026, 3, 10);

        Assert.Equal(expected, InvoiceStatusRule.Effective(stored, today.AddDays(dueInDays), amountDue, today));
    }

    [Theory]
    [InlineData(EstimateStatus.Sent, 1, EstimateStatus.Sent)]
    [InlineData(EstimateStatus.Sent, 0, EstimateStatus.Sent)]
    [InlineData(EstimateStatus.Sent, -1, EstimateStatus.Expired)]
    [InlineData(EstimateStatus.Viewed, -1, EstimateStatus.Expired)]
    [InlineData(EstimateStatus.Accepted, -1, EstimateStatus.Accepted)]
    [InlineData(EstimateStatus.Declined, -1, EstimateStatus.Declined)]
    [InlineData(EstimateStatus.Draft, -1, EstimateStatus.Draft)]
    public void EstimateEffective_FollowsTheExpiryDate(EstimateStatus stored, int expiresInDays, EstimateStatus expected)
    {
        var today = new DateOnly(2026, 3, 10);

        Assert.Equal(expected, EstimateStatusRule.Effective(stored, today.AddDays(expiresInDays), today));
        Assert.Equal(stored, EstimateStatusRule.Effective(stored, null, today));
    }

    [Fact]
    public async Task StatusFilterInSql_AgreesWithTheRuleInCode_ForEveryStatus()
    {
        var customer = await _host.AddCustomerAsync();
        var ids = new[]
        {
            await _host.SentInvoiceAsync(customer.Id, _host.Today),
            await _host.SentInvoiceAsync(customer.Id, _host.Today.AddDays(2)),
            await _host.SentInvoiceAsync(customer.Id, _host.Today.AddDays(10)),
        };
        _host.Clock.Now = _host.Clock.Now.AddDays(2);
        var today = _host.Today;
        await using var db = await _host.DbAsync();
        var invoices = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync();

        foreach (var status in Enum.GetValues<InvoiceStatus>())
        {
            var inSql = await db.Invoices.Where(i => ids.Contains(i.Id)).Where(InvoiceStatusRule.ShowsOn(status, today)).Select(i => i.Id).ToListAsync();
            var inCode = invoices.Where(i => i.StatusOn(today) == status).Select(i => i.Id).ToList();
            Assert.Equal(inCode.Order(), inSql.Order());
        }
    }

    [Fact]
    public async Task PortalDashboard_CountsAnInvoicePastItsDueDateAsOverdue()
    {
        await using var host = await DocumentsTestHost.StartAsync(services: s => s.AddSingleton<PortalDashboardService>());
        var customer = await host.AddCustomerAsync();
        var portal = await host.PortalActorAsync(customer.Id);
        await host.SentInvoiceAsync(customer.Id, host.Today.AddDays(3));
        host.Clock.Now = host.Clock.Now.AddDays(4);

        var dashboard = await host.Get<PortalDashboardService>().GetAsync(portal, default);

        Assert.Equal(1, dashboard.Value!.OverdueCount);
    }
}
