using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Outbox;

[Collection(WebAppCollection.Name)]
public sealed class OutboxServiceTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    private OutboxService Outbox => _app.Services.GetRequiredService<OutboxService>();

    [Fact]
    public async Task ListAsync_ForStaff_ShowsNewestFirstAndTheBodyOpens()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        var links = _app.Services.GetRequiredService<MagicLinkService>();
        await links.RequestLinkAsync(user.Email, MagicLinkPurpose.SignIn, default);
        await links.RequestLinkAsync(user.Email, MagicLinkPurpose.PasswordReset, default);
        var staff = Actor.Staff(1, "Sam Staff", StaffRole.Staff);

        var page = await Outbox.ListAsync(staff, 0, 100, default);

        Assert.True(page.Succeeded);
        var mine = page.Value!.Items.Where(i => i.ToAddress == user.Email).ToList();
        Assert.Equal(2, mine.Count);
        Assert.StartsWith("Reset your", mine[0].Subject);
        Assert.StartsWith("Your sign-in link", mine[1].Subject);
        var opened = await Outbox.GetAsync(staff, mine[0].Id, default);
        Assert.Contains($"{_app.PublicBaseUrl}/portal/reset-password/", opened.Value!.Body);
    }

    [Fact]
    public async Task ListAndGet_ForACustomer_AreForbidden()
    {
        var customer = new Actor { Kind = ActorKind.Customer, Name = "Pat", CustomerId = 1, PortalUserId = 1, Modules = PortalModules.All };

        Assert.Equal(ResultKind.Forbidden, (await Outbox.ListAsync(customer, 0, 25, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Outbox.GetAsync(customer, 1, default)).Kind);
    }

    [Fact]
    public async Task GetAsync_UnknownId_IsNotFound()
    {
        var result = await Outbox.GetAsync(Actor.Staff(1, "Sam Staff", StaffRole.Staff), long.MaxValue, default);

        Assert.Equal(ResultKind.NotFound, result.Kind);
    }
}
