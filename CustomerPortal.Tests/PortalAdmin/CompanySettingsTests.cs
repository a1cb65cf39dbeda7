using System.Net;
using System.Text;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace CustomerPortal.Tests.PortalAdmin;

/// <summary>Company-wide settings change what every test sees, so these get an app of their own.</summary>
[CollectionDefinition(Name)]
public sealed class CompanySettingsAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "company settings app";
}

[Collection(CompanySettingsAppCollection.Name)]
public sealed class CompanySettingsTests(WebAppFixture fixture)
{
    private const string ClosedText = "The customer portal is closed at the moment";
    private static readonly string[] InvalidFields =
        ["AccentColor", "Currency", "DefaultTaxRatePercent", "Email", "Name", "PublicReviewUrl", "ReviewRatingThreshold", "TimeZoneId"];
    private readonly PortalAppFactory _app = fixture.App;

    private CompanySettingsAdminService Settings => _app.Get<CompanySettingsAdminService>();

    private async Task<Actor> AdminAsync() => (await PortalAdminKit.StaffAsync(_app, StaffRole.Admin)).Actor;

    private async Task<CompanySettingsInput> LoadAsync(Actor admin)
    {
        var loaded = await Settings.GetForEditAsync(admin, default);
        Assert.True(loaded.Succeeded, loaded.Message);
        return loaded.Value!;
    }

    private async Task<Result<int>> SaveAsync(Actor admin, Action<CompanySettingsInput> change)
    {
        var input = await LoadAsync(admin);
        change(input);
        return await Settings.SaveAsync(admin, input, default);
    }

