using Microsoft.Extensions.DependencyInjection;
using CustomerPortal.Web.Layout;
using MudBlazor.Utilities;

namespace CustomerPortal.Tests.Accessibility;

/// <summary>Every layout writes the brand theme's CSS (shared text rendered by MudThemeProvider, not a provider per page).</summary>
[Collection(WebAppCollection.Name)]
public sealed class BrandThemeStyleTests(WebAppFixture fixture)
{
    [Theory]
    [InlineData("account/login")]
    [InlineData("portal/login")]
    public async Task Page_CarriesTheThemeStyle_InTheAccentColour(string path)
    {
        using var http = fixture.App.CreateHttpClient();
        var html = await http.GetStringAsync(path);

        Assert.Contains("<style class='mud-theme-provider'>", html, StringComparison.Ordinal);
        Assert.Contains($"--mud-palette-appbar-background: {new MudColor(BrandTheme.DefaultAccent)};", html, StringComparison.Ordinal);
        Assert.Contains("--mud-typography-default-family: system-ui", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Styles_ForOneColour_AreOneSharedText()
    {
        await using var scope = fixture.App.CreateScope();
        var styles = scope.ServiceProvider.GetRequiredService<BrandThemeStyles>();

        var first = await styles.ForAsync("#2e7d32");
        var second = await styles.ForAsync("#2E7D32");

        Assert.Same(first.Value, second.Value);
        Assert.Contains($"--mud-palette-appbar-background: {new MudColor("#2E7D32")};", first.Value, StringComparison.Ordinal);
    }
}
