using System.Text.RegularExpressions;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.Reviews;

/// <summary>A customer rates a job in the portal; staff see the review arrive on the open Reviews page.</summary>
[Collection(PortalBrowserCollection.Name)]
[Trait("Kind", "Browser")]
public sealed class RateUsJourneyTests(BrowserFixture browser)
{
    private const string PublicUrl = "https://reviews.example.com/brightwater";

    [Fact]
    public async Task Customer_RatesAJobFiveStars_SeesThePublicLink_StaffSeeItLive()
    {
        await SetReviewSettingsAsync();
        var (email, jobId) = await CustomerWithCompletedJobAsync("Fivestar");
        var staff = await SignedInStaffAsync();
        await staff.GotoAsync("/staff/reviews");
        await Assertions.Expect(staff.Locator("[data-live-reload='on']")).ToHaveCountAsync(1);
        var comment = $"Spotless work, thank you {Guid.NewGuid():N}"[..40];

        var customer = await browser.NewPageAsync();
        await new LoginPage(customer).SignInToPortalAsync(email);
        await customer.GotoAsync($"/portal/rate-us?job={jobId}");
        await Assertions.Expect(customer.GetByTestId("rate-submit")).ToBeEnabledAsync();
        await Assertions.Expect(customer.GetByTestId("rate-job")).ToContainTextAsync("Fivestar");
        await BrowserFixture.ScreenshotAsync(customer, "rate-us-form-1280");
        await customer.GetByText("Excellent").ClickAsync();
        await customer.GetByLabel("Comment (optional)").FillAsync(comment);
        await customer.GetByTestId("rate-submit").ClickAsync();

        var link = customer.GetByTestId("public-review-link");
        await Assertions.Expect(link).ToHaveAttributeAsync("href", PublicUrl);
        await Assertions.Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Assertions.Expect(customer.GetByTestId("rate-thanks")).Not.ToContainTextAsync(comment);
        await BrowserFixture.ScreenshotAsync(customer, "rate-us-thanks-1280");

        var review = staff.GetByTestId("review").Filter(new() { HasText = comment });
        await Assertions.Expect(review).ToBeVisibleAsync();
        await Assertions.Expect(review.GetByTestId("stars")).ToHaveAttributeAsync("data-rating", "5");
        await Assertions.Expect(review).ToContainTextAsync("Fivestar");
        await Assertions.Expect(staff.GetByTestId("review-distribution")).ToContainTextAsync("5 stars");
        await Assertions.Expect(staff.GetByTestId("review-distribution")).ToContainTextAsync("1 star");
        await BrowserFixture.ScreenshotAsync(staff, "staff-reviews-1280");

        await review.GetByTestId("review-follow-up").ClickAsync();
        await Assertions.Expect(review).ToContainTextAsync("Followed up by");
    }

    [Fact]
    public async Task Customer_OnAPhone_RatesBelowTheThreshold_GetsNoPublicLink()
    {
        await SetReviewSettingsAsync();
        var (email, _) = await CustomerWithCompletedJobAsync("Threestar");
        var customer = await browser.NewPageAsync(360, 800);
        await new LoginPage(customer).SignInToPortalAsync(email);

        await customer.GotoAsync("/portal/rate-us");
        await Assertions.Expect(customer.GetByTestId("rate-submit")).ToBeEnabledAsync();
        await customer.GetByTestId("rate-submit").ClickAsync();
        await Assertions.Expect(customer.GetByText("Choose from one to five stars.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(customer, "rate-us-form-360");
        await customer.GetByText("Good", new() { Exact = true }).ClickAsync();
        await customer.GetByTestId("rate-submit").ClickAsync();

        await Assertions.Expect(customer.GetByTestId("rate-thanks")).ToBeVisibleAsync();
        await Assertions.Expect(customer.GetByTestId("public-review-link")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(customer, "rate-us-thanks-360");
        Assert.True(await customer.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "Rate us scrolls sideways at 360 px.");
    }

    private async Task SetReviewSettingsAsync()
    {
        await using (var db = await browser.App.CreateDbContextAsync())
        {
            var company = await db.CompanySettings.SingleOrDefaultAsync();
            if (company is null) db.CompanySettings.Add(company = new CompanySettings());
            Assert.True(company.ChangeReviewSettings(PublicUrl, 4).Succeeded);
            await db.SaveChangesAsync();
        }
        browser.App.Services.GetRequiredService<CompanySettingsService>().Invalidate();
    }

    private async Task<(string Email, int JobId)> CustomerWithCompletedJobAsync(string name)
    {
        var customer = await TestAccounts.CreateCustomerAsync(browser.App, name);
        var user = await TestAccounts.CreatePortalUserAsync(browser.App, customer.Id);
        await using var db = await browser.App.CreateDbContextAsync();
        var job = await TestRecords.JobAsync(db, customer.Id, $"{name} water heater");
        Assert.True(job.Complete(TestRecords.Created).Succeeded);
        await db.SaveChangesAsync();
        return (user.Email, job.Id);
    }

    private async Task<IPage> SignedInStaffAsync()
    {
        var staff = await TestAccounts.CreateStaffAsync(browser.App);
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsStaffAsync(staff.Email);
        return page;
    }
}
