using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Requests;

/// <summary>Staff's side of a customer made by the public request page: the list shows it, and Approve keeps it.</summary>
public sealed class PendingCustomerTests : IAsyncLifetime
{
    private DocumentsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DocumentsTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Approve_PendingCustomer_KeepsItAuditedAndTheListStopsMarkingIt()
    {
        var customerId = await PendingCustomerAsync();
        var customers = _host.Get<CustomerService>();
        var before = await customers.ListAsync(_host.Staff, new CustomerListQuery(""), default);

        var approved = await customers.ApproveAsync(_host.Staff, customerId, default);
        var again = await customers.ApproveAsync(_host.Staff, customerId, default);

        Assert.True(Assert.Single(before.Value!.Items).IsPendingReview);
        Assert.True(approved.Succeeded, approved.Message);
        Assert.Equal(ResultKind.Conflict, again.Kind);
        Assert.False((await customers.GetAsync(_host.Staff, customerId, default)).Value!.IsPendingReview);
        await using var db = await _host.DbAsync();
        Assert.False((await db.Customers.SingleAsync()).PortalEnabled);
        Assert.Contains(await db.AuditEvents.Where(e => e.CustomerId == customerId).Select(e => e.Details).ToListAsync(),
            d => d.Contains("public request page"));
    }

    [Fact]
    public async Task Convert_WhileTheCustomerIsPending_IsRefusedAndMakesNothing_AfterApprovalItWorks()
    {
        var customerId = await PendingCustomerAsync();
        await using var db = await _host.DbAsync();
        var requestId = await db.ServiceRequests.Select(r => r.Id).SingleAsync();
        var decisions = _host.Get<RequestDecisionService>();

        var refused = await decisions.ConvertToEstimateAsync(_host.Staff, requestId, default);

        Assert.Equal(ResultKind.Conflict, refused.Kind);
        Assert.Equal(RequestDecisionService.PendingCustomerMessage, refused.Message);
        Assert.False(await db.Estimates.AnyAsync());
        Assert.True((await _host.Get<CustomerService>().ApproveAsync(_host.Staff, customerId, default)).Succeeded);
        var converted = await decisions.ConvertToEstimateAsync(_host.Staff, requestId, default);
        Assert.True(converted.Succeeded, converted.Message);
        Assert.Equal(customerId, (await db.Estimates.SingleAsync()).CustomerId);
    }

    [Fact]
    public async Task Approve_ByACustomer_IsForbidden()
    {
        var customerId = await PendingCustomerAsync();

        var result = await _host.Get<CustomerService>().ApproveAsync(TestActors.Customer(customerId), customerId, default);

        Assert.Equal(ResultKind.Forbidden, result.Kind);
    }

    private async Task<int> PendingCustomerAsync()
    {
        var result = await _host.Get<WorkRequestService>().SubmitPublicAsync(new PublicWorkRequestInput
        {
            FirstName = "Nora", LastName = "Newcomer", Email = "nora@example.test", Phone = "555-010-0199",
            Category = "Repair", Title = "Gate hinge", Description = "The garden gate drags.",
            NewAddress = new Address("3 Birch Lane", "", "Springfield", "IL", "62702"),
            PreferredDate = _host.Today.AddDays(2), PreferredTimeWindow = "Any time",
        }, [], default);
        Assert.True(result.Succeeded, result.Message);
        await using var db = await _host.DbAsync();
        return await db.Customers.Select(c => c.Id).SingleAsync();
    }
}
