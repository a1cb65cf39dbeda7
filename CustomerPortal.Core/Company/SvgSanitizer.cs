using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace CustomerPortal.Core.Company;

/// <summary>
/// Rebuilds an uploaded SVG from an allow-list of drawing elements and attributes. Scripts, event handlers, foreign
/// content, external references (links, images, fonts, CSS imports) and DTDs never survive, so the logo stays a
/// picture even if someone opens its URL directly.
/// </summary>
public static partial class SvgSanitizer
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    private static readonly HashSet<string> Elements = new(StringComparer.Ordinal)
    {
        "svg", "g", "defs", "title", "desc", "symbol", "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "style",
        "filter", "feGaussianBlur", "feOffset", "feBlend", "feColorMatrix", "feMerge", "feMergeNode", "feFlood", "feComposite", "feDropShadow",
    };

    private static readonly HashSet<string> Attributes = new(StringComparer.Ordinal)
    {
        "id", "class", "style", "transform", "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
        "fx", "fy", "fr", "d", "points", "pathLength", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
        "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "color", "display",
        "visibility", "overflow", "clip-path", "clip-rule", "mask", "filter", "font-family", "font-size", "font-weight", "font-style",
        "font-variant", "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
        "text-decoration", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side", "rotate", "dx", "dy",
        "gradientUnits", "gradientTransform", "spreadMethod", "offset", "stop-color", "stop-opacity", "preserveAspectRatio", "version",
        "patternUnits", "patternContentUnits", "patternTransform", "maskUnits", "maskContentUnits", "clipPathUnits", "filterUnits",
        "primitiveUnits", "stdDeviation", "in", "in2", "result", "mode", "values", "type", "operator", "k1", "k2", "k3", "k4",
        "flood-color", "flood-opacity", "paint-order", "vector-effect", "shape-rendering", "text-rendering", "image-rendering",
        "color-interpolation-filters", "enable-background", "href", "media",
    };

    /// <summary>Does the content look like an SVG document (checked by content: an XML root element named svg)?</summary>
    public static bool LooksLikeSvg(ReadOnlySpan<byte> content)
    {
        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 4096)]);
        return SvgStart().IsMatch(head);
    }

    /// <summary>The cleaned SVG as UTF-8 bytes, or null when the content is not a well-formed SVG document.</summary>
    public static byte[]? Sanitize(ReadOnlySpan<byte> content)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(content.ToArray());
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                // A DOCTYPE (common in editor exports) is skipped, never processed: no entities, no external loads.
                DtdProcessing = DtdProcessing.Ignore,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                MaxCharactersInDocument = 4_000_000,
            });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }

        if (document.Root is not { } root || root.Name != Svg + "svg") return null;
        var clean = CleanElement(root);
        clean.SetAttributeValue(XNamespace.Xmlns + "xlink", XLink.NamespaceName);
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + clean.ToString(SaveOptions.DisableFormatting);
        return Encoding.UTF8.GetBytes(text);
    }

    private static XElement CleanElement(XElement source)
    {
        var target = new XElement(Svg + source.Name.LocalName);
        foreach (var attribute in source.Attributes())
        {
            if (attribute.IsNamespaceDeclaration) continue;
            var allowedName = attribute.Name.Namespace == XNamespace.None
                ? Attributes.Contains(attribute.Name.LocalName)
                : attribute.Name == XLink + "href" || attribute.Name == XNamespace.Xml + "space";
            if (!allowedName || !IsSafeValue(attribute.Name.LocalName, attribute.Value)) continue;
            target.SetAttributeValue(attribute.Name, attribute.Value);
        }

        foreach (var node in source.Nodes())
        {
            switch (node)
            {
                case XElement child when child.Name.Namespace == Svg && Elements.Contains(child.Name.LocalName):
                    target.Add(CleanElement(child));
                    break;
                case XText text when source.Name.LocalName != "style" || IsSafeCss(text.Value):
                    target.Add(new XText(text.Value));
                    break;
            }
        }
        return target;
    }

    private static bool IsSafeValue(string name, string value)
    {
        // Only references to parts of this same document (#id) are kept; anything that could load or run something else goes.
        if (name == "href") return value.StartsWith('#');
        return name == "style" ? IsSafeCss(value) : !UnsafeValue().IsMatch(value);
    }

    private static bool IsSafeCss(string css) => !UnsafeCss().IsMatch(css) && !UnsafeValue().IsMatch(css);

    [GeneratedRegex(@"^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s>]", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SvgStart();

    [GeneratedRegex(@"javascript:|vbscript:|data:|url\s*\(\s*['""]?\s*[^#\s'""]", RegexOptions.IgnoreCase)]
    private static partial Regex UnsafeValue();

    [GeneratedRegex(@"@import|@font-face|expression\s*\(|\\|behavior\s*:|-moz-binding", RegexOptions.IgnoreCase)]
    private static partial Regex UnsafeCss();
}
