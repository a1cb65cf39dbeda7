using System.Globalization;
using MudBlazor;

namespace CustomerPortal.Web.Layout;

/// <summary>
/// The MudBlazor theme in the company's accent colour, with every text colour at WCAG AA contrast (4.5:1): the app bar
/// keeps the exact accent and takes white or near-black text, whichever reads better; where the accent is used as text
/// or behind white button text it is darkened just enough to read on the page background.
/// </summary>
public static class BrandTheme
{
    public const string DefaultAccent = "#1565C0";
    public const string Background = "#F5F6F8";
    public const double MinimumContrast = 4.5;

    public static MudTheme For(string accentColor)
    {
        var accent = IsHexColor(accentColor) ? accentColor.ToUpperInvariant() : DefaultAccent;
        var primary = Readable(accent);
        return new MudTheme
        {
            PaletteLight = new PaletteLight
            {
                Primary = primary,
                PrimaryContrastText = TextColorOn(primary),
                AppbarBackground = accent,
                AppbarText = TextColorOn(accent),
                // Material's defaults for these are too light for text on white (e.g. #00C853 is 2.1:1).
                Secondary = "#546E7A",
                Info = "#0B63B6",
                Success = "#2E7D32",
                Warning = "#B45309",
                Error = "#C62828",
                TextSecondary = "rgba(0,0,0,0.64)",
                Background = Background,
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

    /// <summary>White or near-black, whichever has more contrast on the colour (at least 4.5:1 for any colour).</summary>
    public static string TextColorOn(string hexColor) => CustomerPortal.Core.Company.WebsiteButton.TextColorOn(hexColor);

    /// <summary>The colour, darkened in small steps until it reads as text on the page background (and white reads on it).</summary>
    public static string Readable(string hexColor)
    {
        var (r, g, b) = Channels(hexColor);
        for (var factor = 1.0; factor > 0; factor -= 0.04)
        {
            var candidate = Hex(r * factor, g * factor, b * factor);
            if (Contrast(candidate, Background) >= MinimumContrast) return candidate;
        }
        return "#000000";
    }

    /// <summary>WCAG contrast ratio of two #RRGGBB colours, from 1 to 21.</summary>
    public static double Contrast(string first, string second)
    {
        var a = Luminance(first);
        var b = Luminance(second);
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double Luminance(string hex)
    {
        var (r, g, b) = Channels(hex);
        return 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);
    }

    private static double Linear(double channel)
    {
        var value = channel / 255.0;
        return value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
    }

    private static (double R, double G, double B) Channels(string hex) =>
        (Parse(hex, 1), Parse(hex, 3), Parse(hex, 5));

    private static int Parse(string hex, int start) => int.Parse(hex.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Hex(double r, double g, double b) =>
        string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round(r):X2}{(int)Math.Round(g):X2}{(int)Math.Round(b):X2}");
}
