using Microsoft.AspNetCore.Components;

namespace CustomerPortal.Web.Common;

/// <summary>
/// MudIcon's markup without a component, for parts of every page (menu, tiles, sign-out) where a component per icon
/// would sit in each open page's circuit for nothing.
/// </summary>
public static class PlainIcon
{
    /// <summary>An SVG of <paramref name="icon"/>, a MudBlazor icon constant (<c>Icons.Material...</c>): our code's, never user text.</summary>
    public static MarkupString Svg(string icon, string classes = "mud-icon-size-medium") =>
        new($"<svg class=\"mud-icon-root mud-svg-icon {classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");
}
