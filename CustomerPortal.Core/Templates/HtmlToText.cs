using System.Net;
using System.Text.RegularExpressions;

namespace CustomerPortal.Core.Templates;

/// <summary>
/// The plain-text alternative of an HTML e-mail: paragraphs and line breaks kept, a link written as its text and its
/// address, markup dropped and entities decoded. Meant for the simple HTML of message templates, not for any web page.
/// </summary>
public static partial class HtmlToText
{
    // A guard against a pathological template, not a speed limit: the timeout counts wall-clock time, and on a busy
    // machine a normal e-mail's conversion was once stopped at 1 second (ci37, a test server at the lowest priority).
    private const int Guard = 10_000;

    public static string Convert(string html)
    {
        var text = Invisible().Replace(html ?? "", "");
        text = Whitespace().Replace(text, " ");
        text = Link().Replace(text, match =>
        {
            var address = WebUtility.HtmlDecode(match.Groups["href"].Value).Trim();
            var label = WebUtility.HtmlDecode(AnyTag().Replace(match.Groups["label"].Value, "")).Trim();
            // Encoded again so the decode below leaves it as it is.
            return WebUtility.HtmlEncode(label.Length == 0 || label == address ? address : $"{label} ({address})");
        });
        text = LineBreak().Replace(text, "\n");
        text = ListItem().Replace(text, "\n- ");
        text = BlockEnd().Replace(text, "\n\n");
        text = WebUtility.HtmlDecode(AnyTag().Replace(text, ""));
        var lines = text.Split('\n').Select(line => line.Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex(@"<(style|script|head|title)\b[^>]*>.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline, Guard)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"\s+", RegexOptions.None, Guard)]
    private static partial Regex Whitespace();

    [GeneratedRegex("""<a\b[^>]*?\bhref\s*=\s*(?:"(?<href>[^"]*)"|'(?<href>[^']*)'|(?<href>[^\s>]+))[^>]*>(?<label>.*?)</a\s*>""", RegexOptions.IgnoreCase | RegexOptions.Singleline, Guard)]
    private static partial Regex Link();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase, Guard)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<li\b[^>]*>", RegexOptions.IgnoreCase, Guard)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"</(p|div|h[1-6]|blockquote|ul|ol|table|tr)\s*>|<(p|div|h[1-6]|blockquote|ul|ol|table|tr|hr)\b[^>]*>", RegexOptions.IgnoreCase, Guard)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.None, Guard)]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"\n{3,}", RegexOptions.None, Guard)]
    private static partial Regex BlankLines();
}
