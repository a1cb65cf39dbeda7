using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Templates.MergeTags;
using CustomerPortal.Tests.PortalAdmin;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Notifications;

/// <summary>Staff invite portal users by e-mail, when adding them or later.</summary>
[Collection(WebAppCollection.Name)]
public sealed class PortalInvitationTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task AnInvitation_GivesAPasswordUserTheRegistrationEmail_AndALinkOnlyUserThePortalInvitation()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var (_, staff) = await PortalAdminKit.StaffAsync(_app);
        var admin = _app.Get<PortalUserAdminService>();
        var password = TestAccounts.UniqueEmail("invite-password");
        var linkOnly = TestAccounts.UniqueEmail("invite-link");
        var quiet = TestAccounts.UniqueEmail("invite-quiet");

        var added = await admin.AddAsync(staff, customer.Id,
        [
            new NewPortalUser("Pat Password", password, PortalLoginMode.Password, PortalUserPermissions.Full, Invite: true),
            new NewPortalUser("Lin Link", linkOnly, PortalLoginMode.LinkOnly, PortalUserPermissions.Full, Invite: true),
            new NewPortalUser("Quinn Quiet", quiet, PortalLoginMode.Password, PortalUserPermissions.Full),
        ], default);

        Assert.True(added.Succeeded, added.Message);
        await using (var db = await _app.CreateDbContextAsync())
        {
            var registration = await db.OutboxMessages.SingleAsync(m => m.ToAddress == password);
            Assert.Equal(TemplateKeys.Of(TemplateEvent.RegistrationLink), registration.TemplateKey);
            Assert.Contains("/portal/register/", registration.HtmlBody);
            var invitation = await db.OutboxMessages.SingleAsync(m => m.ToAddress == linkOnly);
            Assert.Equal(TemplateKeys.Of(TemplateEvent.PortalInvitation), invitation.TemplateKey);
            Assert.Contains((added.Value![1], PortalPaths.Home), Links.LinkTestData.DeepLinksIn(_app.Get<DeepLinks>(), invitation.HtmlBody));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == quiet));
            Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.PortalUserInvited
                && (e.EntityId == added.Value![0].ToString() || e.EntityId == added.Value[1].ToString())));
        }

        var later = await admin.SendInvitationAsync(staff, added.Value![2], default);

        Assert.True(later.Succeeded, later.Message);
        await using var check = await _app.CreateDbContextAsync();
        Assert.Equal(TemplateKeys.Of(TemplateEvent.RegistrationLink), (await check.OutboxMessages.SingleAsync(m => m.ToAddress == quiet)).TemplateKey);
    }

    [Fact]
    public async Task AnInvitation_ByACustomer_IsRefusedAndSendsNothing()
    {
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id, password: null);

        var refused = await _app.Get<PortalUserAdminService>().SendInvitationAsync(TestActors.Customer(customer.Id), user.Id, default);

        Assert.False(refused.Succeeded);
        await using var db = await _app.CreateDbContextAsync();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == user.Email));
    }
}
