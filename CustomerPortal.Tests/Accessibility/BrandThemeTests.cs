using CustomerPortal.Web.Layout;
using MudBlazor;

namespace CustomerPortal.Tests.Accessibility;

/// <summary>Whatever accent colour a company picks, every text colour of the theme reads at WCAG AA (4.5:1).</summary>
public sealed class BrandThemeTests
{
    private const string White = "#FFFFFF";

    public static TheoryData<string> Accents() =>
        new(AxeAudit.DemoAccent, BrandTheme.DefaultAccent, "#FFEB3B", "#FFFFFF", "#000000", "#FF9800", "#00BCD4", "#AD1457", "#1E88E5", "#7F7F7F");

    [Theory]
    [MemberData(nameof(Accents))]
    public void For_AnyAccent_TextOnAndInAccentReadsAtAA(string accent)
    {
        var palette = BrandTheme.For(accent).PaletteLight;

        Assert.Equal(accent, Hex(palette.AppbarBackground), ignoreCase: true);
        Assert.True(BrandTheme.Contrast(Hex(palette.AppbarText), accent) >= BrandTheme.MinimumContrast, $"app bar text on {accent}");
        var primary = Hex(palette.Primary);
        Assert.True(BrandTheme.Contrast(primary, BrandTheme.Background) >= BrandTheme.MinimumContrast, $"primary {primary} as text on the page");
        Assert.True(BrandTheme.Contrast(primary, White) >= BrandTheme.MinimumContrast, $"primary {primary} as text on white");
        Assert.True(BrandTheme.Contrast(Hex(palette.PrimaryContrastText), primary) >= BrandTheme.MinimumContrast, $"button text on {primary}");
    }

    [Theory]
    [InlineData(AxeAudit.DemoAccent)]
    [InlineData(BrandTheme.DefaultAccent)]
    public void For_AccentThatAlreadyReads_KeepsItExactly(string accent) =>
        Assert.Equal(accent, Hex(BrandTheme.For(accent).PaletteLight.Primary), ignoreCase: true);

    [Fact]
    public void For_LightAccent_DarkensPrimaryAndPutsDarkTextInTheAppBar()
    {
        var palette = BrandTheme.For("#FFEB3B").PaletteLight;

        Assert.False(string.Equals("#FFEB3B", Hex(palette.Primary), StringComparison.OrdinalIgnoreCase));
        Assert.Equal("#111111", Hex(palette.AppbarText), ignoreCase: true);
    }

    [Fact]
    public void For_StatusColours_ReadAsTextAndUnderWhiteText()
    {
        var palette = BrandTheme.For("").PaletteLight;
        foreach (var (name, colour) in new[] { ("secondary", palette.Secondary), ("info", palette.Info), ("success", palette.Success), ("warning", palette.Warning), ("error", palette.Error) })
        {
            Assert.True(BrandTheme.Contrast(Hex(colour), BrandTheme.Background) >= BrandTheme.MinimumContrast, $"{name} as text on the page");
            Assert.True(BrandTheme.Contrast(Hex(colour), White) >= BrandTheme.MinimumContrast, $"white text on {name}");
        }
    }

    private static string Hex(MudBlazor.Utilities.MudColor colour) => colour.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex);
}
