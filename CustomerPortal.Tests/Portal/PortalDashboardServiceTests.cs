using CustomerPortal.Core.Access;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Portal;

namespace CustomerPortal.Tests.Portal;

public sealed class PortalDashboardServiceTests : IAsyncLifetime
{
    private CoreServices _core = null!;

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task GetAsync_AddsUpBalanceOverdueCreditAndFindsNextVisitAndWaitingEstimates()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db, "Dashboard");
        await TestRecords.SentInvoiceAsync(db, customer.Id, 100m, due: new(2026, 2, 1)); // overdue on 10 March
        var partly = await TestRecords.SentInvoiceAsync(db, customer.Id, 300m, due: new(2026, 4, 1));
        await TestRecords.DraftInvoiceAsync(db, customer.Id, 5000m);
        await _core.Get<PaymentService>().RecordAsync(CoreServices.Staff, new RecordPaymentInput(customer.Id, PaymentMethod.Cash, 150m,
            new(2026, 3, 10), "", "", [AllocationInput.ToInvoice(partly.Id, 100m)]), default);
        await TestRecords.JobAsync(db, customer.Id, "Later", new DateTime(2026, 3, 25, 14, 0, 0, DateTimeKind.Utc));
        var soon = await TestRecords.JobAsync(db, customer.Id, "Soon", new DateTime(2026, 3, 12, 14, 0, 0, DateTimeKind.Utc));
        await TestRecords.JobAsync(db, customer.Id, "Past", new DateTime(2026, 3, 1, 14, 0, 0, DateTimeKind.Utc));
        var waiting = await TestRecords.EstimateAsync(db, customer.Id, 700m, expires: new(2026, 3, 31));
        await TestRecords.EstimateAsync(db, customer.Id, 800m, expires: new(2026, 3, 1));
        await TestRecords.EstimateAsync(db, customer.Id, 900m, send: false);

        var dashboard = (await _core.Get<PortalDashboardService>().GetAsync(TestActors.Customer(customer.Id), default)).Value!;

        Assert.Equal("Pat Dashboard", dashboard.Contact.Name);
        Assert.Equal(300m, dashboard.Balance);
        Assert.Equal((100m, 1), (dashboard.Overdue, dashboard.OverdueCount));
        Assert.Equal(50m, dashboard.Credit);
        Assert.Equal(soon.Id, dashboard.NextVisit!.JobId);
        Assert.Equal(new DateTime(2026, 3, 12, 10, 0, 0), dashboard.NextVisit.StartLocal);
        Assert.Equal([waiting.Id], dashboard.WaitingEstimates!.Select(e => e.Id));
        Assert.NotEmpty(dashboard.Activity);
        Assert.Contains(dashboard.Activity, a => a.What == "Payment received");
        Assert.DoesNotContain(dashboard.Activity, a => a.Amount == 5000m || a.Amount == 900m);
    }

    [Fact]
    public async Task GetAsync_HiddenModules_LeaveTheirFiguresOut()
    {
        await using var db = await _core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db);
        await TestRecords.SentInvoiceAsync(db, customer.Id, 100m);

        var dashboard = (await _core.Get<PortalDashboardService>().GetAsync(TestActors.Customer(customer.Id, PortalModules.Projects), default)).Value!;

        Assert.Null(dashboard.Balance);
        Assert.Null(dashboard.Credit);
        Assert.Null(dashboard.WaitingEstimates);
        Assert.False(dashboard.ShowsVisits);
        Assert.Empty(dashboard.Activity);
    }
}
