using CustomerPortal.Core.Access;
using CustomerPortal.Core.Estimates;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Live;

/// <summary>Staff document pages follow what the customer does, without a reload.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class StaffDocumentLiveTests(BrowserFixture browser)
{
    [Fact]
    public async Task OpenStaffEstimatePage_WhenTheCustomerAccepts_ShowsAccepted()
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, "Livesign");
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var estimate = await DocumentData.SentEstimateAsync(browser.App, customer.Id);
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsStaffAsync(staff.Email);
        await page.GotoAsync($"/staff/estimates/{estimate.Id}");
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Sent");
        await Assertions.Expect(page.Locator("[data-live-reload='on']")).ToHaveCountAsync(1);
        var customerActor = new Actor
        {
            Kind = ActorKind.Customer, Name = "Pat Portal", CustomerId = customer.Id, PortalUserId = user.Id,
            Modules = PortalModules.All, CanAcceptEstimates = true,
        };

        var accepted = await browser.App.Get<EstimateService>()
            .AcceptAsync(customerActor, estimate.Id, new EstimateSignature("Pat Livesign", "127.0.0.1", "test"), default);

        Assert.True(accepted.Succeeded, accepted.Message);
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Accepted");
        await page.Context.CloseAsync();
    }
}
