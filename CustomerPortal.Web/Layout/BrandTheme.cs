using MudBlazor;

namespace CustomerPortal.Web.Layout;

/// <summary>The MudBlazor theme in the company's accent colour.</summary>
public static class BrandTheme
{
    public static MudTheme For(string accentColor)
    {
        var accent = IsHexColor(accentColor) ? accentColor : "#1565C0";
        return new MudTheme
        {
            PaletteLight = new PaletteLight
            {
                Primary = accent,
                AppbarBackground = accent,
                Secondary = "#546E7A",
                Background = "#F5F6F8",
                DrawerBackground = "#FFFFFF",
            },
            Typography = new Typography
            {
                Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
            },
            LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
        };
    }

    public static bool IsHexColor(string value) =>
        value.Length is 7 && value[0] == '#' && value.Skip(1).All(Uri.IsHexDigit);
}
