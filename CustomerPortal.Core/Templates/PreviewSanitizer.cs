using Ganss.Xss;

namespace CustomerPortal.Core.Templates;

/// <summary>
/// An e-mail's HTML made safe to show inside a staff page: HtmlSanitizer keeps the ordinary markup of an e-mail (text,
/// links, tables, inline styles) and drops scripts, event handlers, forms and frames, so a template cannot run code
/// in the back office.
/// </summary>
internal static class PreviewSanitizer
{
    private static readonly HtmlSanitizer Sanitizer = new();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html ?? "");
}
