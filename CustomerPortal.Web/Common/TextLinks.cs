using System.Text.RegularExpressions;

namespace CustomerPortal.Web.Common;

/// <summary>Splits plain text into runs and web addresses, so a message body can be shown with its links clickable but no markup of its own.</summary>
public static partial class TextLinks
{
    public readonly record struct Part(string Text, bool IsLink);

    public static IEnumerable<Part> Split(string text)
    {
        var at = 0;
        foreach (Match match in Url().Matches(text))
        {
            if (match.Index > at) yield return new(text[at..match.Index], false);
            yield return new(match.Value, true);
            at = match.Index + match.Length;
        }
        if (at < text.Length) yield return new(text[at..], false);
    }

    [GeneratedRegex(@"https?://[^\s<>""']+[^\s<>""'.,;:!?)]")]
    private static partial Regex Url();
}
