using System.Net;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Live;
using CustomerPortal.Tests.Support;
using CustomerPortal.Web.Hubs;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Integration.Customers;

/// <summary>The live hub with the real SignalR client, signed in by cookie like a browser, or by the circuit's token.</summary>
[Collection(WebAppCollection.Name)]
public sealed class LiveHubTests(WebAppFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
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
    public async Task CircuitToken_OfAStaffUser_OpensTheHub_AndATamperedOneDoesNot()
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        string token;
        await using (var scope = _app.CreateScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
            var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByEmailAsync(staff.Email))!);
            token = scope.ServiceProvider.GetRequiredService<LiveTokens>().Issue(principal)!;
        }

        var good = new HubConnectionBuilder().WithUrl(_app.BaseUrl + LiveHub.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        await using (good)
        {
            await good.StartAsync();
            await good.InvokeAsync(nameof(LiveHub.JoinStaff));
        }
        var tampered = new HubConnectionBuilder().WithUrl(_app.BaseUrl + LiveHub.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token[..^4] + "AAAA")).Build();
        await using (tampered)
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => tampered.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        }
    }

    private async Task<HubConnection> ConnectWithCookieAsync(Func<HttpClient, Task<HttpResponseMessage>> signIn)
    {
        var cookies = new CookieContainer();
        using (var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies })
        using (var client = new HttpClient(handler) { BaseAddress = new Uri(_app.BaseUrl + "/") })
        {
            var response = await signIn(client);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        var connection = new HubConnectionBuilder().WithUrl(_app.BaseUrl + LiveHub.Path, o => o.Cookies = cookies).Build();
        await connection.StartAsync();
        return connection;
    }

    private static void Listen(HubConnection connection, Action<LiveEvent> onEvent) =>
        LiveEventContracts.ListenAll(connection, e =>
        {
            onEvent(e);
            return Task.CompletedTask;
        });
}
