using System.Globalization;
using System.Net;

namespace CustomerPortal.Core.Company;

/// <summary>
/// The copy-paste HTML for a "customer portal" button on the company's own website: one link with inline styles, no
/// script and no stylesheet, so it works in any page builder that accepts HTML.
/// </summary>
public static class WebsiteButton
{
    public const string DefaultAccent = "#1565C0";

    public static string Label(string companyName) =>
        string.IsNullOrWhiteSpace(companyName) ? "Customer portal" : $"{companyName.Trim()} customer portal";

    /// <summary>The label of the button that opens the public request page.</summary>
    public const string RequestWorkLabel = "Request work";

    /// <summary>
    /// The snippet. Every value is HTML-encoded; an invalid colour falls back to the default accent. The label is the
    /// portal's (<see cref="Label"/>) unless given, e.g. <see cref="RequestWorkLabel"/> for the public request page.
    /// </summary>
    public static string Snippet(string companyName, string accentColor, string portalUrl, string? label = null)
    {
        var background = CompanySettingsRules.IsHexColor(accentColor) ? accentColor.ToUpperInvariant() : DefaultAccent;
        var text = TextColorOn(background);
        // target=_top: a builder that previews pages in a frame would otherwise open the portal inside the frame.
        return $"<a href=\"{WebUtility.HtmlEncode(portalUrl)}\" target=\"_top\" " +
               $"style=\"display:inline-block;padding:12px 24px;background-color:{background};color:{text};" +
               "font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;line-height:1.2;text-decoration:none;" +
               $"border-radius:6px;border:1px solid {background};\">{WebUtility.HtmlEncode(label ?? Label(companyName))}</a>";
    }

    /// <summary>White or near-black text, whichever reads better on the background (WCAG relative luminance).</summary>
    public static string TextColorOn(string hexColor)
    {
        var r = Channel(hexColor, 1);
        var g = Channel(hexColor, 3);
        var b = Channel(hexColor, 5);
        var luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        var contrastWithWhite = 1.05 / (luminance + 0.05);
        var contrastWithBlack = (luminance + 0.05) / 0.05;
        return contrastWithWhite >= contrastWithBlack ? "#FFFFFF" : "#111111";
    }

    private static double Channel(string hex, int start)
    {
        var value = int.Parse(hex.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
        return value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
    }
}
