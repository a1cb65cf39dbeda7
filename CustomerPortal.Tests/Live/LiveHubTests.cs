using System.Net;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Live;
using CustomerPortal.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Live;

/// <summary>The live hub (a thin adapter over the bus) with the real SignalR client, signed in by cookie like a browser.</summary>
[Collection(WebAppCollection.Name)]
public sealed class LiveHubTests(WebAppFixture fixture)
{
    private static readonly TimeSpan Patience = BusyMachineWaits.Patience;
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task PortalUser_JoiningAnotherCustomersGroup_IsRefusedAndGetsNothingOfIt()
    {
        var own = await TestAccounts.CreateCustomerAsync(_app, "Hubown");
        var other = await TestAccounts.CreateCustomerAsync(_app, "Hubother");
        var user = await TestAccounts.CreatePortalUserAsync(_app, own.Id);
        await using var connection = await ConnectWithCookieAsync(client => SignIn.PortalAsync(client, user.Email));
        var received = new List<LiveEvent>();
        var ownEvent = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        Listen(connection, e =>
        {
            lock (received) received.Add(e);
            if (e.CustomerId == own.Id) ownEvent.TrySetResult(e);
        });

        var refusal = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(nameof(LiveHub.JoinCustomer), other.Id));
        await connection.InvokeAsync(nameof(LiveHub.JoinCustomer), own.Id);
        var publisher = _app.Services.GetRequiredService<ILiveEventPublisher>();
        await publisher.PublishAsync(new CustomerChanged(other.Id));
        await publisher.PublishAsync(new PortalUsersChanged(other.Id, null));
        await publisher.PublishAsync(new CustomerChanged(own.Id));

        Assert.Contains(LiveHub.Refused, refusal.Message);
        Assert.Equal(new CustomerChanged(own.Id), await ownEvent.Task.WaitAsync(Patience));
        lock (received) Assert.DoesNotContain(received, e => e.CustomerId == other.Id);
    }

    [Fact]
    public async Task PortalUser_JoiningTheStaffGroup_IsRefused()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app, "Hubstaffless");
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        await using var connection = await ConnectWithCookieAsync(client => SignIn.PortalAsync(client, user.Email));

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(nameof(LiveHub.JoinStaff)));
    }

    [Fact]
    public async Task Staff_ReceivesCustomerChanged_AfterACustomerIsEdited()
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var customer = await TestAccounts.CreateCustomerAsync(_app, "Hubedit");
        await using var connection = await ConnectWithCookieAsync(client => SignIn.StaffAsync(client, staff.Email));
        var changed = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        Listen(connection, e =>
        {
            if (e is CustomerChanged { Id: var id } && id == customer.Id) changed.TrySetResult(e);
        });
        await connection.InvokeAsync(nameof(LiveHub.JoinStaff));

        var customers = _app.Services.GetRequiredService<CustomerService>();
        var form = (await customers.GetAsync(staff.ToActor(), customer.Id, default)).Value!.Input;
        form.Phone = "555-010-4242";
        var saved = await customers.UpdateAsync(staff.ToActor(), customer.Id, form, default);

        Assert.True(saved.Succeeded, saved.Message);
        Assert.Equal(new CustomerChanged(customer.Id), await changed.Task.WaitAsync(Patience));
    }

    [Fact]
    public async Task Staff_ReceivesPortalUsersChanged_WhenAPortalUserSignsIn()
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var customer = await TestAccounts.CreateCustomerAsync(_app, "Hubsignin");
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        await using var connection = await ConnectWithCookieAsync(client => SignIn.StaffAsync(client, staff.Email));
        var signedIn = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        Listen(connection, e =>
        {
            if (e is PortalUsersChanged { Id: var id } && id == customer.Id) signedIn.TrySetResult(e);
        });
        await connection.InvokeAsync(nameof(LiveHub.JoinStaff));

        using var portal = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(portal, user.Email)).StatusCode);

        Assert.Equal(new PortalUsersChanged(customer.Id, user.Id), await signedIn.Task.WaitAsync(Patience));
    }

    [Fact]
    public async Task Connection_WithoutSignIn_IsRejected()
    {
        var connection = new HubConnectionBuilder().WithUrl(_app.BaseUrl + LiveHub.Path).Build();
        await using (connection)
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        }
    }

    [Fact]
    public async Task PortalUser_AfterStaffLockThem_ReceivesNothingMore()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app, "Hublocked");
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var staff = (await TestAccounts.CreateStaffAsync(_app)).ToActor();
        await using var connection = await ConnectWithCookieAsync(client => SignIn.PortalAsync(client, user.Email));
        var received = new List<LiveEvent>();
        var first = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        Listen(connection, e =>
        {
            lock (received) received.Add(e);
            first.TrySetResult(e);
        });
        await connection.InvokeAsync(nameof(LiveHub.JoinCustomer), customer.Id);
        var publisher = _app.Services.GetRequiredService<ILiveEventPublisher>();
        await publisher.PublishAsync(new InvoiceChanged(customer.Id, 1));
        Assert.Equal(new InvoiceChanged(customer.Id, 1), await first.Task.WaitAsync(Patience));

        Assert.True((await _app.Get<PortalUserAdminService>().LockAsync(staff, user.Id, default)).Succeeded);
        await publisher.PublishAsync(new InvoiceChanged(customer.Id, 2));
        // Publishing waits for the sends; one connection keeps its order, so a sent event 2 would arrive before this answer.
        await connection.InvokeAsync(nameof(LiveHub.LeaveCustomer), customer.Id);

        lock (received) Assert.DoesNotContain(new InvoiceChanged(customer.Id, 2), received);
    }

    private Task<HubConnection> ConnectWithCookieAsync(Func<HttpClient, Task<HttpResponseMessage>> signIn) =>
        HubSignIn.ConnectAsync(_app, LiveHub.Path, signIn);

    /// <summary>Listens for every event method of the hub, the way a .NET client of it would.</summary>
    internal static void Listen(HubConnection connection, Action<LiveEvent> onEvent)
    {
        foreach (var route in LiveEventContracts.Routes)
            connection.On(route.Method, [route.EventType], args =>
            {
                onEvent((LiveEvent)args[0]!);
                return Task.CompletedTask;
            });
    }
}