    private static byte[] Png(int width = 8, int height = 8)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.CornflowerBlue);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public async Task SaveAsync_ValidChanges_AreSavedAuditedAndSeenByTheCachedSettings()
    {
        var admin = await AdminAsync();
        var company = _app.Get<CompanySettingsService>();
        _ = await company.GetAsync();

        var saved = await SaveAsync(admin, s =>
        {
            s.Name = "Acme Plumbing";
            s.AccentColor = "#2e7d32";
            s.Currency = "EUR";
            s.TimeZoneId = "Europe/Berlin";
            s.PublicReviewUrl = "https://reviews.example/acme";
            s.ReviewRatingThreshold = 5;
            s.DefaultModules = PortalModules.Jobs | PortalModules.Invoices;
            s.DefaultTaxRatePercent = 7.5m;
        });

        Assert.True(saved.Succeeded, saved.Message);
        var current = await company.GetAsync();
        Assert.Equal("Acme Plumbing", current.Name);
        Assert.Equal("#2E7D32", current.AccentColor);
        Assert.Equal("Europe/Berlin", current.TimeZoneId);
        Assert.Equal(7.5m, current.DefaultTaxRatePercent);
        Assert.Equal(saved.Value, current.Version);
        await using var db = await _app.CreateDbContextAsync();
        var audit = await db.AuditEvents.OrderByDescending(e => e.Id).FirstAsync(e => e.Action == AuditActions.SettingsChanged);
        Assert.Contains("name:", audit.Details);
        Assert.Contains("Acme Plumbing", audit.Details);
        Assert.Contains("currency", audit.Details);
    }

    [Fact]
    public async Task SaveAsync_InvalidValues_AreRefusedWithFieldErrors()
    {
        var admin = await AdminAsync();
        var before = await LoadAsync(admin);

        var result = await SaveAsync(admin, s =>
        {
            s.Name = " ";
            s.AccentColor = "blue";
            s.PublicReviewUrl = "javascript:alert(1)";
            s.ReviewRatingThreshold = 6;
            s.Currency = "XYZ";
            s.TimeZoneId = "Mars/Olympus_Mons";
            s.Email = "not-an-email";
            s.DefaultTaxRatePercent = 101m;
        });

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal(InvalidFields, result.Errors.Keys.Order());
        Assert.Equal(before.Version, (await LoadAsync(admin)).Version);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task SaveAsync_ThresholdOutOfRange_IsRefused(int threshold)
    {
        var result = await SaveAsync(await AdminAsync(), s => s.ReviewRatingThreshold = threshold);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.True(result.Errors.ContainsKey(nameof(CompanySettingsInput.ReviewRatingThreshold)));
    }

    [Theory]
    [InlineData("ftp://reviews.example/acme")]
    [InlineData("reviews.example/acme")]
    [InlineData("https://")]
    public async Task SaveAsync_ReviewUrlNotHttp_IsRefused(string url)
    {
        var result = await SaveAsync(await AdminAsync(), s => s.PublicReviewUrl = url);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.True(result.Errors.ContainsKey(nameof(CompanySettingsInput.PublicReviewUrl)));
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_IsAConflict()
    {
        var admin = await AdminAsync();
        var first = await LoadAsync(admin);
        var second = await LoadAsync(admin);
        first.Phone = "555-0101";
        Assert.True((await Settings.SaveAsync(admin, first, default)).Succeeded);

        second.Phone = "555-0202";
        var result = await Settings.SaveAsync(admin, second, default);

        Assert.Equal(ResultKind.Conflict, result.Kind);
        Assert.Equal("555-0101", (await LoadAsync(admin)).Phone);
    }

    [Fact]
    public async Task SaveAsync_ByStaffWhoIsNotAdmin_IsForbidden()
    {
        var (_, staff) = await PortalAdminKit.StaffAsync(_app);

        Assert.Equal(ResultKind.Forbidden, (await Settings.GetForEditAsync(staff, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Settings.SaveAsync(staff, new CompanySettingsInput(), default)).Kind);
    }

    [Fact]
    public async Task SettingsPage_IsForAdminsOnly()
    {
        var staff = await TestAccounts.CreateStaffAsync(_app);
        var admin = await TestAccounts.CreateStaffAsync(_app, StaffRole.Admin);
        using var staffClient = _app.CreateHttpClient();
        using var adminClient = _app.CreateHttpClient();
        await SignIn.StaffAsync(staffClient, staff.Email);
        await SignIn.StaffAsync(adminClient, admin.Email);

        foreach (var page in new[] { "staff/settings", "staff/settings/website-button", "staff/audit" })
        {
            Assert.Equal("/account/access-denied", Redirects.LocationPath(await staffClient.GetAsync(page)));
            Assert.Equal(HttpStatusCode.OK, (await adminClient.GetAsync(page)).StatusCode);
        }
    }

    [Fact]
    public async Task UploadLogoAsync_Png_IsStoredAndServed()
    {
        var admin = await AdminAsync();
        var version = (await LoadAsync(admin)).Version;
        var png = Png();

        var uploaded = await Settings.UploadLogoAsync(admin, png, version, default);

        Assert.True(uploaded.Succeeded, uploaded.Message);
        using var client = _app.CreateHttpClient();
        var response = await client.GetAsync($"branding/logo?v={uploaded.Value}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UploadLogoAsync_ExecutableRenamedPng_IsRefusedByContent()
    {
        var admin = await AdminAsync();
        var exe = new byte[2048];
        "MZ"u8.CopyTo(exe);
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.").CopyTo(exe, 78);

        var result = await Settings.UploadLogoAsync(admin, exe, (await LoadAsync(admin)).Version, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal(LogoImage.WrongTypeMessage, result.Message);
    }

    [Fact]
    public async Task UploadLogoAsync_Oversize_IsRefused()
    {
        var admin = await AdminAsync();
        var big = new byte[LogoImage.MaxBytes + 1];
        Png().CopyTo(big, 0);

        var result = await Settings.UploadLogoAsync(admin, big, (await LoadAsync(admin)).Version, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Contains("the limit is 1 MB", result.Message);
    }

    [Fact]
    public async Task UploadLogoAsync_SvgWithScript_IsCleanedAndServedWithLockedDownPolicy()
    {
        var admin = await AdminAsync();
        var svg = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10" fill="#123456"/></svg>""";

        var uploaded = await Settings.UploadLogoAsync(admin, Encoding.UTF8.GetBytes(svg), (await LoadAsync(admin)).Version, default);

        Assert.True(uploaded.Succeeded, uploaded.Message);
        using var client = _app.CreateHttpClient();
        var response = await client.GetAsync("branding/logo");
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var served = await response.Content.ReadAsStringAsync();
        Assert.Contains("<rect", served);
        Assert.DoesNotContain("script", served);
        Assert.DoesNotContain("onload", served);
    }

    [Fact]
    public async Task PortalOffForEveryone_SignedInUserSeesClosedPage_SignInPageExplains_UntilTurnedOnAgain()
    {
        var admin = await AdminAsync();
        var customer = await TestAccounts.CreateCustomerAsync(_app);
        var user = await TestAccounts.CreatePortalUserAsync(_app, customer.Id);
        using var client = _app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(client, user.Email)).StatusCode);
        await SaveAsync(admin, s => s.Phone = "555-0199");

        var off = await SaveAsync(admin, s => s.PortalEnabled = false);
        try
        {
            Assert.True(off.Succeeded, off.Message);
            var page = await client.GetAsync("portal");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains(ClosedText, html);
            Assert.Contains("555-0199", html);
            Assert.DoesNotContain("Welcome,", html);
            using var anonymous = _app.CreateHttpClient();
            Assert.Contains(ClosedText, await anonymous.GetStringAsync("portal/login"));
            Assert.Contains(ClosedText, await anonymous.GetStringAsync($"portal/c/{customer.PortalIdentifier}"));
            Assert.Contains(Core.Accounts.SignInService.PortalClosedMessage,
                await (await SignIn.PortalAsync(anonymous, user.Email)).Content.ReadAsStringAsync());
        }
        finally
        {
            Assert.True((await SaveAsync(admin, s => s.PortalEnabled = true)).Succeeded);
        }

        Assert.DoesNotContain(ClosedText, await client.GetStringAsync("portal"));
    }
}
